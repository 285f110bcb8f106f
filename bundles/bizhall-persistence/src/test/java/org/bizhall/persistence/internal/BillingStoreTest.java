package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bizhall.api.billing.DayClose;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.NewReceipt;
import org.bizhall.api.service.Receipt;
import org.bizhall.platform.billing.BillingStore;
import org.bizhall.api.service.ReceiptLine;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class BillingStoreTest {
    private static final org.bizhall.api.customer.Customer HOLDER = org.bizhall.testing.TestOrderContext.personal("张三");
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
        db.halls.saveHall(new Hall("SN-XA-001", "西安一厅", "SN", Set.of(HallKind.SELF_OWNED), false));
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    @Test
    public void aMonthIsChargedOnceEvenWhenTwoRunsRaceForIt() throws Exception {
        Account account = db.accounts.open(AccountType.CASH_PREPAID, "SN", "张三", null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Boolean>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(() -> db.billing.chargeOnce(account.id(), "13891800001", YearMonth.of(2026, 10), "RENT", "RENT",
                    8800, "月租 2026-10"));
        }
        int charged = 0;
        try {
            for (Future<Boolean> f : pool.invokeAll(runs)) {
                charged += f.get() ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, charged);
        assertEquals(-8800, db.accounts.find(account.id()).orElseThrow().balanceFen());
        List<LedgerEntry> ledger = db.accounts.ledger(account.id(), 0, 50).items();
        assertEquals(1, ledger.size());
        assertEquals("RENT", ledger.get(0).kind());
        assertEquals(YearMonth.of(2026, 10), db.billing.chargeMonths(account.id()).get(ledger.get(0).id()));
        // another month is another claim
        assertTrue(db.billing.chargeOnce(account.id(), "13891800001", YearMonth.of(2026, 11), "RENT", "RENT", 8800, null));
    }

    /** Property: whatever sequence of payments, charges and repeated charges hits a few accounts, each balance is the
     * sum of its ledger entries and every entry carries the running balance after it. */
    /**
     * A billing run's page charged at once: an account charged before, or listed twice, is charged once; every charge
     * is one ledger entry carrying the balance it left, one claim naming that entry, one audit row.
     */
    @Test
    public void aPageOfChargesAtOnceChargesEachAccountOnceWithItsEntryClaimAndAudit() {
        YearMonth month = YearMonth.of(2026, 7);
        Account a = db.accounts.open(AccountType.CASH_PREPAID, "SN", "张三", null);
        Account b = db.accounts.open(AccountType.CASH_PREPAID, "SN", "张三", null);
        Account before = db.accounts.open(AccountType.CASH_PREPAID, "SN", "张三", null);
        db.accounts.post(a.id(), "PAYMENT", 10000, null, "deposit");
        assertTrue(db.billing.chargeOnce(before.id(), "13891866003", month, "RENT", "RENT", 1800, "月租"));
        List<Boolean> posted = db.billing.chargeAllOnce(month, "RENT", "RENT", List.of(
                new BillingStore.Charge(a.id(), "13891866001", 8800, "月租 a"),
                new BillingStore.Charge(b.id(), "13891866002", 1800, "月租 b"),
                new BillingStore.Charge(before.id(), "13891866003", 1800, "月租 again"),
                new BillingStore.Charge(a.id(), "13891866004", 8800, "月租 a, second number")));
        assertEquals(List.of(true, true, false, false), posted);
        assertEquals(10000 - 8800, db.accounts.find(a.id()).orElseThrow().balanceFen());
        assertEquals(-1800, db.accounts.find(b.id()).orElseThrow().balanceFen());
        assertEquals(-1800, db.accounts.find(before.id()).orElseThrow().balanceFen());
        LedgerEntry rent = db.accounts.ledger(a.id(), 0, 50).items().get(1);
        assertEquals("RENT", rent.kind());
        assertEquals(-8800, rent.amountFen());
        assertEquals("the balance the entry left", 1200, rent.balanceAfterFen());
        assertEquals("月租 a", rent.note());
        assertEquals("posted at the business clock's now, read back as written", db.clock.now().toInstant(),
                rent.at().toInstant());
        assertEquals("the claim names the entry", Map.of(rent.id(), month), db.billing.chargeMonths(a.id()));
        assertEquals(1, db.accounts.ledger(b.id(), 0, 50).items().size());
        assertEquals(1, db.accounts.ledger(before.id(), 0, 50).items().size());
        // the same page again posts nothing
        assertEquals(List.of(false, false), db.billing.chargeAllOnce(month, "RENT", "RENT", List.of(
                new BillingStore.Charge(a.id(), "13891866001", 8800, "月租 a"),
                new BillingStore.Charge(b.id(), "13891866002", 1800, "月租 b"))));
        assertFalse(db.billing.chargeOnce(b.id(), "13891866002", month, "RENT", "RENT", 1800, "月租"));
        assertEquals(1200, db.accounts.find(a.id()).orElseThrow().balanceFen());
        try {
            db.billing.chargeAllOnce(month, "RENT", "RENT", List.of(new BillingStore.Charge(-5, "13891866009", 100, "x")));
            fail("an unknown account");
        } catch (ProblemException e) {
            assertEquals("ACCOUNT_NOT_FOUND", e.code());
        }
    }

    /**
     * Runs on several nodes charging overlapping pages in different orders at once: each account is charged once
     * (a run that meets another's claims is refused and tries again), and no run deadlocks (the accounts are locked in
     * one order whatever the page's order).
     */
    @Test
    public void overlappingPagesChargedAtOnceChargeEachAccountOnce() throws Exception {
        YearMonth month = YearMonth.of(2026, 6);
        List<BillingStore.Charge> page = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            page.add(new BillingStore.Charge(db.accounts.open(AccountType.CASH_PREPAID, "SN", "张三", null).id(),
                    String.valueOf(13891867000L + i), 100 + i, "月租"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Boolean>>> runs = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                List<BillingStore.Charge> mine = new ArrayList<>(page);
                java.util.Collections.shuffle(mine, new java.util.Random(r));
                List<BillingStore.Charge> part = mine.subList(0, 45);
                runs.add(pool.submit(() -> {
                    // the claims' key decides between runs: the one that finds a claim made meanwhile tries again
                    for (int attempt = 1;; attempt++) {
                        try {
                            return db.billing.chargeAllOnce(month, "RENT", "RENT", part);
                        } catch (ProblemException e) {
                            assertEquals("CHARGE_CONFLICT", e.code());
                            assertTrue(attempt < 10);
                        }
                    }
                }));
            }
            long posted = 0;
            for (Future<List<Boolean>> run : runs) {
                posted += run.get().stream().filter(Boolean::booleanValue).count();
            }
            long touched = page.stream().filter(c -> !db.accounts.ledger(c.accountId(), 0, 50).items().isEmpty()).count();
            assertEquals("each account charged at most once, every listed one charged", touched, posted);
            for (BillingStore.Charge c : page) {
                List<LedgerEntry> ledger = db.accounts.ledger(c.accountId(), 0, 50).items();
                assertTrue(ledger.size() <= 1);
                assertEquals(ledger.isEmpty() ? 0 : -c.amountFen(), db.accounts.find(c.accountId()).orElseThrow().balanceFen());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void overRandomPaymentAndChargeSequencesEveryBalanceIsTheSumOfItsLedgerEntries() {
        java.util.Random random = new java.util.Random(3L);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(db.accounts.open(AccountType.CASH_PREPAID, "SN", "王五", null).id());
        }
        for (int step = 0; step < 300; step++) {
            long account = ids.get(random.nextInt(ids.size()));
            switch (random.nextInt(3)) {
                case 0 -> db.accounts.post(account, "PAYMENT", 1 + random.nextInt(20000), null, null);
                case 1 -> db.accounts.post(account, "ORDER_PAYMENT", -(1 + random.nextInt(5000)), null, null);
                default -> db.billing.chargeOnce(account, "13891800009", YearMonth.of(2026, 1 + random.nextInt(12)),
                        "RENT", "RENT", 1 + random.nextInt(12800), null);
            }
        }
        for (long account : ids) {
            long running = 0;
            for (LedgerEntry e : db.accounts.ledger(account, 0, 500).items()) {
                running += e.amountFen();
                assertEquals(running, e.balanceAfterFen());
            }
            assertEquals(running, db.accounts.find(account).orElseThrow().balanceFen());
            assertTrue("one RENT per month at most", db.billing.chargeMonths(account).size() <= 12);
        }
    }

    /** Rulebook §10: the store tells what a number's package was at a month's end once it changed after it. */
    @Test
    public void rules10_thePackageBeforeAChangeIsKeptForTheMonthBefore() {
        Account account = db.accounts.open(AccountType.CASH_PREPAID, "SN", "张三", null);
        for (String n : List.of("13891877001", "13891877002")) {
            db.subscribers.register(new NewSubscriber(n, "SN", "SN-XA-001", HOLDER, "GOTONE-88", List.of(),
                    account.id(), null, null));
        }
        OffsetDateTime turn = OffsetDateTime.parse("2026-12-01T00:00:00+08:00");
        db.clock.set(turn.plusMinutes(1));
        db.subscribers.changePackage(new Msisdn("13891877001"), "GOTONE-128", "order-a");
        db.clock.set(turn.plusDays(40));
        db.subscribers.changePackage(new Msisdn("13891877001"), "MZONE-18", "order-b");

        List<String> both = List.of("13891877001", "13891877002");
        assertEquals(Map.of("13891877001", "GOTONE-88"), db.billing.packagesBefore(both, turn));
        assertEquals(Map.of("13891877001", "GOTONE-128"), db.billing.packagesBefore(both, turn.plusMonths(1)));
        assertEquals(Map.of(), db.billing.packagesBefore(both, turn.plusMonths(2)));
        assertEquals("MZONE-18", db.subscribers.find(new Msisdn("13891877001")).orElseThrow().packageCode());
        db.clock.set(OffsetDateTime.parse("2026-11-05T10:00:00+08:00"));
    }

    @Test
    public void aNoticeIsRecordedOncePerNumberKindAndOldestMonth() {
        assertTrue(db.billing.recordNotice("13891800002", 1, "REMINDER", "2026-10", 8800, "请缴费").isPresent());
        assertFalse(db.billing.recordNotice("13891800002", 1, "REMINDER", "2026-10", 8800, "请缴费").isPresent());
        assertTrue(db.billing.recordNotice("13891800002", 1, "SUSPENSION", "2026-10", 8800, "已停机").isPresent());
        assertEquals(2, db.billing.notices("13891800002").size());
    }

    @Test
    public void receiptsAfterClosingGoToTheNextBusinessDay() {
        db.clock.set(OffsetDateTime.parse("2026-11-20T10:00:00+08:00"));
        Receipt before = db.receipts.issue(new NewReceipt("SN-XA-001", "op-sn", "o1", "13891800001", "CASH",
                List.of(new ReceiptLine("PAYMENT", "话费", 5000)), 5000, 10000, 5000));
        assertEquals(LocalDate.of(2026, 11, 20), before.businessDate());
        db.transactions.required(() -> {
            db.billing.lockHall("SN-XA-001");
            return db.billing.insertDayClose(new DayClose("SN-XA-001", LocalDate.of(2026, 11, 20), 5000, 5000, 4900,
                    -100, "mgr-sn", null));
        });
        DayClose closed = db.billing.dayClose("SN-XA-001", LocalDate.of(2026, 11, 20)).orElseThrow();
        assertEquals(-100, closed.differenceFen());
        Receipt after = db.receipts.issue(new NewReceipt("SN-XA-001", "op-sn", "o2", "13891800001", "CASH",
                List.of(new ReceiptLine("PAYMENT", "话费", 3000)), 3000, 3000, 0));
        assertEquals(LocalDate.of(2026, 11, 21), after.businessDate());
        assertTrue(after.number().startsWith("SN-XA-001-20261121-"));
        assertEquals(List.of(before.number()),
                db.billing.receipts("SN-XA-001", LocalDate.of(2026, 11, 20)).stream().map(Receipt::number).toList());
        try {
            db.billing.insertDayClose(closed);
            fail("a closed day is closed once");
        } catch (ProblemException e) {
            assertEquals("DAY_ALREADY_CLOSED", e.code());
        }
    }

    /** Issue 9 item 5: billing and collection walk subscribers by key (after the last number seen), never by OFFSET. */
    @Test
    public void subscribersAndNumbersInArrearsArePagedByKeyInNumberOrder_issue9PagingByKey() {
        List<String> inArrears = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String msisdn = "1370000000" + i;
            Account account = db.accounts.open(AccountType.CASH_PREPAID, i % 2 == 0 ? "SN" : "SX", "张三", null);
            db.subscribers.register(new org.bizhall.api.service.NewSubscriber(msisdn, i % 2 == 0 ? "SN" : "SX",
                    "SN-XA-001", new org.bizhall.api.customer.Customer(org.bizhall.api.customer.CustomerType.PERSONAL,
                            "张三", org.bizhall.api.customer.IdType.ID_CARD, "11010519491231002X", null),
                    "GOTONE-88", List.of(), account.id(), null, "order-k" + i));
            if (i != 3) {
                db.billing.chargeOnce(account.id(), msisdn, YearMonth.of(2026, 10), "RENT", "RENT", 100, null);
                inArrears.add(msisdn);
            }
        }
        List<String> walked = new ArrayList<>();
        String after = "1369999999";
        while (true) {
            List<org.bizhall.api.service.Subscriber> page = db.billing.subscribersAfter(after, 3);
            page.stream().map(org.bizhall.api.service.Subscriber::msisdn).filter(n -> n.startsWith("13700"))
                    .forEach(walked::add);
            if (page.size() < 3) {
                break;
            }
            after = page.get(page.size() - 1).msisdn();
        }
        assertEquals(List.of("13700000000", "13700000001", "13700000002", "13700000003", "13700000004", "13700000005",
                "13700000006"), walked);
        assertTrue(db.billing.subscriberCount() >= 7);

        List<String> firstPage = db.billing.numbersInArrears("SN", "1369999999", 2);
        assertEquals(List.of("13700000000", "13700000002"), firstPage);
        assertEquals(List.of("13700000004", "13700000006"), db.billing.numbersInArrears("SN", "13700000002", 2));
        List<String> all = db.billing.numbersInArrears(null, "1369999999", 500).stream()
                .filter(n -> n.startsWith("13700")).toList();
        assertEquals(inArrears, all);
    }
}
