package org.bizhall.persistence.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.platform.schedule.Job;
import org.bizhall.platform.schedule.JobState;
import org.bizhall.platform.schedule.JobStore;
import org.bizhall.platform.schedule.OrderDeadlines;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Jobs in {@code jobs}, unique by (kind, key). A claim is one conditional update per row, each in a transaction of its
 * own, so a node never holds locks on several rows at once and two nodes racing for a row both run the update and
 * exactly one changes it. Due times are business time (an adjustable clock moved forward makes work due); leases are
 * machine time, so moving the business clock never makes a live run look dead. Order deadlines are jobs of the kinds
 * {@link OrderDeadlines#DATE} and {@link OrderDeadlines#TIMEOUT} keyed by the order id, written in the engine's
 * transaction.
 */
@Component(service = {JobStore.class, OrderDeadlines.class})
public class JpaJobStore implements JobStore, OrderDeadlines {
    static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    static final int MAX_KIND = 32;
    static final int MAX_KEY = 64;
    static final int MAX_OWNER = 64;

    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    SchemaReady schema;

    /** Machine time for leases; tests set it. */
    volatile Clock time = Clock.systemUTC();

    private Instant machineNow() {
        return time.instant();
    }

    private Instant businessNow() {
        return clock.now().toInstant();
    }

    // ---- OrderDeadlines: called inside the engine's transaction

    @Override
    public void schedule(String kind, String orderId, OffsetDateTime dueAt) {
        if (!DATE.equals(kind) && !TIMEOUT.equals(kind)) {
            throw new IllegalArgumentException("an order deadline is " + DATE + " or " + TIMEOUT + ", not " + kind);
        }
        checkKey(orderId);
        Objects.requireNonNull(dueAt, "dueAt");
        Tx.run(jpa, em -> {
            JobEntity job = byKey(em, kind, orderId);
            if (job == null) {
                em.persist(newJob(kind, orderId, dueAt.toInstant()));
            } else {
                // moved, or set again after it ran: it waits for the new time; a run in progress loses its claim
                rewait(job, dueAt.toInstant());
            }
            em.flush();
        });
    }

    @Override
    public void clear(String orderId) {
        checkKey(orderId);
        Tx.run(jpa, em -> em.createQuery("delete from JobEntity j where j.key = :key and j.kind in (:kinds)")
                .setParameter("key", orderId).setParameter("kinds", List.of(DATE, TIMEOUT)).executeUpdate());
    }

    // ---- JobStore

    @Override
    public boolean addIfAbsent(String kind, String key, OffsetDateTime dueAt) {
        checkKind(kind);
        checkKey(key);
        Objects.requireNonNull(dueAt, "dueAt");
        // another node may add it between the look and the insert: the unique (kind, key) keeps one. The loser sees a
        // constraint violation, or on Derby a deadlock or lock timeout while the winner has not committed yet, so it
        // looks again and, when the winner rolled back too, tries once more
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (find(kind, key).isPresent()) {
                return false;
            }
            try {
                Tx.run(jpa, em -> {
                    em.persist(newJob(kind, key, dueAt.toInstant()));
                    em.flush();
                });
                return true;
            } catch (RuntimeException raced) {
                last = raced;
            }
        }
        if (find(kind, key).isPresent()) {
            return false;
        }
        throw last;
    }

    @Override
    public Job trigger(String kind, String key) {
        checkKind(kind);
        checkKey(key);
        Instant now = businessNow();
        Instant machineNow = machineNow();
        Job job = Tx.decide(jpa, em -> {
            JobEntity existing = byKey(em, kind, key);
            if (existing == null) {
                JobEntity added = newJob(kind, key, now);
                em.persist(added);
                em.flush();
                return Tx.Outcome.ok(toJob(added));
            }
            existing = Tx.lockFresh(em, JobEntity.class, existing.id);
            if (JobState.RUNNING.name().equals(existing.state) && existing.leaseUntil != null
                    && existing.leaseUntil.isAfter(machineNow)) {
                return Tx.Outcome.refused(ProblemException.conflict("JOB_RUNNING",
                        "the job " + kind + " " + key + " is running on " + existing.claimedBy));
            }
            rewait(existing, now);
            em.flush();
            return Tx.Outcome.ok(toJob(existing));
        });
        return job;
    }

    @Override
    public List<Job> claimDue(Collection<String> kinds, String owner, Duration lease, int max) {
        checkOwner(owner);
        Objects.requireNonNull(lease, "lease");
        if (kinds.isEmpty() || max <= 0) {
            return List.of();
        }
        Instant due = businessNow();
        Instant now = machineNow();
        List<Long> candidates = Tx.call(jpa, em -> em.createQuery("select j.id from JobEntity j where j.kind in (:kinds)"
                + " and j.dueAt <= :due and (j.state = :waiting or (j.state = :running and j.leaseUntil < :now))"
                + " order by j.dueAt, j.id", Long.class)
                .setParameter("kinds", kinds).setParameter("due", due).setParameter("now", now)
                .setParameter("waiting", JobState.WAITING.name()).setParameter("running", JobState.RUNNING.name())
                .setMaxResults(max * 4).getResultList());
        List<Job> claimed = new ArrayList<>();
        for (Long id : candidates) {
            if (claimed.size() >= max) {
                break;
            }
            claimOne(id, owner, lease, due).ifPresent(claimed::add);
        }
        return claimed;
    }

    private Optional<Job> claimOne(long id, String owner, Duration lease, Instant due) {
        Instant now = machineNow();
        return Tx.call(jpa, em -> {
            int taken = em.createQuery("update JobEntity j set j.state = :running, j.claimedBy = :me,"
                    + " j.leaseUntil = :until, j.attempts = j.attempts + 1, j.startedAt = :started"
                    + " where j.id = :id and j.dueAt <= :due"
                    + " and (j.state = :waiting or (j.state = :running and j.leaseUntil < :now))")
                    .setParameter("running", JobState.RUNNING.name()).setParameter("me", owner)
                    .setParameter("until", now.plus(lease)).setParameter("started", businessNow())
                    .setParameter("id", id).setParameter("due", due).setParameter("now", now)
                    .setParameter("waiting", JobState.WAITING.name()).executeUpdate();
            if (taken == 0) {
                return Optional.<Job>empty();
            }
            return Optional.of(toJob(em.find(JobEntity.class, id)));
        });
    }

    @Override
    public boolean progress(long id, String owner, long processed, long total, Duration lease) {
        checkOwner(owner);
        Instant now = machineNow();
        return Tx.call(jpa, em -> {
            int kept = em.createQuery("update JobEntity j set j.processed = :processed, j.total = :total,"
                    + " j.leaseUntil = :until where j.id = :id and j.state = :running and j.claimedBy = :me")
                    .setParameter("processed", processed).setParameter("total", total)
                    .setParameter("until", now.plus(lease)).setParameter("id", id)
                    .setParameter("running", JobState.RUNNING.name()).setParameter("me", owner).executeUpdate();
            if (kept == 0) {
                return false;
            }
            Boolean stop = em.createQuery("select j.stopRequested from JobEntity j where j.id = :id", Boolean.class)
                    .setParameter("id", id).getSingleResult();
            return !stop;
        });
    }

    @Override
    public boolean finish(long id, String owner, JobState state, String result) {
        checkOwner(owner);
        if (state != JobState.DONE && state != JobState.STOPPED && state != JobState.FAILED) {
            throw new IllegalArgumentException("a run ends DONE, STOPPED or FAILED, not " + state);
        }
        return Tx.call(jpa, em -> em.createQuery("update JobEntity j set j.state = :state, j.result = :result,"
                + " j.doneAt = :done, j.leaseUntil = null where j.id = :id and j.state = :running and j.claimedBy = :me")
                .setParameter("state", state.name()).setParameter("result", Codec.truncate(result, 1000))
                .setParameter("done", businessNow()).setParameter("id", id)
                .setParameter("running", JobState.RUNNING.name()).setParameter("me", owner).executeUpdate() == 1);
    }

    @Override
    public boolean retry(long id, String owner, String error, OffsetDateTime retryAt) {
        checkOwner(owner);
        Objects.requireNonNull(retryAt, "retryAt");
        return Tx.call(jpa, em -> em.createQuery("update JobEntity j set j.state = :waiting, j.dueAt = :retry,"
                + " j.claimedBy = null, j.leaseUntil = null, j.lastError = :error"
                + " where j.id = :id and j.state = :running and j.claimedBy = :me")
                .setParameter("waiting", JobState.WAITING.name()).setParameter("retry", retryAt.toInstant())
                .setParameter("error", Codec.truncate(error, 1000)).setParameter("id", id)
                .setParameter("running", JobState.RUNNING.name()).setParameter("me", owner).executeUpdate() == 1);
    }

    @Override
    public boolean requestStop(long id) {
        return Tx.call(jpa, em -> {
            int waiting = em.createQuery("update JobEntity j set j.state = :stopped, j.stopRequested = true,"
                    + " j.doneAt = :done, j.result = :result where j.id = :id and j.state = :waiting")
                    .setParameter("stopped", JobState.STOPPED.name()).setParameter("done", businessNow())
                    .setParameter("result", "stopped before it ran").setParameter("id", id)
                    .setParameter("waiting", JobState.WAITING.name()).executeUpdate();
            int running = em.createQuery("update JobEntity j set j.stopRequested = true"
                    + " where j.id = :id and j.state = :running")
                    .setParameter("id", id).setParameter("running", JobState.RUNNING.name()).executeUpdate();
            return waiting + running > 0;
        });
    }

    @Override
    public Optional<Job> find(long id) {
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(JobEntity.class, id)).map(this::toJob));
    }

    @Override
    public Optional<Job> find(String kind, String key) {
        return Tx.call(jpa, em -> Optional.ofNullable(byKey(em, kind, key)).map(this::toJob));
    }

    @Override
    public Page<Job> list(Collection<JobState> states, int offset, int limit) {
        int first = Math.max(offset, 0);
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : Math.min(limit, Page.MAX_LIMIT);
        boolean all = states == null || states.isEmpty();
        String where = all ? "" : " where j.state in (:states)";
        List<String> names = all ? List.of() : states.stream().map(JobState::name).toList();
        return Tx.call(jpa, em -> {
            var items = em.createQuery("select j from JobEntity j" + where + " order by j.dueAt desc, j.id desc",
                    JobEntity.class);
            var count = em.createQuery("select count(j) from JobEntity j" + where, Long.class);
            if (!all) {
                items.setParameter("states", names);
                count.setParameter("states", names);
            }
            return new Page<>(items.setFirstResult(first).setMaxResults(max).getResultList().stream()
                    .map(this::toJob).toList(), count.getSingleResult());
        });
    }

    private static JobEntity byKey(EntityManager em, String kind, String key) {
        List<JobEntity> found = em.createQuery("select j from JobEntity j where j.kind = :kind and j.key = :key",
                JobEntity.class).setParameter("kind", kind).setParameter("key", key).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static JobEntity newJob(String kind, String key, Instant dueAt) {
        JobEntity job = new JobEntity();
        job.kind = kind;
        job.key = key;
        job.state = JobState.WAITING.name();
        job.dueAt = dueAt;
        job.attempts = 0;
        return job;
    }

    /** Makes an existing job wait for {@code dueAt} as if new; a claim on it is dropped. */
    private static void rewait(JobEntity job, Instant dueAt) {
        job.state = JobState.WAITING.name();
        job.dueAt = dueAt;
        job.claimedBy = null;
        job.leaseUntil = null;
        job.attempts = 0;
        job.lastError = null;
        job.processed = 0;
        job.total = 0;
        job.stopRequested = false;
        job.result = null;
        job.startedAt = null;
        job.doneAt = null;
    }

    private Job toJob(JobEntity e) {
        return new Job(e.id, e.kind, e.key, JobState.valueOf(e.state), Codec.time(e.dueAt, clock.zone()), e.claimedBy,
                Codec.time(e.leaseUntil, clock.zone()), e.attempts, e.lastError, e.processed, e.total, e.stopRequested,
                e.result, Codec.time(e.startedAt, clock.zone()), Codec.time(e.doneAt, clock.zone()));
    }

    static void checkKind(String kind) {
        if (kind == null || kind.length() > MAX_KIND || !KIND.matcher(kind).matches()) {
            throw ProblemException.badRequest("JOB_KIND_INVALID", "a job kind is an UPPER_SNAKE word of up to "
                    + MAX_KIND + " characters", "kind");
        }
    }

    static void checkKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            throw ProblemException.badRequest("JOB_KEY_INVALID", "a job key has 1 to " + MAX_KEY + " characters", "key");
        }
    }

    private static void checkOwner(String owner) {
        if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER) {
            throw new IllegalArgumentException("a job owner is 1 to " + MAX_OWNER + " characters");
        }
    }
}
