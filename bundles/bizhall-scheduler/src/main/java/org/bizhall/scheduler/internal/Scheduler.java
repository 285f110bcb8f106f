package org.bizhall.scheduler.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bizhall.api.billing.BillingRun;
import org.bizhall.api.billing.BillingService;
import org.bizhall.api.billing.CollectionRun;
import org.bizhall.api.billing.CollectionService;
import org.bizhall.api.billing.RunControl;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.boot.KarafBoot;
import org.bizhall.platform.schedule.DueOrders;
import org.bizhall.platform.schedule.Job;
import org.bizhall.platform.schedule.JobState;
import org.bizhall.platform.schedule.JobStore;
import org.bizhall.platform.schedule.Jobs;
import org.bizhall.platform.schedule.OrderDeadlines;
import org.bizhall.platform.store.IdempotencyStore;
import org.bizhall.platform.store.PrintQueue;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due work. Every few seconds a node adds the recurring runs that have come on the business clock (billing of the
 * month that ended, the day's collection run and purges), claims what is due through the {@link JobStore} (so two
 * nodes never run one job and a dead node's job is taken again after its lease) and runs it on a small worker pool:
 * an order's date or timeout goes to the engine's {@link DueOrders}; a run to its service. A kind whose service is
 * absent on this node is not claimed here: it waits for a node that has it. A failed attempt waits and is tried again,
 * up to {@code maxAttempts}; a run asked to stop ends between two pages; a node that stops hands its runs back.
 * <p>
 * A node looks at nothing before its boot has finished (Karaf's {@code BootFinished} service, as the demo data waits
 * for it): on a fresh copy the first start finds every recurring run due at once, and on a restart the runs left
 * behind; run while the bundles still start, they shared the CPUs with the boot and the health check behind it. The
 * first look then comes after a random part of one poll interval, so nodes started together do not all claim at the
 * same instant.
 */
@Component(service = Jobs.class, immediate = true, configurationPid = Scheduler.PID)
@Designate(ocd = SchedulerConfig.class)
public class Scheduler implements Jobs {
    static final String PID = "org.bizhall.scheduler";
    static final String BILLING_RUN = "BILLING_RUN";
    static final String COLLECTION_RUN = "COLLECTION_RUN";
    static final String IDEMPOTENCY_PURGE = "IDEMPOTENCY_PURGE";
    static final String PRINT_PURGE = "PRINT_PURGE";
    /** The recurring runs and when each comes. */
    static final Map<String, Recurrence> RECURRING;
    /** The actor of what the scheduler does in audit entries and as the caller of runs. */
    static final String ACTOR = "scheduler";
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** Progress is written at most this often (a run may report after every item). */
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);
    /** Recurring runs are looked at when the business date changes, else at most this often. */
    private static final Duration SEED_EVERY = Duration.ofSeconds(30);

    static {
        Map<String, Recurrence> recurring = new LinkedHashMap<>();
        recurring.put(BILLING_RUN, Recurrence.MONTHLY_BILLING);
        recurring.put(COLLECTION_RUN, Recurrence.DAILY);
        recurring.put(IDEMPOTENCY_PURGE, Recurrence.DAILY);
        recurring.put(PRINT_PURGE, Recurrence.DAILY);
        RECURRING = Collections.unmodifiableMap(recurring);
    }

    @Reference
    JobStore store;
    @Reference
    BusinessClock clock;
    @Reference
    AuditLog audit;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DueOrders dueOrders;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BillingService billing;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CollectionService collection;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile IdempotencyStore idempotency;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PrintQueue printQueue;

    /** Machine time (leases, throttles, print job ages); tests set it. */
    volatile Clock time = Clock.systemUTC();

    private volatile Settings settings = Settings.defaults();
    private volatile boolean stopping;
    private final AtomicInteger running = new AtomicInteger();
    private ScheduledExecutorService poller;
    private ExecutorService workers;
    private volatile LocalDate seededFor;
    private volatile Instant seededAt = Instant.EPOCH;
    /** Returns once the node's boot has finished (or it is not to be waited for); interrupted when the node stops. */
    volatile BootWait bootWait = () -> { };

    /** Waits for the end of the node's boot. */
    interface BootWait {
        void await() throws InterruptedException;
    }

    /** The configuration as this class uses it. */
    record Settings(boolean enabled, boolean recurring, Duration poll, Duration lease, int workers, int maxAttempts, Duration retry,
            String owner, Duration printRetention) {
        static Settings defaults() {
            return new Settings(true, true, Duration.ofSeconds(2), Duration.ofSeconds(60), 2, 5, Duration.ofSeconds(60),
                    defaultOwner(), Duration.ofDays(30));
        }

        static Settings of(SchedulerConfig c) {
            String owner = c.node() == null || c.node().isBlank() ? defaultOwner() : c.node().trim();
            return new Settings(c.enabled(), c.recurring(), Duration.ofSeconds(Math.max(1, c.pollSeconds())),
                    Duration.ofSeconds(Math.max(5, c.leaseSeconds())), Math.max(1, c.workers()),
                    Math.max(1, c.maxAttempts()), Duration.ofSeconds(Math.max(1, c.retrySeconds())),
                    owner.length() > 64 ? owner.substring(0, 64) : owner, Duration.ofDays(Math.max(1, c.printJobRetentionDays())));
        }

        private static String defaultOwner() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "node";
            }
            String owner = host + "-" + UUID.randomUUID().toString().substring(0, 8);
            return owner.length() > 64 ? owner.substring(owner.length() - 64) : owner;
        }
    }

    @Activate
    void activate(BundleContext context, SchedulerConfig config) {
        bootWait = () -> awaitBootFinished(context);
        startPolling(Settings.of(config));
    }

    /** Starts the poller: its first task waits for the end of the boot, then polls begin after a random delay. */
    void startPolling(Settings configured) {
        settings = configured;
        stopping = false;
        if (!settings.enabled()) {
            LOG.info("scheduler disabled on this node (org.bizhall.scheduler enabled=false)");
            return;
        }
        workers = Executors.newFixedThreadPool(settings.workers(), named("bizhall-scheduler-run"));
        ScheduledExecutorService p = Executors.newSingleThreadScheduledExecutor(named("bizhall-scheduler-poll"));
        poller = p;
        long every = settings.poll().toMillis();
        p.execute(() -> {
            try {
                bootWait.await();
            } catch (InterruptedException e) {
                return; // the node stops before its boot finished
            }
            try {
                p.scheduleWithFixedDelay(this::pollSafely, ThreadLocalRandom.current().nextLong(every) + 1, every,
                        TimeUnit.MILLISECONDS);
            } catch (RuntimeException stoppingNow) {
                // deactivated meanwhile
            }
        });
        LOG.info("scheduler started as {} (poll {}s, lease {}s, {} workers, recurring runs {}); due work is looked at"
                + " once the boot has finished", settings.owner(), settings.poll().toSeconds(),
                settings.lease().toSeconds(), settings.workers(), settings.recurring() ? "on" : "off");
    }

    private static void awaitBootFinished(BundleContext context) throws InterruptedException {
        if (!KarafBoot.awaitFinished(context)) {
            LOG.info("scheduler: the boot has not finished after {} s, looking for due work anyway",
                    KarafBoot.MAX_WAIT.toSeconds());
        }
    }

    @Deactivate
    void deactivate() {
        // runs in progress end after their page and are handed back for the next node (or this one after a restart)
        stopping = true;
        if (poller != null) {
            poller.shutdownNow();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        poller = null;
        workers = null;
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The kinds this node can run now. */
    Set<String> runnableKinds() {
        Set<String> kinds = new LinkedHashSet<>();
        if (dueOrders != null) {
            kinds.add(OrderDeadlines.DATE);
            kinds.add(OrderDeadlines.TIMEOUT);
        }
        if (billing != null) {
            kinds.add(BILLING_RUN);
        }
        if (collection != null) {
            kinds.add(COLLECTION_RUN);
        }
        if (idempotency != null) {
            kinds.add(IDEMPOTENCY_PURGE);
        }
        if (printQueue != null) {
            kinds.add(PRINT_PURGE);
        }
        return kinds;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next poll tries again
            LOG.warn("scheduler poll failed: {}", e.toString());
        }
    }

    /** One round: adds the recurring runs that came, claims due jobs up to the free workers and hands them out. */
    void poll() {
        seedRecurring(false);
        ExecutorService pool = workers;
        int free = settings.workers() - running.get();
        if (pool == null || free <= 0 || stopping) {
            return;
        }
        for (Job job : store.claimDue(runnableKinds(), settings.owner(), settings.lease(), free)) {
            running.incrementAndGet();
            try {
                pool.execute(() -> {
                    try {
                        run(job);
                    } catch (RuntimeException e) {
                        // the store went away under the run (a restart): the lease runs out and the job is taken again
                        LOG.warn("job {} {} {} left to its lease: {}", job.id(), job.kind(), job.key(), e.toString());
                    } finally {
                        running.decrementAndGet();
                    }
                });
            } catch (RuntimeException rejected) {
                running.decrementAndGet();
                store.retry(job.id(), settings.owner(), "node stopping", clock.now());
            }
        }
    }

    /** Claims what is due and runs it on the calling thread; for tests. Returns the jobs run. */
    List<Job> runDueNow() {
        seedRecurring(true);
        List<Job> ran = new ArrayList<>();
        for (Job job : store.claimDue(runnableKinds(), settings.owner(), settings.lease(), 100)) {
            run(job);
            ran.add(job);
        }
        return ran;
    }

    /**
     * Makes sure each recurring run has its latest occurrence due by today, and the one after it once that has ended.
     * Unique (kind, key) makes the nodes that do this at the same time add each once.
     */
    void seedRecurring(boolean force) {
        if (!settings.recurring()) {
            return;
        }
        LocalDate today = clock.today();
        Instant now = time.instant();
        if (!force && today.equals(seededFor) && now.isBefore(seededAt.plus(SEED_EVERY))) {
            return;
        }
        for (Map.Entry<String, Recurrence> e : RECURRING.entrySet()) {
            String kind = e.getKey();
            Recurrence r = e.getValue();
            String current = r.currentKey(today);
            Optional<Job> job = store.find(kind, current);
            if (job.isEmpty()) {
                store.addIfAbsent(kind, current, r.dueAt(current, clock.zone()));
            } else if (ended(job.get().state())) {
                String next = r.nextKey(current, today);
                store.addIfAbsent(kind, next, r.dueAt(next, clock.zone()));
            }
        }
        seededFor = today;
        seededAt = now;
    }

    private static boolean ended(JobState state) {
        return state == JobState.DONE || state == JobState.FAILED || state == JobState.STOPPED;
    }

    /** Runs one claimed job to its end: done, stopped, handed back, or failed (tried again later or given up). */
    void run(Job job) {
        Control control = new Control(job);
        String result;
        try {
            result = execute(job, control);
        } catch (RuntimeException e) {
            failed(job, e);
            return;
        }
        if (result == null) {
            // the service went away between the claim and the run: another node (or this one later) takes it
            store.retry(job.id(), settings.owner(), "no service on " + settings.owner() + " for " + job.kind(),
                    clock.now());
        } else if (control.handedBack) {
            store.retry(job.id(), settings.owner(), "node " + settings.owner() + " stopped during the run; "
                    + result, clock.now());
        } else if (control.stopped) {
            store.finish(job.id(), settings.owner(), JobState.STOPPED, "stopped: " + result);
            LOG.info("job {} {} {} stopped: {}", job.id(), job.kind(), job.key(), result);
        } else {
            store.finish(job.id(), settings.owner(), JobState.DONE, result);
            Recurrence r = RECURRING.get(job.kind());
            if (r != null && settings.recurring()) {
                String next = r.nextKey(job.key(), clock.today());
                store.addIfAbsent(job.kind(), next, r.dueAt(next, clock.zone()));
            }
            LOG.info("job {} {} {} done: {}", job.id(), job.kind(), job.key(), result);
        }
    }

    /** What the job does; its result in words, or null when this node has no service for it any more. */
    private String execute(Job job, RunControl control) {
        Caller system = Caller.admin(ACTOR);
        return switch (job.kind()) {
            case OrderDeadlines.DATE -> with(dueOrders, orders -> {
                orders.dateReached(job.key());
                return "date reached";
            });
            case OrderDeadlines.TIMEOUT -> with(dueOrders, orders -> {
                orders.timedOut(job.key());
                return "timed out";
            });
            case BILLING_RUN -> with(billing, service -> {
                BillingRun run = service.run(system, YearMonth.parse(job.key()), control);
                return "subscribers " + run.subscribers() + ", charged " + run.charged() + ", totalFen "
                        + run.totalFen() + ", already charged " + run.alreadyCharged();
            });
            case COLLECTION_RUN -> with(collection, service -> {
                CollectionRun run = service.run(system, control);
                return "overdue " + run.overdue() + ", reminders " + run.reminders() + ", suspended " + run.suspended()
                        + ", terminated " + run.terminated();
            });
            case IDEMPOTENCY_PURGE -> with(idempotency,
                    keys -> "purged " + keys.purgeExpired() + " expired idempotency keys");
            case PRINT_PURGE -> with(printQueue, queue -> "purged "
                    + queue.purgeDone(time.instant().minus(settings.printRetention())) + " done print jobs");
            default -> throw new IllegalStateException("no runner for job kind " + job.kind());
        };
    }

    /** {@code work} on {@code service} read once (it is dynamic), or null when it is absent. */
    private static <S> String with(S service, java.util.function.Function<S, String> work) {
        return service == null ? null : work.apply(service);
    }

    private void failed(Job job, RuntimeException e) {
        String error = e instanceof ProblemException p ? p.code() + ": " + p.detail() : e.toString();
        if (job.attempts() >= settings.maxAttempts()) {
            store.finish(job.id(), settings.owner(), JobState.FAILED, "gave up after " + job.attempts()
                    + " attempts: " + error);
            LOG.error("job {} {} {} failed for good after {} attempts: {}", job.id(), job.kind(), job.key(),
                    job.attempts(), error);
        } else {
            OffsetDateTime retryAt = clock.now().plus(settings.retry().multipliedBy(job.attempts()));
            store.retry(job.id(), settings.owner(), error, retryAt);
            LOG.warn("job {} {} {} attempt {} failed, tried again at {}: {}", job.id(), job.kind(), job.key(),
                    job.attempts(), retryAt, error);
        }
    }

    /** Progress of one run, written to its row at most every {@link #PROGRESS_EVERY}; also how it was told to end. */
    private final class Control implements RunControl {
        private final Job job;
        private Instant lastWrite = Instant.EPOCH;
        boolean stopped;
        boolean handedBack;

        Control(Job job) {
            this.job = job;
        }

        @Override
        public boolean progress(long processed, long total) {
            if (stopping) {
                handedBack = true;
                return false;
            }
            Instant now = time.instant();
            if (processed < total && now.isBefore(lastWrite.plus(PROGRESS_EVERY))) {
                return true;
            }
            lastWrite = now;
            if (!store.progress(job.id(), settings.owner(), processed, total, settings.lease())) {
                stopped = true;
                return false;
            }
            return true;
        }
    }

    // ---- Jobs: what admins see and do

    @Override
    public Set<String> startableKinds() {
        Set<String> kinds = new LinkedHashSet<>(RECURRING.keySet());
        kinds.retainAll(runnableKinds());
        return kinds;
    }

    @Override
    public Job start(String user, String kind, String key) {
        if (kind == null || !startableKinds().contains(kind)) {
            throw ProblemException.badRequest("JOB_KIND_UNKNOWN", "a job that can be started is one of "
                    + startableKinds(), "kind");
        }
        Recurrence r = RECURRING.get(kind);
        LocalDate today = clock.today();
        String occurrence = key == null || key.isBlank() ? r.currentKey(today) : key.trim();
        r.checkStartable(occurrence, today);
        Job job = store.trigger(kind, occurrence);
        audit.record(user, "JOB_STARTED", null, kind + " " + occurrence, null, "job " + job.id());
        ScheduledExecutorService p = poller;
        if (p != null) {
            try {
                p.execute(this::pollSafely); // at once, not at the next tick
            } catch (RuntimeException stoppingNow) {
                // the node is stopping: another node claims it
            }
        }
        return job;
    }

    @Override
    public Optional<Job> find(long id) {
        return store.find(id);
    }

    @Override
    public Page<Job> list(Collection<JobState> states, int offset, int limit) {
        return store.list(states, offset, limit);
    }

    @Override
    public Job stop(String user, long id) {
        Job job = store.find(id).orElseThrow(() -> ProblemException.notFound("JOB_NOT_FOUND", "no job " + id));
        if (ended(job.state()) || !store.requestStop(id)) {
            throw ProblemException.conflict("JOB_ENDED", "the job " + id + " has ended (" + job.state() + ")");
        }
        audit.record(user, "JOB_STOP_REQUESTED", null, job.kind() + " " + job.key(), null, "job " + id);
        return store.find(id).orElseThrow();
    }

    /** For tests: settings without OSGi configuration. */
    void configure(Settings settings) {
        this.settings = settings;
    }
}
