package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.loyalty.Gift;
import org.bizhall.api.loyalty.LoyaltyService;
import org.bizhall.api.loyalty.PointsMovement;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.NewSubscriber;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Points and gift stock on real Derby: each movement a row, never below zero, each taken once under concurrency. */
public class LoyaltyStoreTest {
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    private static String subscriber(String msisdn) {
        long account = db.accounts.open(AccountType.CASH_PREPAID, "SN", "张三", null).id();
        db.subscribers.register(new NewSubscriber(msisdn, "SN", "SN-XA-001",
                new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, "11010519491231002X", null), "GOTONE-88",
                List.of("VOICE"), account, null, "order-" + msisdn));
        return msisdn;
    }

    private static ProblemException refusal(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e;
        }
        fail("expected a refusal");
        return null;
    }

    @Test
    public void rules8_pointsEarnedOncePerNumberAndMonth_repeatEarnsNothing() {
        String msisdn = subscriber("13891801001");
        assertEquals(0, db.loyalty.balance(msisdn));
        PointsMovement first = db.loyalty.earn(msisdn, YearMonth.of(2026, 10), 58, "billing run 2026-10").orElseThrow();
        assertEquals(PointsMovement.EARN, first.kind());
        assertEquals(58, first.balanceAfter());
        assertTrue(db.loyalty.earn(msisdn, YearMonth.of(2026, 10), 58, "again").isEmpty());
        db.loyalty.earn(msisdn, YearMonth.of(2026, 11), 10, "billing run 2026-11").orElseThrow();
        assertEquals(68, db.loyalty.balance(msisdn));
        assertEquals(2, db.loyalty.movements(msisdn, 0, 50).total());
    }

    @Test
    public void rules8_adjustmentWithReasonAndWho_neverBelowZero() {
        String msisdn = subscriber("13891801002");
        PointsMovement plus = db.loyalty.adjust(msisdn, 300, "迁移补录", "bo-sn");
        assertEquals(300, plus.balanceAfter());
        assertEquals("bo-sn", plus.by());
        assertEquals("迁移补录", plus.reason());
        ProblemException e = refusal(() -> db.loyalty.adjust(msisdn, -301, "纠错", "bo-sn"));
        assertEquals(422, e.status());
        assertEquals("POINTS_INSUFFICIENT", e.code());
        assertEquals(300, db.loyalty.balance(msisdn));
        assertEquals("a refused adjustment leaves no movement", 1, db.loyalty.movements(msisdn, 0, 50).total());
        assertEquals(0, db.loyalty.adjust(msisdn, -300, "纠错", "bo-sn").balanceAfter());
        assertEquals("REASON_MISSING", refusal(() -> db.loyalty.adjust(msisdn, 5, " ", "bo-sn")).code());
        assertEquals("POINTS_INVALID", refusal(() -> db.loyalty.adjust(msisdn, 0, "x", "bo-sn")).code());
        assertEquals("SUBSCRIBER_NOT_FOUND", refusal(() -> db.loyalty.adjust("13891809999", 5, "x", "bo-sn")).code());
    }

    @Test
    public void rules8_redemptionTakesPointsAndStock_refusalTakesNothing_giveBackOnce() {
        String msisdn = subscriber("13891801003");
        db.loyalty.addGift(new Gift("T-CUP", "杯子", 100, 2, 0));
        db.loyalty.adjust(msisdn, 250, "seed", "bo-sn");

        PointsMovement redeemed = db.loyalty.redeem(msisdn, "T-CUP", 2, "order-r1");
        assertEquals(-200, redeemed.points());
        assertEquals(50, db.loyalty.balance(msisdn));
        assertEquals(0, db.loyalty.gift("T-CUP").orElseThrow().stock());
        assertEquals("REDEMPTION_EXISTS", refusal(() -> db.loyalty.redeem(msisdn, "T-CUP", 1, "order-r1")).code());

        ProblemException out = refusal(() -> db.loyalty.redeem(msisdn, "T-CUP", 1, "order-r2"));
        assertEquals("GIFT_OUT_OF_STOCK", out.code());
        assertEquals(422, out.status());

        assertTrue(db.loyalty.giveBack("order-r1", "office declined").isPresent());
        assertTrue("given back once", db.loyalty.giveBack("order-r1", "again").isEmpty());
        assertEquals(250, db.loyalty.balance(msisdn));
        assertEquals(2, db.loyalty.gift("T-CUP").orElseThrow().stock());

        ProblemException poor = refusal(() -> db.loyalty.redeem(msisdn, "T-CUP", 3, "order-r3"));
        assertEquals("GIFT_OUT_OF_STOCK", poor.code());
        db.loyalty.addGift(new Gift("T-BIG", "大礼", 1000, 5, 0));
        assertEquals("POINTS_INSUFFICIENT", refusal(() -> db.loyalty.redeem(msisdn, "T-BIG", 1, "order-r4")).code());
        assertEquals("the stock taken before the points were found short is back", 5,
                db.loyalty.gift("T-BIG").orElseThrow().stock());
        assertEquals(250, db.loyalty.balance(msisdn));
        assertEquals("GIFT_NOT_FOUND", refusal(() -> db.loyalty.redeem(msisdn, "NOPE", 1, "order-r5")).code());
    }

    @Test
    public void rules8_concurrentRedemptionsOfTheLastPoints_exactlyOneWins() throws Exception {
        db.loyalty.addGift(new Gift("T-PEN", "笔", 500, 1000, 0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                String msisdn = subscriber("1389180110" + round);
                db.loyalty.adjust(msisdn, 500, "one pen's worth", "bo-sn");
                List<String> outcomes = race(pool, 4, n -> db.loyalty.redeem(msisdn, "T-PEN", 1, "pen-" + msisdn + "-" + n));
                assertEquals(outcomes.toString(), 1, outcomes.stream().filter("WON"::equals).count());
                assertEquals(outcomes.toString(), 3, outcomes.stream().filter("422 POINTS_INSUFFICIENT"::equals).count());
                assertEquals(0, db.loyalty.balance(msisdn));
                assertEquals("one REDEEM besides the adjustment", 2, db.loyalty.movements(msisdn, 0, 50).total());
            }
            assertEquals(995, db.loyalty.gift("T-PEN").orElseThrow().stock());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void rules8_concurrentRedemptionsOfTheLastGift_exactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                String code = "T-LAST" + round;
                db.loyalty.addGift(new Gift(code, "最后一件", 10, 1, 0));
                List<String> numbers = new ArrayList<>();
                for (int n = 0; n < 4; n++) {
                    String msisdn = subscriber("138918012" + round + n);
                    db.loyalty.adjust(msisdn, 100, "seed", "bo-sn");
                    numbers.add(msisdn);
                }
                List<String> outcomes = race(pool, 4, n -> db.loyalty.redeem(numbers.get(n), code, 1, code + "-" + n));
                assertEquals(outcomes.toString(), 1, outcomes.stream().filter("WON"::equals).count());
                assertEquals(outcomes.toString(), 3, outcomes.stream().filter("422 GIFT_OUT_OF_STOCK"::equals).count());
                assertEquals(0, db.loyalty.gift(code).orElseThrow().stock());
                assertEquals("the losers keep their points", 3 * 100 + 90,
                        numbers.stream().mapToLong(db.loyalty::balance).sum());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void rules8_concurrentEarningsOfOneMonth_creditOnce() throws Exception {
        String msisdn = subscriber("13891801300");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<String> outcomes = race(pool, 4, n -> {
                if (db.loyalty.earn(msisdn, YearMonth.of(2026, 9), 42, "run").isEmpty()) {
                    throw ProblemException.conflict("REPEAT", "repeat");
                }
            });
            assertEquals(outcomes.toString(), 1, outcomes.stream().filter("WON"::equals).count());
            assertEquals(42, db.loyalty.balance(msisdn));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A billing run's page of earnings at once: each number once per month, a number listed twice included. */
    @Test
    public void rules8_earningsOfAPageAtOnce_eachNumberOncePerMonth() {
        String had = subscriber("13891801401");
        String fresh = subscriber("13891801402");
        String earned = subscriber("13891801403");
        String zero = subscriber("13891801404");
        db.loyalty.adjust(had, 10, "开户赠送", "admin");
        db.loyalty.earn(earned, YearMonth.of(2026, 8), 7, "run");
        List<Boolean> credited = db.loyalty.earnAll(YearMonth.of(2026, 8), List.of(
                new LoyaltyService.Earning(had, 88, "积分 2026-08"), new LoyaltyService.Earning(fresh, 18, "积分 2026-08"),
                new LoyaltyService.Earning(earned, 7, "积分 2026-08"), new LoyaltyService.Earning(fresh, 18, "again"),
                new LoyaltyService.Earning(zero, 0, "nothing")));
        assertEquals(List.of(true, true, false, false, false), credited);
        assertEquals(98, db.loyalty.balance(had));
        assertEquals(18, db.loyalty.balance(fresh));
        assertEquals(7, db.loyalty.balance(earned));
        assertEquals(0, db.loyalty.balance(zero));
        PointsMovement last = db.loyalty.movements(had, 0, 1).items().get(0);
        assertEquals(PointsMovement.EARN, last.kind());
        assertEquals(88, last.points());
        assertEquals("the balance the movement left", 98, last.balanceAfter());
        assertEquals("2026-08", last.month());
        // the same page again: nothing twice, and the single earning agrees
        assertEquals(List.of(false, false), db.loyalty.earnAll(YearMonth.of(2026, 8), List.of(
                new LoyaltyService.Earning(had, 88, "积分 2026-08"), new LoyaltyService.Earning(fresh, 18, "积分 2026-08"))));
        assertTrue(db.loyalty.earn(fresh, YearMonth.of(2026, 8), 18, "run").isEmpty());
        assertEquals(404, refusal(() -> db.loyalty.earnAll(YearMonth.of(2026, 9),
                List.of(new LoyaltyService.Earning("13891801499", 5, "nobody")))).status());
    }

    interface Attempt {
        void run(int n);
    }

    private static List<String> race(ExecutorService pool, int contenders, Attempt attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (int n = 0; n < contenders; n++) {
            int which = n;
            Callable<String> c = () -> {
                start.await();
                try {
                    attempt.run(which);
                    return "WON";
                } catch (ProblemException e) {
                    return e.status() + " " + e.code();
                }
            };
            futures.add(pool.submit(c));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : futures) {
            outcomes.add(f.get());
        }
        return outcomes;
    }
}
