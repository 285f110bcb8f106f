package org.bizhall.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.bizhall.api.common.Page;
import org.bizhall.platform.schedule.Job;
import org.bizhall.platform.schedule.JobState;
import org.bizhall.platform.schedule.Jobs;
import org.junit.Test;

/** Issue 9 item 5: a started run shows one updating progress line; Ctrl-C stops the run cleanly. */
public class JobsCommandTest {
    private static final OffsetDateTime DUE = OffsetDateTime.parse("2026-12-01T00:00:00+08:00");

    /** A run of 2,000 subscribers that advances 500 at every look and stops at the page it is on when asked. */
    private static final class RunningBilling implements Jobs {
        final AtomicInteger looks = new AtomicInteger();
        volatile boolean stopAsked;
        volatile long processed;
        volatile JobState state = JobState.RUNNING;

        Job job() {
            return new Job(7, "BILLING_RUN", "2026-11", state, DUE, "node-a", null, 1, null, processed, 2000, stopAsked,
                    state == JobState.RUNNING ? null : "subscribers " + processed, DUE, null);
        }

        @Override
        public Set<String> startableKinds() {
            return Set.of("BILLING_RUN");
        }

        @Override
        public Job start(String user, String kind, String key) {
            return job();
        }

        @Override
        public Optional<Job> find(long id) {
            looks.incrementAndGet();
            if (state == JobState.RUNNING) {
                processed = Math.min(2000, processed + 500);
                if (stopAsked) {
                    state = JobState.STOPPED;
                } else if (processed == 2000) {
                    state = JobState.DONE;
                }
            }
            return Optional.of(job());
        }

        @Override
        public Page<Job> list(Collection<JobState> states, int offset, int limit) {
            return new Page<>(List.of(job()), 1);
        }

        @Override
        public Job stop(String user, long id) {
            stopAsked = true;
            return job();
        }
    }

    @Test
    public void aFollowedRunRewritesOneProgressLineUntilItIsDone() {
        RunningBilling billing = new RunningBilling();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JobsCommand().follow(billing, 7, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown, shown.contains("\rBILLING_RUN 2026-11 RUNNING 1000/2000 (50%)"));
        assertTrue(shown, shown.contains("DONE: subscribers 2000"));
        assertEquals("one line, rewritten: only the end adds lines", 2, shown.split("\n").length);
    }

    @Test
    public void ctrlCStopsTheRunAfterItsPageAndWaitsUntilItHasStopped() {
        RunningBilling billing = new RunningBilling();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Thread.currentThread().interrupt(); // what Karaf does to a command's thread on Ctrl-C
        new JobsCommand().follow(billing, 7, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(billing.stopAsked);
        assertEquals(JobState.STOPPED, billing.state);
        assertTrue(shown, shown.contains("stopping after this page"));
        assertTrue(shown, shown.contains("STOPPED: subscribers 1000"));
    }
}
