package org.bizhall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.crypto.bcrypt.BCrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Payments spread over many halls. Receipts are numbered per hall, so payments of one hall queue for its numbering lock
 * while payments of different halls need not: with client thread {@code t} the operator {@code bench-0t} of its own hall
 * {@code SN-BENCH-0t} (the demo loader adds them, {@code benchHalls} in {@code etc/org.bizhall.demo.cfg}), the rate over
 * 1, 2, 4 and 8 threads shows how far payments scale before the database or the CPUs are the limit. Then payments are
 * offered open loop ({@link Pacer}) at half the best of those rates, round the halls, and their latency is compared with
 * the goal (p99 ≤ {@value #P99_GOAL_MS} ms). The orders paid are account openings made beforehand (not measured), each
 * by a bench operator, with numbers listed once from the SN blocks the HTTP phase does not walk.
 */
final class HallsPhase {
    static final int[] THREADS = {1, 2, 4, 8};
    static final double P99_GOAL_MS = 25;
    /** The SN number blocks ({@code 1389180d}) left to this phase; the HTTP phase's threads start at d = 0. */
    static final int FIRST_BLOCK = 5;
    /** Client threads that carry the paced payments (open loop: a slow answer must not delay the next one). */
    static final int PACED_CLIENTS = 16;
    /** The paced phase stops when the payments fall this far behind their schedule. */
    static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Options o;
    private final List<HttpBench> operators = new ArrayList<>();
    private final int port;
    private final ObjectMapper json = new ObjectMapper();

    /** One thread count's measured payments. */
    record Level(int threads, Load.Phase phase) {
    }

    /** What the phase measured; {@code paced} is null when no level paid anything. */
    record Result(List<Level> levels, double pacedRate, Paced paced, List<String> failures) {
        double topRate() {
            return levels.stream().mapToDouble(l -> l.phase().perSecond()).max().orElse(0);
        }
    }

    /**
     * The paced payments: latency from sending, and lag of the sending behind the schedule; {@code began} is the wall
     * clock when the first was due, to find the phase in the server's logs; {@code stolen} the machine's steal counter
     * over the phase ({@link StolenCpu}), empty where it cannot be read.
     */
    record Paced(int offered, int paid, long wallNanos, Load.Latencies latencies, boolean overloaded,
            List<String> failures, long clientCpuNanos, List<Slow> slowest, java.time.Instant began,
            List<StolenCpu.Sample> stolen) {
        /** What the machine's hypervisor took from the phase, and from its slowest payments. */
        StolenCpu.Report stolenReport() {
            return StolenCpu.report(stolen, began, span(), slowest);
        }

        /** From the first due payment to the last answer: the phase's pace and its slowest payment's latency. */
        java.time.Duration span() {
            return java.time.Duration.ofNanos(wallNanos + slowest.stream().mapToLong(Slow::nanos).max().orElse(0));
        }

        /** The client's (the bench process's) CPU time per offered payment, in ms; −1 when not measured. */
        double clientCpuMsPerPayment() {
            return clientCpuNanos < 0 || offered == 0 ? -1 : clientCpuNanos / 1e6 / offered;
        }

        /** The share of one CPU the client used over the phase; −1 when not measured. */
        double clientCpuShare() {
            return clientCpuNanos < 0 || wallNanos <= 0 ? -1 : (double) clientCpuNanos / wallNanos;
        }
    }

    /**
     * A payment of the slowest one percent: when it was sent (wall clock, to find it in a flight recording of the
     * server, whose events carry wall-clock times), how long it took, and the hall operator's index.
     */
    record Slow(java.time.Instant sent, long nanos, int payment) {
        java.time.Instant answered() {
            return sent.plusNanos(nanos);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.1f ms (#%d)",
                    java.time.format.DateTimeFormatter.ISO_LOCAL_TIME.format(sent.atZone(java.time.ZoneOffset.UTC)),
                    nanos / 1e6, payment);
        }
    }

    HallsPhase(Options o, int port) {
        this.o = o;
        this.port = port;
        for (int i = 0; i < o.halls; i++) {
            operators.add(new HttpBench(port, user(i)));
        }
    }

    static String user(int i) {
        return String.format(Locale.ROOT, "bench-%02d", i + 1);
    }

    static String hall(int i) {
        return String.format(Locale.ROOT, "SN-BENCH-%02d", i + 1);
    }

    /** Prepares an unpacked distribution before its first start: the demo loader adds {@code halls} bench halls. */
    static void configure(KarafRun karaf, int halls) throws IOException {
        karaf.set("org.bizhall.demo.cfg", "benchHalls", String.valueOf(halls));
    }

    /**
     * Gives the realm the bench halls' operators, password = name, bcrypt-hashed (the realm reads its file at every
     * login). After the boot: the demo feature writes {@code etc/users.properties}
     * over any earlier copy when it is installed.
     */
    static void addOperators(KarafRun karaf, int halls) throws IOException {
        Path users = karaf.home.resolve("etc").resolve("users.properties");
        List<String> lines = new ArrayList<>(Files.readAllLines(users, StandardCharsets.ISO_8859_1));
        lines.add("# bench operators, one per bench hall (added by the bench to its own copy)");
        for (int i = 0; i < halls; i++) {
            // hashed as the realm stores its own users ({CRYPT}bcrypt{CRYPT}): a plain password would be refused
            // until the realm has hashed it, a second or so after the file changed
            lines.add(user(i) + " = {CRYPT}" + BCrypt.hashpw(user(i), BCrypt.gensalt(10)) + "{CRYPT},operator");
        }
        Files.write(users, lines, StandardCharsets.ISO_8859_1);
    }

    Result run() throws Exception {
        List<String> failures = new ArrayList<>();
        // each operator signs in once first (its one bcrypt check, remembered by the node for the phase)
        for (int i = 0; i < operators.size(); i++) {
            // a login refused while the realm has not read the file written before the start is tried again
            for (int attempt = 1; ; attempt++) {
                try {
                    operators.get(i).get("/numbers?prefix=" + HttpBench.SEGMENT + "&limit=1");
                    break;
                } catch (HttpBench.HttpFailure e) {
                    if (e.status != 401 || attempt == 3) {
                        throw new IllegalStateException(user(i) + " cannot list numbers (is benchHalls=" + o.halls
                                + " in etc/org.bizhall.demo.cfg and the user in etc/users.properties?): "
                                + e.getMessage(), e);
                    }
                    Thread.sleep(200);
                }
            }
        }
        int perLevel = o.hallPayments;
        // numbers for every opening of the phase, listed once, never two openings on one number
        int pacedMax = (int) Math.min(3000, Math.ceil(o.pacedSeconds * 200.0));
        ConcurrentLinkedQueue<String> numbers = new ConcurrentLinkedQueue<>(
                availableNumbers(perLevel * THREADS.length + Math.min(pacedMax, 5000 - perLevel * THREADS.length)));
        List<Level> levels = new ArrayList<>();
        for (int threads : THREADS) {
            if (threads > operators.size()) {
                break;
            }
            ConcurrentLinkedQueue<HttpBench.Opened> toPay = open(perLevel, numbers, failures);
            Load.Phase phase = Load.run("halls-pay-" + threads, toPay.size(), threads,
                    (thread, index, latencies) -> {
                        HttpBench.Opened order = toPay.poll();
                        if (order == null) {
                            throw new IllegalStateException("no opened order left to pay");
                        }
                        operators.get(thread).pay(order, latencies);
                    });
            levels.add(new Level(threads, phase));
            failures.addAll(phase.failures());
            if (phase.succeeded() < phase.tasks() || phase.tasks() < perLevel) {
                failures.add(threads + " threads: " + phase.succeeded() + " of " + perLevel + " payments succeeded");
            }
        }
        double top = levels.stream().mapToDouble(l -> l.phase().perSecond()).max().orElse(0);
        if (top <= 0) {
            return new Result(levels, 0, null, failures);
        }
        double rate = o.pacedRate > 0 ? o.pacedRate : top / 2;
        int count = (int) Math.max(20, Math.min(Math.round(rate * o.pacedSeconds), numbers.size()));
        List<HttpBench.Opened> orders = new ArrayList<>(open(count, numbers, failures));
        Paced paced = paced(orders, rate);
        failures.addAll(paced.failures());
        if (paced.paid() < orders.size() || orders.size() < count) {
            failures.add("paced: " + paced.paid() + " of " + count + " payments succeeded"
                    + (paced.overloaded() ? " (fell more than 10 s behind the rate)" : ""));
        }
        return new Result(levels, rate, paced, failures);
    }

    /** {@code count} account openings, order {@code j} by the operator of hall {@code j mod halls}, 4 at a time. */
    private ConcurrentLinkedQueue<HttpBench.Opened> open(int count, ConcurrentLinkedQueue<String> numbers,
            List<String> failures) throws InterruptedException {
        ConcurrentLinkedQueue<HttpBench.Opened> opened = new ConcurrentLinkedQueue<>();
        Load.Phase phase = Load.run("halls-open", count, Math.min(4, operators.size()), (thread, index, latencies) -> {
            String msisdn = numbers.poll();
            if (msisdn == null) {
                throw new IllegalStateException("the SN numbers left to this phase are used up");
            }
            opened.add(operators.get(index % operators.size()).open(msisdn, latencies));
        });
        failures.addAll(phase.failures());
        return opened;
    }

    /** Available SN numbers from the blocks {@value #FIRST_BLOCK}… on, as a bench operator lists them. */
    private List<String> availableNumbers(int wanted) throws Exception {
        List<String> found = new ArrayList<>();
        for (int block = FIRST_BLOCK; block <= 9 && found.size() < wanted; block++) {
            for (int offset = 0; offset < 1000 && found.size() < wanted; offset += 500) {
                JsonNode page = json.readTree(operators.get(0).get("/numbers?prefix=" + HttpBench.SEGMENT + block
                        + "&limit=500&offset=" + offset));
                if (page.size() == 0) {
                    break;
                }
                page.forEach(n -> found.add(n.path("msisdn").asText()));
            }
        }
        return found.subList(0, Math.min(wanted, found.size()));
    }

    /**
     * Pays {@code orders} open loop: payment {@code i} is due at start + i/rate whatever became of the others, sent by
     * the operator of hall {@code i mod halls}; {@value #PACED_CLIENTS} client threads carry them.
     */
    private Paced paced(List<HttpBench.Opened> orders, double rate) throws InterruptedException {
        return paced(orders.size(), rate, () -> {
            for (HttpBench operator : operators) {
                operator.connect();
            }
        }, (client, i, latencies) -> operators.get(i % operators.size()).pay(orders.get(i), latencies));
    }

    /** One paced payment: the {@code i}-th, sent by client thread {@code client} (0 to {@value #PACED_CLIENTS} − 1). */
    interface PacedPayment {
        void pay(int client, int i, Load.Latencies latencies) throws Exception;
    }

    /** What each client thread does once before the clock starts: open its connections. */
    interface PacedClientSetup {
        void connect() throws Exception;
    }

    /** As {@link #paced(int, double, PacedClientSetup, PacedPayment)}, with clients that have nothing to open first. */
    static Paced paced(int count, double rate, PacedPayment payment) throws InterruptedException {
        return paced(count, rate, () -> {
        }, payment);
    }

    /**
     * Makes {@code count} payments open loop at {@code rate}/s ({@link Pacer}) on {@value #PACED_CLIENTS} client
     * threads: payment {@code i} is sent when it is due whatever became of the others, its start lag (sent − due)
     * recorded. This JVM's heap is collected first, so that its own pause does not fall in the phase. Besides the
     * latencies, the bench process's own CPU time over the phase is measured: on a machine whose CPUs the client
     * shares with the server, a client that itself needs the CPUs shows here and in the start lag.
     * <p>
     * Each client thread runs {@code setup} before the clock starts: the HTTP clients open their connections to every
     * hall's operator then. Opened on first use instead, the sixteen threads' 128 connections were opened in the
     * pace's first second, and its first payments were among the slowest of every run (2026-12-05, docs/benchmarks.md).
     */
    static Paced paced(int count, double rate, PacedClientSetup setup, PacedPayment payment)
            throws InterruptedException {
        Load.Latencies latencies = new Load.Latencies();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger paid = new AtomicInteger();
        AtomicBoolean overloaded = new AtomicBoolean();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Slow> all = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(PACED_CLIENTS, r -> {
            Thread t = new Thread(r, "bench-paced");
            t.setDaemon(true);
            return t;
        });
        // one setup on each client thread: all wait for the others, so none takes two
        CountDownLatch ready = new CountDownLatch(PACED_CLIENTS);
        List<Future<?>> setups = new ArrayList<>();
        for (int w = 0; w < PACED_CLIENTS; w++) {
            setups.add(pool.submit(() -> {
                try {
                    setup.connect();
                } finally {
                    ready.countDown();
                    ready.await();
                }
                return null;
            }));
        }
        Load.awaitAll(setups, failures);
        // the client's own heap collected before the clock starts: a pause of this JVM inside the phase (19 ms once,
        // right after the orders were opened) stretched the payments in flight as if the server had been slow
        System.gc();
        long cpu0 = processCpuNanos();
        StolenCpu.Sampler stealing = StolenCpu.start();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        java.time.Instant began = java.time.Instant.now().plusMillis(100);
        Pacer pacer = new Pacer(start, rate);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < PACED_CLIENTS; w++) {
            int client = w;
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count && !overloaded.get(); i = next.getAndIncrement()) {
                    pacer.awaitDue(i);
                    long lag = System.nanoTime() - pacer.dueNanos(i);
                    latencies.record(START_LAG, lag);
                    if (lag > MAX_LAG_NANOS) {
                        overloaded.set(true);
                        break;
                    }
                    try {
                        java.time.Instant sent = java.time.Instant.now();
                        long t0 = System.nanoTime();
                        payment.pay(client, i, latencies);
                        all.add(new Slow(sent, System.nanoTime() - t0, i));
                        paid.incrementAndGet();
                    } catch (Exception | AssertionError e) {
                        if (failures.size() < 5) {
                            failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                }
                return null;
            }));
        }
        Load.awaitAll(workers, failures);
        long wall = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpu0;
        List<StolenCpu.Sample> stolen = stealing.stop();
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        List<Slow> slowest;
        synchronized (all) {
            slowest = all.stream().sorted(java.util.Comparator.comparingLong(Slow::nanos).reversed())
                    .limit(Math.max(1, (all.size() + 99) / 100))
                    .sorted(java.util.Comparator.comparing(Slow::sent)).toList();
        }
        return new Paced(count, paid.get(), wall, latencies, overloaded.get(), List.copyOf(failures), cpu, slowest,
                began, stolen);
    }

    /** Name under which the paced phases record how late each payment was sent. */
    static final String START_LAG = "start lag (sent − due)";

    /** CPU time of this (the bench's) process so far, or −1 when the JVM does not tell. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
