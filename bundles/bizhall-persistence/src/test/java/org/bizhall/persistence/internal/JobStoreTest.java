package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bizhall.api.common.ProblemException;
import org.bizhall.platform.schedule.Job;
import org.bizhall.platform.schedule.JobState;
import org.bizhall.platform.schedule.OrderDeadlines;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 9 item 5: due work is claimed in the database, driven by the business clock, so two schedulers never run one
 * item twice and a dead node's item is taken again after its lease.
 */
public class JobStoreTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private TestDatabase db;

    @Before
    public void start() throws Exception {
        db = new TestDatabase();
    }

    @After
    public void stop() {
        db.close();
    }

    private OffsetDateTime now() {
        return db.clock.now();
    }

    @Test
    public void anOrderDateIsClaimedOnlyOnceTheBusinessClockHasPassedIt() {
        db.jobs.schedule(OrderDeadlines.DATE, "order-1", now().plusDays(1));
        assertTrue(db.jobs.claimDue(Set.of(OrderDeadlines.DATE), "node-a", LEASE, 10).isEmpty());

        db.clock.plusDays(1).plusMinutes(1);
        List<Job> claimed = db.jobs.claimDue(Set.of(OrderDeadlines.DATE), "node-a", LEASE, 10);
        assertEquals(1, claimed.size());
        assertEquals("order-1", claimed.get(0).key());
        assertEquals(JobState.RUNNING, claimed.get(0).state());
        assertEquals(1, claimed.get(0).attempts());
        // a kind the caller cannot run is never claimed
        db.jobs.schedule(OrderDeadlines.TIMEOUT, "order-2", now().minusMinutes(1));
        assertTrue(db.jobs.claimDue(Set.of("BILLING_RUN"), "node-a", LEASE, 10).isEmpty());
    }

    @Test
    public void twoSchedulersClaimingConcurrentlyNeverRunOneItemTwice() throws Exception {
        int items = 60;
        for (int i = 0; i < items; i++) {
            db.jobs.schedule(OrderDeadlines.DATE, "race-" + i, now().minusMinutes(items - i));
        }
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentHashMap<String, String> ranBy = new ConcurrentHashMap<>();
        List<String> twice = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                String node = "node-" + n;
                runs.add(pool.submit((Callable<Integer>) () -> {
                    go.await();
                    int ran = 0;
                    while (true) {
                        List<Job> claimed = db.jobs.claimDue(Set.of(OrderDeadlines.DATE), node, LEASE, 3);
                        if (claimed.isEmpty()) {
                            return ran;
                        }
                        for (Job job : claimed) {
                            if (ranBy.putIfAbsent(job.key(), node) != null) {
                                twice.add(job.key());
                            }
                            assertTrue(db.jobs.finish(job.id(), node, JobState.DONE, "ran on " + node));
                            ran++;
                        }
                    }
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get();
            }
            assertEquals("no item ran twice: " + twice, List.of(), twice);
            assertEquals(items, total);
            assertEquals(items, ranBy.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aDeadNodesItemIsTakenAgainAfterItsLeaseAndTheDeadNodeChangesNothingAnyMore() {
        Instant machine = Instant.parse("2026-11-05T02:00:00Z");
        db.jobs.time = Clock.fixed(machine, ZoneOffset.UTC);
        db.jobs.schedule(OrderDeadlines.TIMEOUT, "order-dead", now().minusMinutes(1));
        Job taken = db.jobs.claimDue(Set.of(OrderDeadlines.TIMEOUT), "node-dies", LEASE, 1).get(0);
        // the lease is live: nobody else gets it
        assertTrue(db.jobs.claimDue(Set.of(OrderDeadlines.TIMEOUT), "node-b", LEASE, 1).isEmpty());

        db.jobs.time = Clock.fixed(machine.plus(LEASE).plusSeconds(1), ZoneOffset.UTC);
        List<Job> again = db.jobs.claimDue(Set.of(OrderDeadlines.TIMEOUT), "node-b", LEASE, 1);
        assertEquals(1, again.size());
        assertEquals(taken.id(), again.get(0).id());
        assertEquals("node-b", again.get(0).claimedBy());
        assertEquals(2, again.get(0).attempts());
        // the node that lost its lease can neither report nor end the run
        assertFalse(db.jobs.progress(taken.id(), "node-dies", 1, 1, LEASE));
        assertFalse(db.jobs.finish(taken.id(), "node-dies", JobState.DONE, "late"));
        assertTrue(db.jobs.finish(taken.id(), "node-b", JobState.DONE, "ok"));
        assertEquals(JobState.DONE, db.jobs.find(taken.id()).orElseThrow().state());
    }

    @Test
    public void movingTheBusinessClockNeverMakesALiveLeaseLookExpired() {
        db.jobs.schedule(OrderDeadlines.DATE, "order-live", now().minusMinutes(1));
        db.jobs.claimDue(Set.of(OrderDeadlines.DATE), "node-a", LEASE, 1);
        db.clock.plusDays(40);
        assertTrue(db.jobs.claimDue(Set.of(OrderDeadlines.DATE), "node-b", LEASE, 1).isEmpty());
    }

    @Test
    public void anOrderThatLeftItsWaitingStateHasNoDueWorkAndAMovedDateWaitsAgain() {
        db.jobs.schedule(OrderDeadlines.DATE, "order-c", now().plusDays(1));
        db.jobs.schedule(OrderDeadlines.TIMEOUT, "order-c", now().plusDays(2));
        db.jobs.schedule(OrderDeadlines.DATE, "order-c", now().plusDays(3)); // moved, not added
        assertEquals(now().plusDays(3).toInstant(),
                db.jobs.find(OrderDeadlines.DATE, "order-c").orElseThrow().dueAt().toInstant());
        db.jobs.clear("order-c");
        assertTrue(db.jobs.find(OrderDeadlines.DATE, "order-c").isEmpty());
        assertTrue(db.jobs.find(OrderDeadlines.TIMEOUT, "order-c").isEmpty());
    }

    @Test
    public void recurringOccurrencesAreAddedOnceAndATriggerMakesOneDueNowUnlessItRuns() {
        assertTrue(db.jobs.addIfAbsent("BILLING_RUN", "2026-10", now().minusDays(4)));
        assertFalse(db.jobs.addIfAbsent("BILLING_RUN", "2026-10", now().minusDays(4)));
        Job running = db.jobs.claimDue(Set.of("BILLING_RUN"), "node-a", LEASE, 1).get(0);
        try {
            db.jobs.trigger("BILLING_RUN", "2026-10");
            fail("a running job cannot be triggered again");
        } catch (ProblemException e) {
            assertEquals("JOB_RUNNING", e.code());
            assertEquals(409, e.status());
        }
        db.jobs.finish(running.id(), "node-a", JobState.DONE, "charged 0");
        Job again = db.jobs.trigger("BILLING_RUN", "2026-10");
        assertEquals(running.id(), again.id());
        assertEquals(JobState.WAITING, again.state());
        assertEquals(1, db.jobs.claimDue(Set.of("BILLING_RUN"), "node-a", LEASE, 1).size());
    }

    @Test
    public void progressIsRecordedAndAStopRequestEndsTheRunBetweenPages() {
        Job job = db.jobs.trigger("BILLING_RUN", "2026-09");
        Job claimed = db.jobs.claimDue(Set.of("BILLING_RUN"), "node-a", LEASE, 1).get(0);
        assertEquals(job.id(), claimed.id());
        assertTrue(db.jobs.progress(job.id(), "node-a", 500, 2000, LEASE));
        Job seen = db.jobs.find(job.id()).orElseThrow();
        assertEquals(500, seen.processed());
        assertEquals(2000, seen.total());
        assertTrue(db.jobs.requestStop(job.id()));
        assertFalse("the run is told to stop", db.jobs.progress(job.id(), "node-a", 1000, 2000, LEASE));
        assertTrue(db.jobs.finish(job.id(), "node-a", JobState.STOPPED, "stopped at 1000 of 2000"));
        assertFalse("an ended job cannot be stopped", db.jobs.requestStop(job.id()));
        assertEquals(1, db.jobs.list(Set.of(JobState.STOPPED), 0, 10).total());
    }

    @Test
    public void aFailedAttemptWaitsForItsRetryTime() {
        db.jobs.schedule(OrderDeadlines.DATE, "order-r", now().minusMinutes(1));
        Job job = db.jobs.claimDue(Set.of(OrderDeadlines.DATE), "node-a", LEASE, 1).get(0);
        assertTrue(db.jobs.retry(job.id(), "node-a", "engine away", now().plusMinutes(5)));
        assertTrue(db.jobs.claimDue(Set.of(OrderDeadlines.DATE), "node-a", LEASE, 1).isEmpty());
        db.clock.plusMinutes(6);
        Job again = db.jobs.claimDue(Set.of(OrderDeadlines.DATE), "node-a", LEASE, 1).get(0);
        assertEquals("engine away", again.lastError());
        assertEquals(2, again.attempts());
    }

    @Test
    public void nodesAddingTheSameOccurrenceAtOnceAddItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> adds = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                adds.add(pool.submit(() -> {
                    go.await();
                    return db.jobs.addIfAbsent("COLLECTION_RUN", "2026-11-05", now());
                }));
            }
            go.countDown();
            int added = 0;
            for (Future<Boolean> add : adds) {
                added += add.get() ? 1 : 0;
            }
            assertEquals(1, added);
            assertEquals(1, db.jobs.list(Set.of(), 0, 10).total());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void badKindsAndKeysAreRefusedAsBadInput() {
        for (String kind : new String[] {"billing", "", "A".repeat(33)}) {
            try {
                db.jobs.trigger(kind, "k");
                fail("kind " + kind);
            } catch (ProblemException e) {
                assertEquals("JOB_KIND_INVALID", e.code());
                assertEquals("kind", e.field());
            }
        }
        try {
            db.jobs.trigger("BILLING_RUN", "x".repeat(65));
            fail();
        } catch (ProblemException e) {
            assertEquals("JOB_KEY_INVALID", e.code());
        }
        assertEquals(0, db.jobs.list(Set.of(), 0, 10).total());
    }
}
