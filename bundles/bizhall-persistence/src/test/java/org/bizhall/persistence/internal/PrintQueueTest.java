package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bizhall.api.service.NewReceipt;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptLine;
import org.bizhall.platform.store.PrintJob;
import org.bizhall.platform.store.PrintOutcome;
import org.bizhall.platform.store.PrintQueue;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Rule "a printer never fails or loses the payment": every committed receipt owes paper, durably; nothing else does. */
public class PrintQueueTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    private static Receipt issue(String hall) {
        return db.receipts.issue(new NewReceipt(hall, "op-sn", "order-p", "13891800001", "CASH",
                List.of(new ReceiptLine("DEPOSIT", "预存款", 5000)), 5000, 5000, 0));
    }

    @Test
    public void aCommittedReceiptAndEachReprintQueueAJobInIssueOrder_printerNeverLosesAPayment() {
        Receipt first = issue("PQ-ORDER");
        Receipt second = issue("PQ-ORDER");
        db.receipts.reprint(first.number(), "mgr-sn");
        assertEquals(3, db.printQueue.waiting("PQ-ORDER"));
        assertTrue(db.printQueue.hallsWaiting().contains("PQ-ORDER"));

        List<String> paper = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PrintJob job = db.printQueue.claimNext("PQ-ORDER", "node-a", LEASE).orElseThrow();
            paper.add(job.receipt().number() + (job.receipt().reprint() ? " reprint " + job.receipt().reprints() : ""));
            assertTrue(db.printQueue.complete(job.id(), "node-a", PrintOutcome.PRINTED, "printer-1"));
        }
        assertEquals(List.of(first.number(), second.number(), first.number() + " reprint 1"), paper);
        assertEquals(0, db.printQueue.waiting("PQ-ORDER"));
        assertTrue(db.printQueue.claimNext("PQ-ORDER", "node-a", LEASE).isEmpty());
        assertFalse(db.printQueue.hallsWaiting().contains("PQ-ORDER"));
    }

    @Test
    public void aJobPrintsTheReceiptAsItWasQueuedNotAsLaterReprintsLeftIt() {
        Receipt issued = issue("PQ-AS-QUEUED");
        db.receipts.reprint(issued.number(), "mgr-sn");
        db.receipts.reprint(issued.number(), "mgr-sn");
        PrintJob original = db.printQueue.claimNext("PQ-AS-QUEUED", "node-a", LEASE).orElseThrow();
        assertFalse(original.receipt().reprint());
        assertEquals(0, original.receipt().reprints());
        assertEquals(issued.totalFen(), original.receipt().totalFen());
        assertEquals(issued.lines(), original.receipt().lines());
        db.printQueue.complete(original.id(), "node-a", PrintOutcome.PRINTED, null);
        PrintJob firstReprint = db.printQueue.claimNext("PQ-AS-QUEUED", "node-a", LEASE).orElseThrow();
        assertTrue(firstReprint.receipt().reprint());
        assertEquals(1, firstReprint.receipt().reprints());
    }

    @Test
    public void aRolledBackPaymentOrReprintQueuesNothing_printerNeverLosesAPayment() {
        Receipt kept = issue("PQ-ROLLBACK");
        try {
            db.transactions.required(() -> {
                issue("PQ-ROLLBACK");
                throw new IllegalStateException("the payment failed after its receipt");
            });
            fail("rolled back");
        } catch (IllegalStateException expected) {
            // the payment's transaction is gone, its receipt with it
        }
        try {
            db.transactions.required(() -> {
                db.receipts.reprint(kept.number(), "mgr-sn");
                throw new IllegalStateException("the reprint failed");
            });
            fail("rolled back");
        } catch (IllegalStateException expected) {
            // no reprint was recorded
        }
        assertEquals(1, db.printQueue.waiting("PQ-ROLLBACK"));
        PrintJob job = db.printQueue.claimNext("PQ-ROLLBACK", "node-a", LEASE).orElseThrow();
        assertEquals(kept.number(), job.receipt().number());
        assertFalse(job.receipt().reprint());
    }

    @Test
    public void aClaimedHallIsLeftToItsClaimantUntilReleasedOrExpired_twoNodesShareADatabase() {
        Receipt r = issue("PQ-CLAIM");
        issue("PQ-CLAIM");
        PrintJob a = db.printQueue.claimNext("PQ-CLAIM", "node-a", LEASE).orElseThrow();
        assertEquals(r.number(), a.receipt().number());
        assertTrue("node-a prints this hall; node-b must not jump ahead to the next job",
                db.printQueue.claimNext("PQ-CLAIM", "node-b", LEASE).isEmpty());

        db.printQueue.release(a.id(), "node-a");
        PrintJob b = db.printQueue.claimNext("PQ-CLAIM", "node-b", LEASE).orElseThrow();
        assertEquals("a released job is the hall's next again", a.id(), b.id());
        assertEquals(1, b.failedAttempts());
        assertFalse("node-a no longer holds it", db.printQueue.complete(b.id(), "node-a", PrintOutcome.PRINTED, null));

        Clock machine = db.printQueue.time;
        db.printQueue.time = Clock.offset(machine, LEASE.plusMinutes(1));
        try {
            PrintJob taken = db.printQueue.claimNext("PQ-CLAIM", "node-a", LEASE).orElseThrow();
            assertEquals("node-b died mid-print: its claim expires and node-a takes the job", b.id(), taken.id());
            assertFalse(db.printQueue.complete(b.id(), "node-b", PrintOutcome.PRINTED, null));
            assertTrue(db.printQueue.complete(taken.id(), "node-a", PrintOutcome.PRINTED, null));
        } finally {
            db.printQueue.time = machine;
        }
        assertEquals(1, db.printQueue.waiting("PQ-CLAIM"));
    }

    @Test
    public void twoNodesDrainingOneHallPrintEveryJobExactlyOnceInOrder_twoNodesShareADatabase() throws Exception {
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            issued.add(issue("PQ-RACE").number());
        }
        List<String> paper = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Void>> nodes = new ArrayList<>();
            for (String node : List.of("node-a", "node-b")) {
                nodes.add(() -> {
                    int idle = 0;
                    Optional<PrintJob> job = Optional.empty();
                    while ((job.isPresent() || db.printQueue.waiting("PQ-RACE") > 0) && idle < 10_000) {
                        if (job.isEmpty()) {
                            job = db.printQueue.claimNext("PQ-RACE", node, LEASE);
                        }
                        if (job.isEmpty()) {
                            idle++;
                            Thread.yield();
                            continue;
                        }
                        // printed while claimed: the other node cannot take the next job before this one is done
                        paper.add(job.get().receipt().number());
                        if (node.equals("node-a")) { // a node of this version hands over, one of the last completes
                            PrintQueue.Handover handover = db.printQueue.completeAndClaimNext(job.get().id(), node,
                                    PrintOutcome.PRINTED, null, "PQ-RACE", LEASE);
                            assertTrue(handover.completed());
                            job = handover.next();
                        } else {
                            assertTrue(db.printQueue.complete(job.get().id(), node, PrintOutcome.PRINTED, null));
                            job = Optional.empty();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(nodes)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(issued, paper);
    }

    @Test
    public void aPrintedJobIsCompletedAndTheNextClaimedInOneTransaction_printerNeverLosesAPayment() {
        Receipt first = issue("PQ-HANDOVER");
        Receipt second = issue("PQ-HANDOVER");
        PrintJob printed = db.printQueue.claimNext("PQ-HANDOVER", "node-a", LEASE).orElseThrow();
        assertEquals(first.number(), printed.receipt().number());

        int transactions = db.jpa.begun.get();
        PrintQueue.Handover handover = db.printQueue.completeAndClaimNext(printed.id(), "node-a",
                PrintOutcome.PRINTED, "printer-1", "PQ-HANDOVER", LEASE);
        assertEquals(1, db.jpa.begun.get() - transactions);
        assertTrue(handover.completed());
        assertEquals(second.number(), handover.next().orElseThrow().receipt().number());
        assertEquals("the printed job ended, the next waits claimed", 1, db.printQueue.waiting("PQ-HANDOVER"));
        assertTrue("node-a holds the next job", db.printQueue.claimNext("PQ-HANDOVER", "node-b", LEASE).isEmpty());

        PrintQueue.Handover last = db.printQueue.completeAndClaimNext(handover.next().get().id(), "node-a",
                PrintOutcome.PRINTED, "printer-1", "PQ-HANDOVER", LEASE);
        assertTrue(last.completed());
        assertTrue(last.next().isEmpty());
        assertEquals(0, db.printQueue.waiting("PQ-HANDOVER"));
    }

    @Test
    public void aHandoverAfterTheClaimExpiredCompletesNothingAndLeavesTheHallToItsNewClaimant_twoNodesShareADatabase() {
        issue("PQ-LATE");
        PrintJob slow = db.printQueue.claimNext("PQ-LATE", "node-a", LEASE).orElseThrow();
        Clock machine = db.printQueue.time;
        db.printQueue.time = Clock.offset(machine, LEASE.plusMinutes(1));
        try {
            PrintJob taken = db.printQueue.claimNext("PQ-LATE", "node-b", LEASE).orElseThrow();
            assertEquals(slow.id(), taken.id());
            PrintQueue.Handover late = db.printQueue.completeAndClaimNext(slow.id(), "node-a", PrintOutcome.PRINTED,
                    "printer-1", "PQ-LATE", LEASE);
            assertFalse("node-b holds the job now", late.completed());
            assertTrue("and node-b's live claim keeps node-a off the hall", late.next().isEmpty());
            assertTrue(db.printQueue.complete(taken.id(), "node-b", PrintOutcome.PRINTED, null));
        } finally {
            db.printQueue.time = machine;
        }
        assertEquals(0, db.printQueue.waiting("PQ-LATE"));
    }

    @Test
    public void aHallWithoutPrinterHasItsOlderJobsClosedButNotOneAnotherNodeIsPrinting() {
        issue("PQ-NONE");
        issue("PQ-NONE");
        PrintJob printing = db.printQueue.claimNext("PQ-NONE", "node-a", LEASE).orElseThrow();
        assertEquals(0, db.printQueue.closeWaiting("PQ-NONE", "node-b", PrintOutcome.NO_PRINTER,
                Instant.now().minusSeconds(3600)));
        assertEquals(1, db.printQueue.closeWaiting("PQ-NONE", "node-b", PrintOutcome.NO_PRINTER,
                Instant.now().plusSeconds(1)));
        assertEquals(1, db.printQueue.waiting("PQ-NONE"));
        assertTrue(db.printQueue.complete(printing.id(), "node-a", PrintOutcome.PRINTED, "p"));
        assertEquals(0, db.printQueue.waiting("PQ-NONE"));
    }

    /** Issue 9 item 5: done print jobs are purged after a retention; waiting ones never are. */
    @Test
    public void donePrintJobsOlderThanTheRetentionArePurgedAndWaitingOnesStay() {
        Receipt printed = issue("PQ-PURGE");
        issue("PQ-PURGE");
        PrintJob job = db.printQueue.claimNext("PQ-PURGE", "node-a", LEASE).orElseThrow();
        assertEquals(printed.number(), job.receipt().number());
        assertTrue(db.printQueue.complete(job.id(), "node-a", PrintOutcome.PRINTED, "printer-1"));
        Instant now = db.printQueue.now();
        assertEquals("a job done after the cut stays", 0, purgedOf("PQ-PURGE", now.minusSeconds(60)));
        assertEquals(1, purgedOf("PQ-PURGE", now.plusSeconds(1)));
        assertEquals("the waiting job is still there", 1, db.printQueue.waiting("PQ-PURGE"));
    }

    /** Purges everything done before {@code cut} and counts what went of {@code hall}. */
    private static int purgedOf(String hall, Instant cut) {
        long before = countJobs(hall);
        db.printQueue.purgeDone(cut);
        return (int) (before - countJobs(hall));
    }

    private static long countJobs(String hall) {
        return db.jpa.txExpr(em -> em.createQuery("select count(j) from PrintJobEntity j where j.hallId = :h", Long.class)
                .setParameter("h", hall).getSingleResult());
    }
}
