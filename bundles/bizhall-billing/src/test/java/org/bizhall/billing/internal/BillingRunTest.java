package org.bizhall.billing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Set;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.BillingRun;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.junit.Test;

public class BillingRunTest {
    private static final Caller ADMIN = Caller.admin("admin");
    private final FakeWorld world = new FakeWorld();
    private final BillingRunService billing = new BillingRunService(world.catalog, world,
            world.clock, world.transactions, world.audit).earningPointsWith(world.loyalty, world.params);
    private final ArrearsServiceImpl arrears = new ArrearsServiceImpl(world.subscribers, world.accounts, world,
            world.clock);

    @Test
    public void aMonthBilledTwiceIsChargedOnce() {
        Subscriber s = world.join("13891800001", "GOTONE-88", LocalDate.of(2026, 10, 3), 10000);
        BillingRun first = billing.run(ADMIN, YearMonth.of(2026, 11));
        assertEquals(1, first.charged());
        assertEquals(8800, first.totalFen());
        BillingRun again = billing.run(ADMIN, YearMonth.of(2026, 11));
        assertEquals(0, again.charged());
        assertEquals(0, again.totalFen());
        assertEquals(1, again.alreadyCharged());
        assertEquals(10000 - 8800, world.balance(s));
    }

    /** A page that another run (node) met first is charged again, and finds what that run charged. */
    @Test
    public void aPageMetByAnotherRunIsChargedAgain_meetingItOnEveryAttemptStopsTheRun() {
        Subscriber s = world.join("13891800001", "GOTONE-88", LocalDate.of(2026, 10, 3), 0);
        world.conflicts = 2;
        BillingRun run = billing.run(ADMIN, YearMonth.of(2026, 11));
        assertEquals(1, run.charged());
        assertEquals(-8800, world.balance(s));
        assertEquals(88, world.loyalty.balance(s.msisdn()));

        world.clock.moveTo(OffsetDateTime.parse("2027-01-05T10:00:00+08:00"));
        world.conflicts = BillingRunService.PAGE_ATTEMPTS;
        try {
            billing.run(ADMIN, YearMonth.of(2026, 12));
            fail("met on every attempt, the run stops");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals("CHARGE_CONFLICT", e.code());
        }
        assertEquals("nothing of December charged", -8800, world.balance(s));
    }

    @Test
    public void aPageThatWaitedTooLongBehindAnotherRunsLocksIsChargedAgain() {
        Subscriber s = world.join("13891800001", "GOTONE-88", LocalDate.of(2026, 10, 3), 0);
        world.lockWaits = 2;
        BillingRun run = billing.run(ADMIN, YearMonth.of(2026, 11));
        assertEquals(1, run.charged());
        assertEquals(-8800, world.balance(s));
    }

    @Test
    public void rules8_chargedSubscriberEarnsFloorOfChargedYuanTimesPointsPerYuan() {
        Subscriber full = world.join("13891800001", "GOTONE-88", LocalDate.of(2026, 10, 3), 10000);
        Subscriber daily = world.join("13891800003", "EASYOWN-BASIC", LocalDate.of(2026, 10, 15), 0);
        billing.run(ADMIN, YearMonth.of(2026, 10));
        // joined on the 3rd: the full 88.00 yuan → 88 points; 17 days of the daily package, 5.59 yuan → 5 points
        assertEquals(88, world.loyalty.balance(full.msisdn()));
        assertEquals(5, world.loyalty.balance(daily.msisdn()));
        world.params.with("SN", NationalParams.POINTS_PER_YUAN, 2);
        billing.run(ADMIN, YearMonth.of(2026, 11));
        assertEquals("the province's pointsPerYuan", 88 + 2 * 88, world.loyalty.balance(full.msisdn()));
    }

    @Test
    public void rules8_aRepeatedRunEarnsNothingTwice() {
        Subscriber s = world.join("13891800001", "GOTONE-88", LocalDate.of(2026, 9, 3), 10000);
        billing.run(ADMIN, YearMonth.of(2026, 11));
        billing.run(ADMIN, YearMonth.of(2026, 11));
        assertEquals(88, world.loyalty.balance(s.msisdn()));
        assertEquals(1, world.loyalty.all(s.msisdn()).size());
        assertEquals("2026-11", world.loyalty.all(s.msisdn()).get(0).month());
    }

    @Test
    public void onlyAMonthThatHasEndedCanBeBilled() {
        world.join("13891800001", "GOTONE-88", LocalDate.of(2026, 10, 3), 0);
        for (YearMonth month : new YearMonth[] {YearMonth.of(2026, 12), YearMonth.of(2027, 1)}) {
            try {
                billing.run(ADMIN, month);
                fail("the current and later months cannot be billed");
            } catch (ProblemException e) {
                assertEquals(422, e.status());
                assertEquals("MONTH_NOT_ENDED", e.code());
            }
        }
        assertEquals(0, world.ledger().stream().filter(e -> e.kind().equals("RENT")).count());
        // once the clock turns the month, it can
        world.clock.moveTo(OffsetDateTime.parse("2027-01-01T00:00:00+08:00"));
        assertEquals(1, billing.run(ADMIN, YearMonth.of(2026, 12)).charged());
    }

    /**
     * Rulebook §10: a package changed at the month's turn is charged from that month on; the month before it keeps
     * the old rent, even when its run comes after the change (the scheduler's change and run are due together).
     */
    @Test
    public void rules10_packageChangeAtTheMonthsTurnIsChargedFromThatMonthOn() {
        Subscriber s = world.join("13891800001", "GOTONE-88", LocalDate.of(2026, 10, 3), 0);
        Subscriber other = world.join("13891800002", "MZONE-18", LocalDate.of(2026, 10, 3), 0);
        world.clock.moveTo(OffsetDateTime.parse("2026-12-01T00:00:30+08:00"));
        world.subscribers.changePackage(new Msisdn(s.msisdn()), "GOTONE-128", "order-1");

        billing.run(ADMIN, YearMonth.of(2026, 11));
        assertEquals("November is the old package's month", -8800, world.balance(s));
        assertEquals(-1800, world.balance(other));

        world.clock.moveTo(OffsetDateTime.parse("2027-01-02T09:00:00+08:00"));
        billing.run(ADMIN, YearMonth.of(2026, 12));
        assertEquals("December is the new package's", -8800 - 12800, world.balance(s));
        assertEquals(-1800 - 1800, world.balance(other));
    }

    /** A change the scheduler made late (the node was down at the turn) is still not charged for the month before. */
    @Test
    public void rules10_aLateChangeIsNotChargedForTheMonthBefore() {
        Subscriber s = world.join("13891800001", "GOTONE-88", LocalDate.of(2026, 10, 3), 0);
        world.clock.moveTo(OffsetDateTime.parse("2026-12-03T08:00:00+08:00"));
        world.subscribers.changePackage(new Msisdn(s.msisdn()), "MZONE-38", "order-1");
        world.clock.moveTo(OffsetDateTime.parse("2027-02-01T08:00:00+08:00"));
        billing.run(ADMIN, YearMonth.of(2026, 11));
        billing.run(ADMIN, YearMonth.of(2027, 1));
        assertEquals(-8800 - 3800, world.balance(s));
    }

    @Test
    public void onlyAnAdminRunsBilling() {
        try {
            billing.run(new Caller("mgr-sn", Role.MANAGER, "SN-XA-001", "SN", java.util.Set.of()), YearMonth.of(2026, 11));
            fail();
        } catch (ProblemException e) {
            assertEquals(403, e.status());
        }
    }

    @Test
    public void theJoiningMonthIsProratedAndLaterMonthsAreFull_rule2() {
        Subscriber late = world.join("13891800002", "GOTONE-88", LocalDate.of(2026, 10, 20), 0);
        Subscriber daily = world.join("13891800003", "EASYOWN-BASIC", LocalDate.of(2026, 10, 15), 0);
        BillingRun october = billing.run(ADMIN, YearMonth.of(2026, 10));
        assertEquals(2, october.charged());
        assertEquals(-4400, world.balance(late));
        // 17 days of October: 10.00 × 12 / 365 × 17 = 5.589 → 559 fen
        assertEquals(-559, world.balance(daily));
        billing.run(ADMIN, YearMonth.of(2026, 11));
        assertEquals(-4400 - 8800, world.balance(late));
        assertEquals(-559 - 986, world.balance(daily));
    }

    @Test
    public void onlyActiveSubscribersAreCharged() {
        Subscriber s = world.join("13891800004", "GOTONE-88", LocalDate.of(2026, 10, 1), 0);
        world.subscribers.changeStatus(new Msisdn(s.msisdn()), Set.of(SubscriberStatus.ACTIVE), SubscriberStatus.SUSPENDED_REQUEST, null);
        assertEquals(0, billing.run(ADMIN, YearMonth.of(2026, 11)).charged());
        assertEquals(0, world.balance(s));
    }

    @Test
    public void aNumberResumedOnlyAfterTheMonthEndedIsNotChargedForIt_rule13_keepNumber() {
        Subscriber kept = world.join("13891800006", "GOTONE-88", LocalDate.of(2026, 9, 1), 0);
        Subscriber back = world.join("13891800007", "GOTONE-88", LocalDate.of(2026, 9, 1), 0);
        world.clock.moveTo(OffsetDateTime.parse("2026-10-10T10:00:00+08:00"));
        for (Subscriber s : new Subscriber[] {kept, back}) {
            world.subscribers.changeStatus(new Msisdn(s.msisdn()), Set.of(SubscriberStatus.ACTIVE),
                    SubscriberStatus.SUSPENDED_REQUEST, null);
        }
        world.clock.moveTo(OffsetDateTime.parse("2026-11-25T10:00:00+08:00"));
        world.subscribers.changeStatus(new Msisdn(back.msisdn()), Set.of(SubscriberStatus.SUSPENDED_REQUEST),
                SubscriberStatus.ACTIVE, null); // resumed within November: in service at its end
        // the keep-number ends at December's turn, before the scheduler gets to November's run
        world.clock.moveTo(OffsetDateTime.parse("2026-12-01T00:00:00+08:00"));
        world.subscribers.changeStatus(new Msisdn(kept.msisdn()), Set.of(SubscriberStatus.SUSPENDED_REQUEST),
                SubscriberStatus.ACTIVE, null);
        world.clock.moveTo(OffsetDateTime.parse("2026-12-01T00:05:00+08:00"));
        assertEquals(1, billing.run(ADMIN, YearMonth.of(2026, 11)).charged());
        assertEquals(0, world.balance(kept));
        assertEquals(-8800, world.balance(back));
        world.clock.moveTo(OffsetDateTime.parse("2027-01-01T00:05:00+08:00"));
        billing.run(ADMIN, YearMonth.of(2026, 12));
        assertEquals("in service again, charged from the month it was back", -8800, world.balance(kept));
    }

    @Test
    public void prepaidRentIsDrawnFromTheDepositAndABalanceBelowZeroIsArrears_rule2() {
        Subscriber s = world.join("13891800005", "GOTONE-88", LocalDate.of(2026, 9, 1), 10000);
        billing.run(ADMIN, YearMonth.of(2026, 9));
        Arrears afterOne = arrears.of(ADMIN, new Msisdn(s.msisdn()));
        assertEquals(0, afterOne.totalFen());
        billing.run(ADMIN, YearMonth.of(2026, 10));
        billing.run(ADMIN, YearMonth.of(2026, 11));
        assertEquals(10000 - 3 * 8800, world.balance(s));
        Arrears owed = arrears.of(ADMIN, new Msisdn(s.msisdn()));
        assertEquals(3 * 8800 - 10000, owed.totalFen());
        // the deposit paid September and part of October: what is owed is the rest of October and all of November
        assertEquals(2, owed.months().size());
        assertEquals("2026-10", owed.months().get(0).month());
        assertEquals(2 * 8800 - 10000, owed.months().get(0).amountFen());
        assertEquals("2026-11", owed.months().get(1).month());
        assertEquals(8800, owed.months().get(1).amountFen());
        assertEquals(0, owed.currentMonthFen());
    }

    /** Issue 9 item 5: a long run pages by key, reports processed/total after each page and stops between pages. */
    @Test
    public void aRunReportsProgressPerPageAndAStoppedRunLeavesTheRestForTheNextRun_issue9LongRuns() {
        int subscribers = BillingRunService.PAGE * 2 + 200;
        for (int i = 0; i < subscribers; i++) {
            world.join(String.format("1389100%04d", i), "GOTONE-88", LocalDate.of(2026, 10, 3), 10000);
        }
        java.util.List<long[]> reports = new java.util.ArrayList<>();
        BillingRun stopped = billing.run(ADMIN, YearMonth.of(2026, 11), (processed, total) -> {
            reports.add(new long[] {processed, total});
            return processed == 0; // stop after the first page
        });
        assertEquals("at the start and after the first page", 2, reports.size());
        assertEquals(0, reports.get(0)[0]);
        assertEquals(subscribers, reports.get(0)[1]);
        assertEquals(BillingRunService.PAGE, reports.get(1)[0]);
        assertEquals(subscribers, reports.get(1)[1]);
        assertEquals(BillingRunService.PAGE, stopped.charged());

        reports.clear();
        BillingRun rest = billing.run(ADMIN, YearMonth.of(2026, 11), (processed, total) -> {
            reports.add(new long[] {processed, total});
            return true;
        });
        assertEquals(subscribers - BillingRunService.PAGE, rest.charged());
        assertEquals(BillingRunService.PAGE, rest.alreadyCharged());
        assertEquals(4, reports.size());
        assertEquals(subscribers, reports.get(3)[0]);
        assertEquals(subscribers, reports.get(3)[1]);
    }
}
