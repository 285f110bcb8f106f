package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.service.NewReceipt;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptLine;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class ReceiptServiceTest {
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
        db.halls.saveHall(new Hall("SN-XA-001", "西安一厅", "SN", Set.of(HallKind.SELF_OWNED), false));
        db.halls.saveHall(new Hall("SN-XA-002", "西安二厅", "SN", Set.of(HallKind.PARTNER), false));
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    private static NewReceipt cash(String hall, long total, long tendered) {
        return new NewReceipt(hall, "op-sn", "order-r", "13891800001", "CASH",
                List.of(new ReceiptLine("DEPOSIT", "预存款", total)), total, tendered, tendered - total);
    }

    @Test
    public void receiptNumbersAreConsecutivePerHallAndBusinessDay() throws Exception {
        db.clock.moveTo(db.clock.now().withDayOfMonth(10));
        String day = "20261110";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<String>> counters = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            counters.add(() -> db.receipts.issue(cash("SN-XA-001", 10000, 10000)).number());
        }
        Set<String> numbers = new TreeSet<>();
        try {
            for (Future<String> f : pool.invokeAll(counters)) {
                numbers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> expected = new TreeSet<>();
        for (int i = 1; i <= 20; i++) {
            expected.add(String.format("SN-XA-001-%s-%06d", day, i));
        }
        assertEquals(expected, numbers);

        assertEquals("SN-XA-002-" + day + "-000001", db.receipts.issue(cash("SN-XA-002", 500, 500)).number());
        // a hall missing from the directory still numbers its receipts
        assertEquals("SN-XX-009-" + day + "-000001", db.receipts.issue(cash("SN-XX-009", 500, 500)).number());

        db.clock.moveTo(db.clock.now().plusDays(1));
        Receipt nextDay = db.receipts.issue(cash("SN-XA-001", 100, 100));
        assertEquals("SN-XA-001-20261111-000001", nextDay.number());
        assertEquals(LocalDate.of(2026, 11, 11), nextDay.businessDate());
    }

    @Test
    public void aDaysSequenceIsWrittenInSixDigitsUntilItOutgrowsThem_dailySettlement() {
        assertEquals("000001", JpaReceiptService.sixDigits(1));
        assertEquals("000420", JpaReceiptService.sixDigits(420));
        assertEquals("999999", JpaReceiptService.sixDigits(999_999));
        assertEquals("1000000", JpaReceiptService.sixDigits(1_000_000));
    }

    @Test
    public void reprintIsMarkedCountedAndNeverChangesTheMoney() {
        Receipt issued = db.receipts.issue(cash("SN-XA-002", 20000, 30000));
        assertFalse(issued.reprint());
        assertEquals(10000, issued.changeFen());

        Receipt reprint = db.receipts.reprint(issued.number(), "mgr-sn");
        assertTrue(reprint.reprint());
        assertEquals(1, reprint.reprints());
        assertEquals(2, db.receipts.reprint(issued.number(), "mgr-sn").reprints());

        Receipt stored = db.receipts.find(issued.number()).orElseThrow();
        assertFalse(stored.reprint());
        assertEquals(2, stored.reprints());
        assertEquals(issued.totalFen(), stored.totalFen());
        assertEquals(issued.tenderedFen(), stored.tenderedFen());
        assertEquals(issued.changeFen(), stored.changeFen());
        assertEquals(issued.lines(), stored.lines());
        assertEquals(List.of("RECEIPT_ISSUED", "RECEIPT_REPRINTED", "RECEIPT_REPRINTED"),
                db.audit.forOrder("order-r").stream().filter(a -> issued.number().equals(a.subject()))
                        .map(a -> a.action()).toList());
    }

    /**
     * A payment queued behind another of its hall (which holds the receipt lock until it commits) waits a few seconds
     * at most and is then refused 503 STORE_BUSY with nothing kept, not after Derby's default minute; sent again once
     * the lock is free, it takes the next number, so the numbering has no gap. Reading the hall (every request of the
     * hall does, to know its caller) does not wait for that lock.
     */
    @Test
    public void aReceiptQueuedTooLongBehindItsHallsLockIsRefusedStoreBusyAndLeavesNoGap() throws Exception {
        org.junit.Assume.assumeFalse("Derby's lock timeout; PostgreSQL keeps its own", TestDatabase.postgres());
        db.clock.moveTo(db.clock.now().withDayOfMonth(20));
        String day = "20261120";
        try (HeldPayment first = new HeldPayment("SN-XA-002")) {
            long r0 = System.nanoTime();
            assertEquals("the hall is read while its numbering is held", "SN",
                    db.halls.hall("SN-XA-002").orElseThrow().province());
            assertTrue("reading the hall waited", System.nanoTime() - r0 < TimeUnit.SECONDS.toNanos(2));
            long t0 = System.nanoTime();
            org.bizhall.api.common.ProblemException busy = org.junit.Assert.assertThrows(
                    org.bizhall.api.common.ProblemException.class, () -> db.receipts.issue(cash("SN-XA-002", 700, 700)));
            double waited = (System.nanoTime() - t0) / 1e9;
            first.release();
            assertEquals(503, busy.status());
            assertEquals("STORE_BUSY", busy.code());
            assertTrue("waited " + waited + " s", waited >= Migrations.DERBY_LOCK_WAIT_SECONDS - 1
                    && waited < Migrations.DERBY_LOCK_WAIT_SECONDS + 10);
            assertEquals("SN-XA-002-" + day + "-000001", first.number());
            assertEquals("the refused receipt took no number", "SN-XA-002-" + day + "-000002",
                    db.receipts.issue(cash("SN-XA-002", 700, 700)).number());
        }
    }

    /**
     * Rule "daily settlement" (the day's totals match the receipts issued that day): a day close of a hall takes the
     * lock its receipts are numbered under, so it waits for a payment in flight instead of closing the day under it.
     */
    @Test
    public void aDayCloseWaitsForAPaymentOfItsHallInFlight_dailySettlement() throws Exception {
        db.halls.saveHall(new Hall("SN-XA-003", "西安三厅", "SN", Set.of(HallKind.SELF_OWNED), false));
        ExecutorService closing = Executors.newSingleThreadExecutor();
        try (HeldPayment payment = new HeldPayment("SN-XA-003")) {
            Future<Long> close = closing.submit(() -> db.transactions.required(() -> {
                db.billing.lockHall("SN-XA-003");
                return System.nanoTime();
            }));
            Thread.sleep(1000);
            assertFalse("the close waits for the payment", close.isDone());
            long released = System.nanoTime();
            payment.release();
            payment.number();
            assertTrue("and goes on once it ended", close.get(30, TimeUnit.SECONDS) >= released);
        } finally {
            closing.shutdownNow();
        }
    }

    /** A cash payment of {@code hall} whose receipt is issued and whose transaction stays open until released. */
    private static final class HeldPayment implements AutoCloseable {
        private final CountDownLatch issued = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final Future<String> number;

        HeldPayment(String hall) throws InterruptedException {
            number = thread.submit(() -> db.transactions.required(() -> {
                String issuedNumber = db.receipts.issue(cash(hall, 500, 500)).number();
                issued.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return issuedNumber;
            }));
            assertTrue("the receipt was issued", issued.await(30, TimeUnit.SECONDS));
        }

        void release() {
            release.countDown();
        }

        /** The receipt's number once the payment committed. */
        String number() throws Exception {
            return number.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            release.countDown();
            thread.shutdownNow();
        }
    }
}
