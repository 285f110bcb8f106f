package org.bizhall.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bizhall.api.billing.BillingRun;
import org.bizhall.api.billing.BillingService;
import org.bizhall.api.billing.RunControl;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.platform.schedule.DueOrders;
import org.bizhall.platform.schedule.Job;
import org.bizhall.platform.schedule.JobState;
import org.bizhall.platform.schedule.OrderDeadlines;
import org.bizhall.testing.InMemoryJobStore;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.junit.Before;
import org.junit.Test;

/** Issue 9 item 5: the scheduler runs due work on the business clock, once, and reports and stops long runs. */
public class SchedulerTest {
    private final SettableClock clock = SettableClock.at("2026-11-10T10:00:00+08:00");
    private final InMemoryJobStore store = new InMemoryJobStore(clock);
    private final RecordingAuditLog audit = new RecordingAuditLog(clock);
    private final List<String> reached = new CopyOnWriteArrayList<>();
    private final List<String> timedOut = new CopyOnWriteArrayList<>();
    private final List<YearMonth> billed = new CopyOnWriteArrayList<>();
    private final Scheduler scheduler = new Scheduler();

    /** The engine side: records what it was asked; an order id starting with "broken" fails. */
    private final DueOrders engine = new DueOrders() {
        @Override
        public void dateReached(String orderId) {
            if (orderId.startsWith("broken")) {
                throw new IllegalStateException("engine fails for " + orderId);
            }
            reached.add(orderId);
        }

        @Override
        public void timedOut(String orderId) {
            timedOut.add(orderId);
            store.clear(orderId); // the engine forgets the order's due work in its transaction
        }
    };

    /** A billing run over 1,000 subscribers in pages of 250 that does what its control says. */
    private final BillingService billing = new BillingService() {
        @Override
        public BillingRun run(Caller caller, YearMonth month, RunControl control) {
            billed.add(month);
            int done = 0;
            while (done < 1000) {
                done += 250;
                if (!control.progress(done, 1000)) {
                    break;
                }
            }
            return new BillingRun(month.toString(), done, done, done * 100L, 0);
        }
    };

    @Before
    public void wire() {
        scheduler.store = store;
        scheduler.clock = clock;
        scheduler.audit = audit;
        scheduler.configure(new Scheduler.Settings(true, true, Duration.ofSeconds(1), Duration.ofSeconds(60), 2, 3,
                Duration.ofSeconds(60), "node-test", Duration.ofDays(30)));
    }

    /**
     * A fresh copy's first start finds the month's billing run due at once: it waits for the end of the node's boot,
     * and a node stopped before its boot finished never runs it.
     */
    @Test
    public void nothingIsLookedAtOrRunBeforeTheBootHasFinished() throws Exception {
        scheduler.billing = billing;
        CountDownLatch booted = new CountDownLatch(1);
        scheduler.bootWait = booted::await;
        scheduler.startPolling(new Scheduler.Settings(true, true, Duration.ofSeconds(1), Duration.ofSeconds(60), 2, 3,
                Duration.ofSeconds(60), "node-test", Duration.ofDays(30)));
        try {
            Thread.sleep(2_500); // two and a half poll intervals
            assertEquals("nothing run during the boot", List.of(), billed);
            assertTrue("nothing even added during the boot", store.find(Scheduler.BILLING_RUN, "2026-10").isEmpty());

            booted.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (billed.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals("the month's run once the boot has finished", List.of(YearMonth.of(2026, 10)), billed);
        } finally {
            scheduler.deactivate();
        }

        Scheduler stoppedDuringBoot = new Scheduler();
        stoppedDuringBoot.store = store;
        stoppedDuringBoot.clock = clock;
        stoppedDuringBoot.audit = audit;
        stoppedDuringBoot.billing = billing;
        stoppedDuringBoot.bootWait = new CountDownLatch(1)::await;
        stoppedDuringBoot.startPolling(new Scheduler.Settings(true, true, Duration.ofSeconds(1), Duration.ofSeconds(60), 2, 3,
                Duration.ofSeconds(60), "node-2", Duration.ofDays(30)));
        stoppedDuringBoot.deactivate();
        clock.plusDays(30); // November ends: its run would be due
        Thread.sleep(1_500);
        assertEquals("a node stopped during its boot ran nothing", List.of(YearMonth.of(2026, 10)), billed);
    }

    @Test
    public void anOrderWaitingForADateIsHandedToTheEngineOnceTheBusinessClockPassesIt() {
        scheduler.dueOrders = engine;
        store.schedule(OrderDeadlines.DATE, "order-1", clock.now().plusDays(1));
        scheduler.runDueNow();
        assertEquals(List.of(), reached);

        clock.plusDays(1).plusMinutes(1);
        scheduler.runDueNow();
        assertEquals(List.of("order-1"), reached);
        scheduler.runDueNow();
        assertEquals("run once", List.of("order-1"), reached);
        assertEquals(JobState.DONE, store.find(OrderDeadlines.DATE, "order-1").orElseThrow().state());
    }

    @Test
    public void aTimeoutGoesToTheEngineWhichEndsTheOrder() {
        scheduler.dueOrders = engine;
        store.schedule(OrderDeadlines.TIMEOUT, "order-t", clock.now().minusMinutes(1));
        scheduler.runDueNow();
        assertEquals(List.of("order-t"), timedOut);
        assertTrue(store.find(OrderDeadlines.TIMEOUT, "order-t").isEmpty());
    }

    @Test
    public void orderWorkWaitsUnclaimedWhileTheEngineIsAbsent() {
        store.schedule(OrderDeadlines.DATE, "order-2", clock.now().minusMinutes(1));
        scheduler.runDueNow();
        Job waiting = store.find(OrderDeadlines.DATE, "order-2").orElseThrow();
        assertEquals(JobState.WAITING, waiting.state());
        assertEquals(0, waiting.attempts());

        scheduler.dueOrders = engine;
        scheduler.runDueNow();
        assertEquals(List.of("order-2"), reached);
    }

    @Test
    public void aFailingJobIsTriedAgainLaterAndGivenUpAfterItsAttempts() {
        scheduler.dueOrders = engine;
        store.schedule(OrderDeadlines.DATE, "broken-1", clock.now().minusMinutes(1));
        for (int attempt = 1; attempt <= 3; attempt++) {
            scheduler.runDueNow();
            Job job = store.find(OrderDeadlines.DATE, "broken-1").orElseThrow();
            assertEquals(attempt, job.attempts());
            if (attempt < 3) {
                assertEquals(JobState.WAITING, job.state());
                assertTrue(job.lastError().contains("engine fails"));
                scheduler.runDueNow();
                assertEquals("not before its retry time", attempt,
                        store.find(OrderDeadlines.DATE, "broken-1").orElseThrow().attempts());
                clock.plusMinutes(attempt + 1);
            } else {
                assertEquals(JobState.FAILED, job.state());
                assertTrue(job.result().startsWith("gave up after 3 attempts"));
            }
        }
    }

    @Test
    public void theMonthThatEndedIsBilledOnceAndTheNextMonthEndIsScheduled() {
        scheduler.billing = billing;
        scheduler.runDueNow();
        assertEquals(List.of(YearMonth.of(2026, 10)), billed);
        Job october = store.find(Scheduler.BILLING_RUN, "2026-10").orElseThrow();
        assertEquals(JobState.DONE, october.state());
        assertEquals(1000, october.processed());
        assertEquals(1000, october.total());
        Job november = store.find(Scheduler.BILLING_RUN, "2026-11").orElseThrow();
        assertEquals(JobState.WAITING, november.state());
        assertEquals("2026-12-01T00:00+08:00", november.dueAt().toString());

        scheduler.runDueNow();
        assertEquals("November has not ended", 1, billed.size());
        clock.set(java.time.OffsetDateTime.parse("2027-02-03T09:00:00+08:00"));
        while (!scheduler.runDueNow().isEmpty()) {
            // poll rounds until nothing is due
        }
        assertEquals("every month missed while the clock jumped is billed, each once",
                List.of(YearMonth.of(2026, 10), YearMonth.of(2026, 11), YearMonth.of(2026, 12), YearMonth.of(2027, 1)),
                billed.stream().sorted().toList());
        assertEquals(JobState.WAITING, store.find(Scheduler.BILLING_RUN, "2027-02").orElseThrow().state());
    }

    @Test
    public void anAdminStartsARunNowAndAStopEndsItBetweenPages() {
        scheduler.billing = new BillingService() {
            @Override
            public BillingRun run(Caller caller, YearMonth month, RunControl control) {
                // the admin stops the run while its first page is being charged
                Job running = store.find(Scheduler.BILLING_RUN, month.toString()).orElseThrow();
                scheduler.stop("admin", running.id());
                int done = 0;
                while (done < 1000) {
                    done += 250;
                    if (!control.progress(done, 1000)) {
                        break;
                    }
                }
                billed.add(month);
                return new BillingRun(month.toString(), done, done, 0, 0);
            }
        };
        Job started = scheduler.start("admin", Scheduler.BILLING_RUN, "2026-09");
        assertEquals(JobState.WAITING, started.state());
        assertTrue(audit.actions().contains("JOB_STARTED"));
        List<Job> ran = scheduler.runDueNow();
        assertTrue(ran.stream().anyMatch(j -> j.key().equals("2026-09")));
        Job stopped = store.find(Scheduler.BILLING_RUN, "2026-09").orElseThrow();
        assertEquals(JobState.STOPPED, stopped.state());
        assertEquals(250, stopped.processed());
        try {
            scheduler.stop("admin", stopped.id());
            fail("an ended job cannot be stopped");
        } catch (ProblemException e) {
            assertEquals("JOB_ENDED", e.code());
        }
    }

    @Test
    public void onlyRecurringRunsThisNodeCanRunMayBeStartedAndOnlyOnceDue() {
        assertEquals(Set.of(), scheduler.startableKinds());
        scheduler.billing = billing;
        assertEquals(Set.of(Scheduler.BILLING_RUN), scheduler.startableKinds());
        assertRefused("JOB_KIND_UNKNOWN", 400, () -> scheduler.start("admin", OrderDeadlines.DATE, "order-1"));
        assertRefused("JOB_KIND_UNKNOWN", 400, () -> scheduler.start("admin", "COLLECTION_RUN", null));
        assertRefused("JOB_KEY_INVALID", 400, () -> scheduler.start("admin", Scheduler.BILLING_RUN, "2026-13"));
        assertRefused("MONTH_NOT_ENDED", 422, () -> scheduler.start("admin", Scheduler.BILLING_RUN, "2026-11"));
        assertEquals("nothing refused was stored", 0, store.all().size());
        Job started = scheduler.start("admin", Scheduler.BILLING_RUN, null);
        assertEquals("2026-10", started.key());
        assertFalse(started.stopRequested());
    }

    @Test
    public void aRunInProgressWhenTheNodeStopsIsHandedBackNotEnded() throws Exception {
        scheduler.billing = new BillingService() {
            @Override
            public BillingRun run(Caller caller, YearMonth month, RunControl control) {
                scheduler.deactivate(); // the node stops during the run
                control.progress(250, 1000);
                return new BillingRun(month.toString(), 250, 250, 0, 0);
            }
        };
        scheduler.start("admin", Scheduler.BILLING_RUN, "2026-08");
        scheduler.runDueNow();
        Job handedBack = store.find(Scheduler.BILLING_RUN, "2026-08").orElseThrow();
        assertEquals(JobState.WAITING, handedBack.state());
        assertTrue(handedBack.lastError().contains("stopped during the run"));
    }

    @Test
    public void withRecurringRunsOffOnlyAnAdminsStartRunsThemAndNoNextOneIsAdded() {
        scheduler.configure(new Scheduler.Settings(true, false, Duration.ofSeconds(1), Duration.ofSeconds(60), 2, 3,
                Duration.ofSeconds(60), "node-test", Duration.ofDays(30)));
        scheduler.billing = billing;
        scheduler.runDueNow();
        assertEquals(List.of(), billed);
        scheduler.start("admin", Scheduler.BILLING_RUN, null);
        scheduler.runDueNow();
        assertEquals(List.of(YearMonth.of(2026, 10)), billed);
        assertEquals(1, store.all().size());
    }

    private static void assertRefused(String code, int status, Runnable call) {
        try {
            call.run();
            fail("expected " + code);
        } catch (ProblemException e) {
            assertEquals(code, e.code());
            assertEquals(status, e.status());
        }
    }
}
