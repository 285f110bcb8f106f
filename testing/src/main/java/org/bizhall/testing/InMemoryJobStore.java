package org.bizhall.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.platform.schedule.Job;
import org.bizhall.platform.schedule.JobState;
import org.bizhall.platform.schedule.JobStore;
import org.bizhall.platform.schedule.OrderDeadlines;

/**
 * The jobs table in memory, with the store's rules: unique (kind, key), due on the business clock, leases on
 * {@link #time} (machine time), and every change by a runner checked against its claim. Also the engine's
 * {@link OrderDeadlines}. Synchronized: tests may race two schedulers on it.
 */
public final class InMemoryJobStore implements JobStore, OrderDeadlines {
    private final BusinessClock clock;
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private long nextId = 1;
    /** Machine time of leases; a test moves it to expire one. */
    public volatile Clock time = Clock.systemUTC();

    public InMemoryJobStore(BusinessClock clock) {
        this.clock = clock;
    }

    private OffsetDateTime machineNow() {
        return OffsetDateTime.ofInstant(time.instant(), clock.zone());
    }

    private static Job with(Job j, JobState state, OffsetDateTime dueAt, String claimedBy, OffsetDateTime leaseUntil,
            int attempts, String lastError, long processed, long total, boolean stop, String result,
            OffsetDateTime startedAt, OffsetDateTime doneAt) {
        return new Job(j.id(), j.kind(), j.key(), state, dueAt, claimedBy, leaseUntil, attempts, lastError, processed,
                total, stop, result, startedAt, doneAt);
    }

    private Job fresh(long id, String kind, String key, OffsetDateTime dueAt) {
        return new Job(id, kind, key, JobState.WAITING, dueAt, null, null, 0, null, 0, 0, false, null, null, null);
    }

    @Override
    public synchronized void schedule(String kind, String orderId, OffsetDateTime dueAt) {
        Optional<Job> existing = find(kind, orderId);
        long id = existing.map(Job::id).orElseGet(() -> nextId++);
        jobs.put(id, fresh(id, kind, orderId, dueAt));
    }

    @Override
    public synchronized void clear(String orderId) {
        jobs.values().removeIf(j -> j.key().equals(orderId)
                && (j.kind().equals(OrderDeadlines.DATE) || j.kind().equals(OrderDeadlines.TIMEOUT)));
    }

    @Override
    public synchronized boolean addIfAbsent(String kind, String key, OffsetDateTime dueAt) {
        if (find(kind, key).isPresent()) {
            return false;
        }
        long id = nextId++;
        jobs.put(id, fresh(id, kind, key, dueAt));
        return true;
    }

    @Override
    public synchronized Job trigger(String kind, String key) {
        Optional<Job> existing = find(kind, key);
        if (existing.isPresent() && live(existing.get())) {
            throw ProblemException.conflict("JOB_RUNNING", "the job " + kind + " " + key + " is running");
        }
        long id = existing.map(Job::id).orElseGet(() -> nextId++);
        Job job = fresh(id, kind, key, clock.now());
        jobs.put(id, job);
        return job;
    }

    private boolean live(Job j) {
        return j.state() == JobState.RUNNING && j.leaseUntil() != null && j.leaseUntil().isAfter(machineNow());
    }

    @Override
    public synchronized List<Job> claimDue(Collection<String> kinds, String owner, Duration lease, int max) {
        List<Job> claimed = new ArrayList<>();
        OffsetDateTime now = clock.now();
        List<Job> due = jobs.values().stream().filter(j -> kinds.contains(j.kind()) && !j.dueAt().isAfter(now))
                .filter(j -> j.state() == JobState.WAITING || (j.state() == JobState.RUNNING && !live(j)))
                .sorted(Comparator.comparing(Job::dueAt).thenComparing(Job::id)).toList();
        for (Job j : due) {
            if (claimed.size() >= max) {
                break;
            }
            Job taken = with(j, JobState.RUNNING, j.dueAt(), owner, machineNow().plus(lease), j.attempts() + 1,
                    j.lastError(), j.processed(), j.total(), j.stopRequested(), j.result(), now, j.doneAt());
            jobs.put(j.id(), taken);
            claimed.add(taken);
        }
        return claimed;
    }

    private Optional<Job> owned(long id, String owner) {
        Job j = jobs.get(id);
        return j != null && j.state() == JobState.RUNNING && owner.equals(j.claimedBy()) ? Optional.of(j) : Optional.empty();
    }

    @Override
    public synchronized boolean progress(long id, String owner, long processed, long total, Duration lease) {
        Optional<Job> j = owned(id, owner);
        j.ifPresent(x -> jobs.put(id, with(x, x.state(), x.dueAt(), owner, machineNow().plus(lease), x.attempts(),
                x.lastError(), processed, total, x.stopRequested(), x.result(), x.startedAt(), x.doneAt())));
        return j.isPresent() && !j.get().stopRequested();
    }

    @Override
    public synchronized boolean finish(long id, String owner, JobState state, String result) {
        Optional<Job> j = owned(id, owner);
        j.ifPresent(x -> jobs.put(id, with(x, state, x.dueAt(), owner, null, x.attempts(), x.lastError(),
                x.processed(), x.total(), x.stopRequested(), result, x.startedAt(), clock.now())));
        return j.isPresent();
    }

    @Override
    public synchronized boolean retry(long id, String owner, String error, OffsetDateTime retryAt) {
        Optional<Job> j = owned(id, owner);
        j.ifPresent(x -> jobs.put(id, with(x, JobState.WAITING, retryAt, null, null, x.attempts(), error,
                x.processed(), x.total(), x.stopRequested(), x.result(), x.startedAt(), x.doneAt())));
        return j.isPresent();
    }

    @Override
    public synchronized boolean requestStop(long id) {
        Job x = jobs.get(id);
        if (x == null) {
            return false;
        }
        if (x.state() == JobState.WAITING) {
            jobs.put(id, with(x, JobState.STOPPED, x.dueAt(), null, null, x.attempts(), x.lastError(), x.processed(),
                    x.total(), true, "stopped before it ran", x.startedAt(), clock.now()));
            return true;
        }
        if (x.state() == JobState.RUNNING) {
            jobs.put(id, with(x, x.state(), x.dueAt(), x.claimedBy(), x.leaseUntil(), x.attempts(), x.lastError(),
                    x.processed(), x.total(), true, x.result(), x.startedAt(), x.doneAt()));
            return true;
        }
        return false;
    }

    @Override
    public synchronized Optional<Job> find(long id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized Optional<Job> find(String kind, String key) {
        return jobs.values().stream().filter(j -> j.kind().equals(kind) && j.key().equals(key)).findFirst();
    }

    @Override
    public synchronized Page<Job> list(Collection<JobState> states, int offset, int limit) {
        List<Job> all = jobs.values().stream().filter(j -> states == null || states.isEmpty() || states.contains(j.state()))
                .sorted(Comparator.comparing(Job::dueAt).thenComparing(Job::id).reversed()).toList();
        return new Page<>(all.stream().skip(Math.max(0, offset)).limit(limit <= 0 ? Page.DEFAULT_LIMIT : limit).toList(),
                all.size());
    }

    /** Every job, in the order added. */
    public synchronized List<Job> all() {
        return List.copyOf(jobs.values());
    }
}
