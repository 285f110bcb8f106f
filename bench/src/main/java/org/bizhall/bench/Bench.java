package org.bizhall.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The bizhall benchmark, one command, one run: boot time of the distribution beside a bare Karaf of the same version,
 * the Karaf JVM's resident memory idle and under load, account openings and payments per second over HTTP with their
 * latencies, and the same database writes by plain JDBC on embedded Derby as the physical limit. Everything runs on
 * loopback in temporary directories that are removed at the end; every loop is bounded.
 */
public final class Bench {
    private static final List<AutoCloseable> OPEN = Collections.synchronizedList(new ArrayList<>());
    /** What one part leaves to a later one (the JDBC baseline the rounds of [3] filled, for [4]); closed at the end. */
    private static final List<AutoCloseable> CARRIED = Collections.synchronizedList(new ArrayList<>());

    private final Options o;
    /** Figures for the closing summary, in the order they were measured. */
    private final Map<String, String> summary = new LinkedHashMap<>();
    /** The first round's boot figures ([1] and [2]), in nanoseconds; -1 until measured. */
    private long bareSsh = -1;
    private long bareSshCpu = -1;
    private long bizhallHealth = -1;
    private long bizhallHealthCpu = -1;
    private final List<String> notRun = new ArrayList<>();
    private Load.Phase httpOpenings;
    private Load.Phase httpPayments;
    private Load.Phase httpBillPayments;
    private Load.Phase jdbcOpenings;
    private Load.Phase jdbcPayments;
    /**
     * CPU time per opening and per payment, in ns: of the Karaf JVM for the platform (the client excluded), of the
     * bench JVM for JDBC (Derby and its client); −1 when not measured. Under a load that slows both sides unevenly,
     * the cost of a request in CPU moves less than its rate.
     */
    private double httpCpuOpening = -1;
    private double httpCpuPayment = -1;
    /** The bench JVM's CPU over the baseline's measured openings and payments, its JIT compiler threads' part too. */
    private Cpu jdbcCpu = new Cpu();
    /** The JDBC baseline of [3]'s rounds, carried on to [4]; null when [4] makes its own. */
    private Baseline baseline;
    private final RatioRounds rounds = new RatioRounds();
    private boolean failed;

    /** A JDBC baseline ready to run: its database, one worker and one number cursor a client thread, its tasks. */
    private record Baseline(JdbcBaseline db, HttpBench.NumberCursor[] cursors, Load.Task open, Load.Task pay) {
    }

    /** CPU time added up over the rounds, and the openings and payments it went to. */
    private static final class Cpu {
        private long opening;
        private long payment;
        private long jitOpening;
        private long jitPayment;
        private int openings;
        private int payments;
        private boolean unknown;
        private boolean jitUnknown;

        void add(long t0, long t1, long t2, long jit0, long jit1, long jit2, Load.Phase open, Load.Phase pay) {
            unknown |= t0 < 0 || t1 < 0 || t2 < 0;
            jitUnknown |= jit0 < 0 || jit1 < 0 || jit2 < 0;
            opening += t1 - t0;
            payment += t2 - t1;
            jitOpening += jit1 - jit0;
            jitPayment += jit2 - jit1;
            openings += open.succeeded();
            payments += pay.succeeded();
        }

        double perOpening() {
            return unknown || openings == 0 ? -1 : (double) opening / openings;
        }

        double perPayment() {
            return unknown || payments == 0 ? -1 : (double) payment / payments;
        }

        double jitPerOpening() {
            return jitUnknown || openings == 0 ? -1 : (double) jitOpening / openings;
        }

        double jitPerPayment() {
            return jitUnknown || payments == 0 ? -1 : (double) jitPayment / payments;
        }
    }

    private Bench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        if (NodeCompiler.relaunchNeeded()) {
            try {
                System.exit(NodeCompiler.relaunch(Bench.class, args));
            } catch (IOException | InterruptedException e) {
                System.err.println("bench: could not start itself again with " + NodeCompiler.OPTION + ": " + e);
                System.exit(2);
            }
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll();
            closeCarried();
        }, "bench-cleanup"));
        int status = new Bench(options).run();
        System.exit(status);
    }

    private int run() {
        long t0 = System.nanoTime();
        header();
        if (o.swap) {
            guarded("swap phase", this::swap);
            printSummary(System.nanoTime() - t0);
            return failed ? 1 : 0;
        }
        if (o.nodes) {
            guarded("nodes phase", () -> failed |= !NodesPhase.run(o, OPEN::add, OPEN::remove, summary));
            printSummary(System.nanoTime() - t0);
            return failed ? 1 : 0;
        }
        if (o.runs("bare")) {
            guarded("bare Karaf", this::bareKaraf);
        }
        if (o.runs("bizhall")) {
            guarded("bizhall over HTTP", this::bizhall);
        }
        if (o.runs("jdbc")) {
            guarded("JDBC baseline", this::jdbc);
        }
        closeCarried();
        if (o.bootRounds > 1 && o.runs("bare") && o.runs("bizhall")) {
            guarded("boot rounds", this::bootRounds);
        }
        printSummary(System.nanoTime() - t0);
        return failed ? 1 : 0;
    }

    private interface Part {
        void run() throws Exception;
    }

    private void guarded(String name, Part part) {
        try {
            part.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
            notRun.add(name + ": interrupted");
        } catch (Exception e) {
            failed = true;
            String message = String.valueOf(e.getMessage());
            notRun.add(name + ": " + message.lines().findFirst().orElse(message));
            System.out.println("  FAILED: " + e.getMessage());
        } finally {
            closeAll();
        }
    }

    // ------------------------------------------------------------------------------------------------ the machine

    private void header() {
        System.out.println("bizhall bench " + o.build.getProperty("project.version") + " — "
                + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        System.out.println("machine: " + host() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs ("
                + cpuModel() + "), " + memTotal() + " RAM, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version"));
        System.out.println("compilers of this bench JVM (its client and the JDBC baseline): " + NodeCompiler.describe());
        System.out.println("work dir: " + o.workDir + " (" + fileStore(o.workDir) + "); load average at start "
                + loadAverage() + " (other work on the machine skews every figure)");
        System.out.println(o.swap ? "settings: swap rate=" + o.rate + "/s swaps=" + o.swaps + " hold-seconds="
                + o.holdSeconds + " kar=" + o.kar : "settings: openings=" + o.openings + " warmup=" + o.warmup + " threads="
                + (o.nodes ? NodesPhase.clientThreads(o) + " (--threads=" + o.threads + " made even for two nodes)"
                        : o.threads)
                + " idle-seconds=" + o.idleSeconds + (o.karafOpts.isBlank() ? "" : " karaf-opts=\"" + o.karafOpts + "\"")
                + (o.skip.isEmpty() ? "" : " skip=" + String.join(",", o.skip)));
        System.out.println();
    }

    // ------------------------------------------------------------------------------------------------ bare Karaf

    private void bareKaraf() throws Exception {
        String name = "bare Karaf " + o.karafVersion();
        System.out.println("[1] boot and memory: " + name + " — " + o.bareKaraf.getFileName() + ", unpacked fresh, bin/karaf server");
        KarafRun k = KarafRun.unpack("karaf", o.bareKaraf, o.workDir, o.keep);
        OPEN.add(k);
        k.configure(false, true);
        System.out.println("  ports: ssh " + k.sshPort + ", rmi " + k.rmiRegistryPort + "/" + k.rmiServerPort
                + "; karaf user enabled in etc/users.properties");
        k.start(o.karafOpts);
        long deadline = k.startNanos() + TimeUnit.SECONDS.toNanos(o.bootTimeoutSeconds);
        long ssh = -1;
        long sshCpu = -1;
        long client = -1;
        long clientRun = -1;
        int attempts = 0;
        String output = null;
        while (System.nanoTime() < deadline) {
            requireAlive(k);
            if (ssh < 0) {
                if (KarafRun.accepts(k.sshPort)) {
                    ssh = System.nanoTime() - k.startNanos();
                    sshCpu = k.javaPid().map(KarafRun::cpuNanos).orElse(-1L);
                } else {
                    Thread.sleep(50);
                    continue;
                }
            }
            long c0 = System.nanoTime();
            attempts++;
            output = k.client("karaf", "karaf", "bundle:list -t 0", 60);
            if (output != null && output.contains("START LEVEL")) {
                long end = System.nanoTime();
                client = end - k.startNanos();
                clientRun = end - c0;
                break;
            }
            Thread.sleep(200);
        }
        if (client < 0) {
            throw new IllegalStateException(name + " did not answer bin/client within " + o.bootTimeoutSeconds
                    + " s\n" + k.logTail(15));
        }
        String bundles = activeBundles(output);
        line("ssh port accepts connections", sec(ssh), "process start → first TCP connect to sshPort succeeds");
        line("CPU used when ssh accepts", cpuSec(sshCpu), "utime + stime of the Karaf JVM (/proc/<pid>/stat) then:"
                + " far less sensitive to the machine's load than the wall clock");
        line("bin/client batch answers", sec(client), "process start → end of the first successful "
                + "`echo 'bundle:list -t 0' | bin/client -u karaf -p karaf -b` (attempt " + attempts
                + "; that client run alone took " + sec(clientRun) + ", its own JVM start included)");
        System.out.println("  " + bundles);
        bareSsh = ssh;
        bareSshCpu = sshCpu;
        summary.put("boot: bare Karaf, ssh port accepting", sec(ssh));
        summary.put("boot: bare Karaf, CPU used when ssh accepts", cpuSec(sshCpu));
        summary.put("boot: bare Karaf, bin/client answering", sec(client) + " (client run " + sec(clientRun) + ")");
        Thread.sleep(TimeUnit.SECONDS.toMillis(o.idleSeconds));
        long rss = k.rssKiB();
        line("resident memory idle", mib(rss), "VmRSS of the Karaf JVM (pid " + k.javaPid().orElse(-1L) + "), "
                + o.idleSeconds + " s after bin/client answered");
        summary.put("memory: bare Karaf idle (VmRSS)", mib(rss));
        String how = k.stop();
        k.close();
        OPEN.remove(k);
        System.out.println("  stopped (" + how + "), " + (Files.exists(k.dir) ? "kept " + k.dir : "temp dir deleted"));
        System.out.println();
    }

    // ------------------------------------------------------------------------------------------------ bizhall

    /**
     * Unpacks, configures and starts the distribution, and waits until it serves its demo data; prints and records
     * the boot figures. The caller stops it.
     */
    private KarafRun bootBizhall(String heading) throws Exception {
        String name = "bizhall " + o.build.getProperty("project.version");
        System.out.println(heading + ": " + name + " — " + o.distribution.getFileName() + ", unpacked fresh, bin/karaf server");
        if (!Files.isRegularFile(o.distribution)) {
            throw new IOException("no distribution at " + o.distribution
                    + " (build the project first: mvn install -DskipTests)");
        }
        KarafRun d = KarafRun.unpack("bizhall", o.distribution, o.workDir, o.keep);
        OPEN.add(d);
        d.configure(true, false);
        if (!o.swap && o.runs("halls")) {
            HallsPhase.configure(d, o.halls);
        }
        System.out.println("  ports: http " + d.httpPort + ", ssh " + d.sshPort + ", rmi " + d.rmiRegistryPort + "/"
                + d.rmiServerPort);
        HttpBench http = new HttpBench(d.httpPort);
        // the node's collections, to set beside the paced payments of [3b]
        d.start(!o.swap && o.runs("halls") ? (o.karafOpts + " " + GcLog.option(gcLog(d))).trim() : o.karafOpts);
        long deadline = d.startNanos() + TimeUnit.SECONDS.toNanos(o.bootTimeoutSeconds);
        long ssh = -1;
        long health = -1;
        long healthCpu = -1;
        long demo = -1;
        while (System.nanoTime() < deadline && demo < 0) {
            requireAlive(d);
            if (ssh < 0 && KarafRun.accepts(d.sshPort)) {
                ssh = System.nanoTime() - d.startNanos();
            }
            if (health < 0) {
                if (http.healthUp()) {
                    health = System.nanoTime() - d.startNanos();
                    healthCpu = d.javaPid().map(KarafRun::cpuNanos).orElse(-1L);
                }
            } else if (http.demoLoaded()) {
                demo = System.nanoTime() - d.startNanos();
            }
            if (demo < 0) {
                Thread.sleep(50);
            }
        }
        if (demo < 0) {
            throw new IllegalStateException(name + " did not " + (health < 0 ? "answer GET /api/v1/health with 200"
                    : "serve the demo numbers") + " within " + o.bootTimeoutSeconds + " s\n" + d.logTail(15));
        }
        if (ssh < 0 && KarafRun.accepts(d.sshPort)) {
            ssh = System.nanoTime() - d.startNanos();
        }
        line("ssh port accepts connections", ssh < 0 ? "n/a" : sec(ssh),
                "process start → first TCP connect to sshPort succeeds (same measure as the bare Karaf's)");
        line("GET /api/v1/health → 200", sec(health), "process start → first 200 of the health check (database"
                + " answers and at least one procedure is registered)");
        line("CPU used when /health is 200", cpuSec(healthCpu), "utime + stime of the Karaf JVM (/proc/<pid>/stat)"
                + " at that first 200: far less sensitive to the machine's load than the wall clock");
        line("demo data loaded", sec(demo), "process start → GET /api/v1/numbers?prefix=" + HttpBench.SEGMENT
                + "&limit=1 as op-sn answers a non-empty list");
        summary.put("boot: bizhall, ssh port accepting", ssh < 0 ? "n/a" : sec(ssh));
        bizhallHealth = health;
        bizhallHealthCpu = healthCpu;
        summary.put("boot: bizhall, GET /health 200", sec(health));
        summary.put("boot: bizhall, CPU used when /health is 200", cpuSec(healthCpu));
        summary.put("boot: bizhall, demo data served", sec(demo));

        return d;
    }

    /**
     * {@code --boot-rounds}: more pairs of first starts, the bare Karaf to its ssh port and then bizhall to its first
     * {@code /health} 200, each unpacked fresh; prints each pair and the median of their ratios (the first pair is [1]
     * and [2]).
     */
    private void bootRounds() throws Exception {
        System.out.println("[B] boot rounds: " + o.bootRounds + " pairs in all, the first being [1] and [2]; each a fresh"
                + " unpack, the bare Karaf to its ssh port, then bizhall to its first /health 200");
        BootRounds rounds = new BootRounds();
        if (bareSsh > 0 && bizhallHealth > 0) {
            rounds.add(new BootRounds.Round(bareSsh, bareSshCpu, bizhallHealth, bizhallHealthCpu));
            printRound(1, rounds.rounds().get(0));
        }
        for (int r = rounds.rounds().size() + 1; r <= o.bootRounds; r++) {
            long[] bare = firstStart(o.bareKaraf, "karaf", false, k -> KarafRun.accepts(k.sshPort), "open its ssh port");
            long[] health = firstStart(o.distribution, "bizhall", true, k -> new HttpBench(k.httpPort).healthUp(),
                    "answer GET /api/v1/health with 200");
            BootRounds.Round round = new BootRounds.Round(bare[0], bare[1], health[0], health[1]);
            rounds.add(round);
            printRound(r, round);
        }
        String median = String.format(java.util.Locale.ROOT, "%.2f ×", rounds.medianRatio());
        line("median ratio, /health ÷ bare ssh", median, "over " + rounds.rounds().size() + " pairs; median /health "
                + sec(rounds.medianHealth()) + ", median bare ssh " + sec(rounds.medianBareSsh()));
        summary.put("boot: /health ÷ bare ssh, median of " + rounds.rounds().size() + " pairs", median + " ("
                + sec(rounds.medianHealth()) + " vs " + sec(rounds.medianBareSsh()) + ")");
        System.out.println();
    }

    private static void printRound(int r, BootRounds.Round round) {
        System.out.println(String.format(java.util.Locale.ROOT, "  pair %d: bare ssh %s (%s), /health %s (%s): %.2f ×",
                r, sec(round.bareSsh()), cpuSec(round.bareSshCpu()), sec(round.health()), cpuSec(round.healthCpu()),
                round.ratio()));
    }

    /** A condition polled on a started Karaf. */
    private interface Ready {
        boolean test(KarafRun k) throws Exception;
    }

    /**
     * One first start of {@code tarball}, fresh: the wall clock and the JVM's CPU time (ns) when {@code ready} first
     * holds; then stopped and removed.
     */
    private long[] firstStart(Path tarball, String label, boolean bizhall, Ready ready, String what) throws Exception {
        KarafRun k = KarafRun.unpack(label, tarball, o.workDir, false);
        OPEN.add(k);
        try {
            k.configure(bizhall, !bizhall);
            k.start(o.karafOpts);
            long deadline = k.startNanos() + TimeUnit.SECONDS.toNanos(o.bootTimeoutSeconds);
            while (System.nanoTime() < deadline) {
                requireAlive(k);
                if (ready.test(k)) {
                    long at = System.nanoTime() - k.startNanos();
                    return new long[] {at, k.javaPid().map(KarafRun::cpuNanos).orElse(-1L)};
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException(label + " did not " + what + " within " + o.bootTimeoutSeconds + " s\n"
                    + k.logTail(15));
        } finally {
            k.stop();
            k.close();
            OPEN.remove(k);
        }
    }

    private void bizhall() throws Exception {
        KarafRun d = bootBizhall("[2] boot and memory");
        HttpBench http = new HttpBench(d.httpPort);
        Thread.sleep(TimeUnit.SECONDS.toMillis(o.idleSeconds));
        long idle = d.rssKiB();
        long pid = d.javaPid().orElse(-1L);
        line("resident memory idle", mib(idle), "VmRSS of the Karaf JVM (pid " + pid + "), " + o.idleSeconds
                + " s after the demo data answered");
        summary.put("memory: bizhall idle (VmRSS)", mib(idle));
        System.out.println();

        System.out.println("[3] throughput: bizhall over HTTP — " + o.threads + " client threads, a persistent connection each, "
                + "HTTP/1.1 on loopback, Basic op-sn, Idempotency-Key on every POST");
        HttpBench.NumberCursor[] cursors = new HttpBench.NumberCursor[o.threads];
        for (int t = 0; t < o.threads; t++) {
            cursors[t] = new HttpBench.NumberCursor(t, o.threads);
        }
        if (o.runs("jdbc")) {
            startBaseline();
        }
        if (o.warmup > 0) {
            if (baseline != null) {
                // first, so that the platform's first round follows its own warmup as closely as the baseline's does
                warm(baseline, "JDBC warmup");
            }
            ConcurrentLinkedQueue<HttpBench.Opened> warm = new ConcurrentLinkedQueue<>();
            Load.Phase wo = Load.run("warmup-open", o.warmup, o.threads, http.openingTask(cursors, warm));
            Load.Phase wp = Load.run("warmup-pay", warm.size(), o.threads,
                    http.paymentTask(warm, new ConcurrentLinkedQueue<>()));
            System.out.println("  warmup: " + wo.succeeded() + " openings and " + wp.succeeded()
                    + " payments, not measured" + failures(wo) + failures(wp));
            if (wo.succeeded() == 0) {
                throw new IllegalStateException("no warmup opening succeeded" + failures(wo));
            }
        }
        AtomicLong peak = new AtomicLong(-1);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-rss");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(KarafRun.rssKiB(pid), Math::max), 0, 200,
                TimeUnit.MILLISECONDS);
        ConcurrentLinkedQueue<HttpBench.Opened> paid = new ConcurrentLinkedQueue<>();
        int[] sizes = RatioRounds.split(o.openings, baseline == null ? 1 : Math.min(o.rounds, o.openings));
        if (baseline != null) {
            System.out.println("  measured in " + sizes.length + " rounds, each the platform's openings and payments"
                    + " and the JDBC baseline's (the baseline first in every other round): both rates over the same"
                    + " minutes of this machine");
        }
        long self = ProcessHandle.current().pid();
        Cpu node = new Cpu();
        Cpu client = new Cpu();
        for (int r = 1; r <= sizes.length; r++) {
            boolean jdbcFirst = baseline != null && RatioRounds.jdbcFirst(r);
            Load.Phase[] jdbcRound = jdbcFirst ? jdbcRound(baseline, sizes[r - 1], self, jdbcCpu) : null;
            ConcurrentLinkedQueue<HttpBench.Opened> opened = new ConcurrentLinkedQueue<>();
            long cpu0 = KarafRun.cpuNanos(pid);
            long jit0 = KarafRun.compilerCpuNanos(pid);
            long client0 = HallsPhase.processCpuNanos();
            Load.Phase open = Load.run("open", sizes[r - 1], o.threads, http.openingTask(cursors, opened));
            long cpu1 = KarafRun.cpuNanos(pid);
            long jit1 = KarafRun.compilerCpuNanos(pid);
            long client1 = HallsPhase.processCpuNanos();
            Load.Phase pay = Load.run("pay", opened.size(), o.threads, http.paymentTask(opened, paid));
            node.add(cpu0, cpu1, KarafRun.cpuNanos(pid), jit0, jit1, KarafRun.compilerCpuNanos(pid), open, pay);
            client.add(client0, client1, HallsPhase.processCpuNanos(), -1, -1, -1, open, pay);
            if (baseline != null && !jdbcFirst) {
                jdbcRound = jdbcRound(baseline, sizes[r - 1], self, jdbcCpu);
            }
            RatioRounds.Round round = new RatioRounds.Round(open, pay, jdbcRound == null ? null : jdbcRound[0],
                    jdbcRound == null ? null : jdbcRound[1]);
            rounds.add(round);
            if (baseline != null) {
                System.out.println(String.format(Locale.ROOT, "  round %d (%s first): openings %.1f/s vs JDBC %.1f/s"
                        + " → %.2f; payments %.1f/s vs %.1f/s → %.2f%s%s", r, jdbcFirst ? "JDBC" : "platform",
                        open.perSecond(), jdbcRound[0].perSecond(), round.openingsRatio(), pay.perSecond(),
                        jdbcRound[1].perSecond(), round.paymentsRatio(), failures(open) + failures(pay),
                        failures(jdbcRound[0]) + failures(jdbcRound[1])));
            }
        }
        httpOpenings = rounds.httpOpenings();
        httpPayments = rounds.httpPayments();
        if (baseline != null) {
            baseline.db().pause(); // until its paced payments in [4]
            jdbcOpenings = rounds.jdbcOpenings();
            jdbcPayments = rounds.jdbcPayments();
        }
        httpCpuOpening = node.perOpening();
        httpCpuPayment = node.perPayment();
        double jitOpening = node.jitPerOpening();
        double jitPayment = node.jitPerPayment();
        List<HttpBench.Opened> subscribers = List.copyOf(paid);
        httpBillPayments = subscribers.isEmpty() ? null
                : Load.run("bill-pay", o.openings, o.threads, http.billPaymentTask(subscribers));
        long endOfLoad = d.rssKiB();
        sampler.shutdownNow();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        cpu("the Karaf JVM", httpCpuOpening, httpCpuPayment);
        // the JIT's share: with the JVM's default tiered compilation it was most of the node's CPU here
        compilers(jitOpening, jitPayment);
        // the client shares the two CPUs with the platform; the JDBC baseline has none
        cpu("this bench JVM (the HTTP client)", client.perOpening(), client.perPayment());
        phase("account openings", httpOpenings, "each: GET /numbers?prefix=…&limit=1, then POST /orders "
                + "(account-opening, MZONE-18); rate = succeeded openings / wall time of the phase"
                + (sizes.length > 1 ? " (the rounds' wall times added)" : ""));
        phase("payments", httpPayments, "each: POST /orders/{id}/payments CASH, due + "
                + HttpBench.EXTRA_TENDERED_FEN + " fen tendered; this completes the opening (number, account, "
                + "deposit, subscriber); rate = succeeded payments / wall time of the phase");
        if (httpBillPayments != null) {
            phase("bill payments", httpBillPayments, "each: POST /orders (bill-payment, a top-up of "
                    + HttpBench.TOP_UP_FEN + " fen for a number opened above), then POST /orders/{id}/payments CASH "
                    + "with change; rate = completed bill payments / wall time of the phase");
        }
        HttpBench.Opened last = paid.stream().reduce((a, b) -> b).orElse(null);
        if (last != null) {
            System.out.println("  check: GET /orders/" + last.orderId() + " → " + http.state(last.orderId()));
        }
        line("resident memory under load", mib(peak.get()) + " peak", "VmRSS sampled every 200 ms during the "
                + "measured openings and payments; " + mib(endOfLoad) + " right after them");
        summary.put("memory: bizhall under load (VmRSS peak / at end)", mib(peak.get()) + " / " + mib(endOfLoad));
        if (o.runs("halls")) {
            try {
                halls(d);
            } catch (Exception e) {
                // the distribution still has to be stopped below: no guarded() here, its cleanup would close it
                failed = true;
                String message = String.valueOf(e.getMessage());
                notRun.add("payments over many halls: " + message.lines().findFirst().orElse(message));
                System.out.println("  FAILED: " + message);
            }
        }
        String how = d.stop();
        d.close();
        OPEN.remove(d);
        System.out.println("  stopped (" + how + "), " + (Files.exists(d.dir) ? "kept " + d.dir : "temp dir deleted"));
        System.out.println();
        if (httpOpenings.succeeded() < o.openings || httpPayments.succeeded() < httpOpenings.succeeded()
                || httpBillPayments == null || httpBillPayments.succeeded() < o.openings) {
            failed = true;
        }
    }

    // ------------------------------------------------------------------------------------------------ many halls

    /** Where the node started for the halls phase logs its collections (outside its home: no Karaf file is touched). */
    private static Path gcLog(KarafRun d) {
        return d.dir.resolve("gc.log");
    }

    private void halls(KarafRun d) throws Exception {
        System.out.println();
        System.out.println("[3b] payments over " + o.halls + " halls: client thread t is the operator bench-0t of its own "
                + "hall SN-BENCH-0t (receipts are numbered per hall); " + o.hallPayments + " payments at each of "
                + java.util.Arrays.toString(HallsPhase.THREADS) + " threads, orders opened beforehand, not measured");
        HallsPhase.addOperators(d, o.halls);
        HallsPhase.Result r = new HallsPhase(o, d.httpPort).run();
        StringBuilder rates = new StringBuilder();
        for (HallsPhase.Level level : r.levels()) {
            phase("payments, " + level.threads() + " thread" + (level.threads() == 1 ? "" : "s") + " / "
                    + level.threads() + " hall" + (level.threads() == 1 ? "" : "s"), level.phase(),
                    "each: POST /orders/{id}/payments CASH as the thread's hall operator");
            rates.append(rates.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f",
                    level.phase().perSecond()));
        }
        summary.put("halls: payments/s at 1 / 2 / 4 / 8 threads, own hall each", rates.toString());
        if (r.paced() != null) {
            HallsPhase.Paced p = r.paced();
            Load.Summary pay = p.latencies().summaries().get("POST /orders/{id}/payments");
            Load.Summary lag = p.latencies().summaries().get("start lag (sent − due)");
            String verdict = pay == null ? "no payment answered" : pay.p99Ms() <= HallsPhase.P99_GOAL_MS
                    ? "goal p99 ≤ " + (int) HallsPhase.P99_GOAL_MS + " ms met"
                    : "goal p99 ≤ " + (int) HallsPhase.P99_GOAL_MS + " ms NOT met";
            line(String.format(Locale.ROOT, "paced payments at %.1f/s", r.pacedRate()), p.paid() + " of " + p.offered()
                    + " paid", String.format(Locale.ROOT, (o.pacedRate > 0 ? "--paced-rate; the top rate above was"
                    + " %.1f/s" : "half the top rate above (%.1f/s)") + ", open loop over %d client"
                    + " threads, round the %d halls, for %.1f s%s", r.topRate(), HallsPhase.PACED_CLIENTS, o.halls,
                    p.wallNanos() / 1e9, p.overloaded() ? "; STOPPED: fell more than 10 s behind" : ""));
            p.latencies().summaries().forEach((op, x) -> System.out.println(String.format(Locale.ROOT,
                    "      %-28s n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms", op, x.count(), x.p50Ms(), x.p99Ms(),
                    x.maxMs())));
            if (p.clientCpuNanos() >= 0) {
                System.out.println(String.format(Locale.ROOT, "      client (this bench process): %.2f ms CPU a payment,"
                        + " %.0f %% of one CPU over the phase", p.clientCpuMsPerPayment(), 100 * p.clientCpuShare()));
            }
            System.out.println("      slowest 1 % (sent at, UTC): " + p.slowest().stream().map(Object::toString)
                    .collect(java.util.stream.Collectors.joining(", ")));
            List<GcLog.Pause> pauses;
            try {
                pauses = GcLog.read(gcLog(d));
            } catch (IOException e) {
                System.out.println("      the node's -Xlog:gc could not be read: " + e);
                pauses = List.of();
            }
            GcLog.Report gc = GcLog.report(pauses, p.began(), p.span(), p.slowest());
            System.out.println("      the node (its -Xlog:gc): " + gc);
            StolenCpu.Report stolen = p.stolenReport();
            System.out.println("      the machine (its /proc/stat): " + stolen);
            pacedRate = r.pacedRate();
            pacedCount = p.offered();
            summary.put(String.format(Locale.ROOT, "halls: paced at %.1f/s (" + (o.pacedRate > 0 ? "--paced-rate" : "half the top")
                    + "), payment p50 / p99",
                    r.pacedRate()), pay == null ? "n/a" : String.format(Locale.ROOT, "%.1f ms / %.1f ms (%s)",
                    pay.p50Ms(), pay.p99Ms(), verdict) + (lag == null ? "" : String.format(Locale.ROOT,
                    "; start lag p99 %.1f ms", lag.p99Ms())));
            summary.put("halls: paced, the node's young collections; slowest 1 % in flight during one", String.format(
                    Locale.ROOT, "%d (median %.1f ms); %d of %d", gc.young(), gc.medianMillis(), gc.slowInPause(),
                    gc.slow()));
            summary.put("halls: paced, CPU stolen from the machine; slowest 1 % in flight while it was",
                    stolenSummary(stolen));
        }
        if (!r.failures().isEmpty()) {
            throw new IllegalStateException(String.join("; ", r.failures().subList(0, Math.min(5,
                    r.failures().size()))));
        }
    }

    private static String stolenSummary(StolenCpu.Report stolen) {
        return stolen.read() ? String.format(Locale.ROOT, "%.0f ms (at most %.0f in %d ms); %d of %d",
                stolen.stolenMillis(), stolen.worstWindowMillis(), StolenCpu.WINDOW.toMillis(), stolen.slowInSteal(),
                stolen.slow()) : "not read";
    }

    // ------------------------------------------------------------------------------------------------ swap

    private void swap() throws Exception {
        KarafRun d = bootBizhall("[S1] boot");
        System.out.println();
        System.out.println("[S2] swap under load: SN and SX account openings, each paid at once, offered at " + o.rate
                + "/s in total (open loop, alternating), while " + o.kar.getFileName() + " is installed and uninstalled "
                + o.swaps + " times over ssh (bin/client as admin), " + o.holdSeconds + " s of load between commands");
        SwapPhase.Result r = new SwapPhase(o, d).run();
        List<SwapReport.Order> orders = r.orders();
        long created = orders.stream().filter(SwapReport.Order::created).count();
        long paid = orders.stream().filter(SwapReport.Order::paid).count();
        double seconds = r.wallNanos() / 1e9;
        double pacer = r.pacerNanos() / 1e9;
        line("orders offered / created / paid", r.offered() + " / " + created + " / " + paid, String.format(Locale.ROOT,
                "offered %d/s for %.1f s, all answered within %.1f s: %.1f paid/s%s", o.rate, pacer, seconds,
                paid / seconds, r.overloaded() ? "; STOPPED: the orders fell more than 10 s behind the rate, the"
                + " machine does not sustain it" : ""));
        r.latencies().summaries().forEach((op, s) -> System.out.println(String.format(Locale.ROOT,
                "      %-28s n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms", op, s.count(), s.p50Ms(), s.p99Ms(),
                s.maxMs())));
        String failures = r.failures().isEmpty() ? "0" : r.failures().values().stream().mapToInt(Integer::intValue)
                .sum() + " " + r.failures();
        line("failed orders", failures, "an opening or its payment not answered 201, by request, status and code");
        long zero = r.commands().isEmpty() ? 0 : r.commands().get(0).startNanos();
        orders.stream().filter(x -> x.failure() != null).limit(5).forEach(x -> System.out.println(String.format(
                Locale.ROOT, "      %s %s (provider %s), sent %+.2f s from the first kar:install: %s", x.province(),
                x.orderId(), x.provider(), (x.sentNanos() - zero) / 1e9, x.failure())));
        line("lost orders", r.lost().isEmpty() ? "0" : r.lost().size() + " " + r.lost().subList(0,
                Math.min(5, r.lost().size())), "created but not found again by GET /orders/{id}, or paid and not "
                + "COMPLETED");
        String installs = switchTimes(SwapPhase.switchTimes(r, true));
        String uninstalls = switchTimes(SwapPhase.switchTimes(r, false));
        line("kar:install → SN pack serving SN", installs, "per install: from the command's return to the sending of"
                + " the first SN order from which on all are served by " + SwapPhase.SN_PROVIDER + "… (negative: "
                + "before the command returned); goal < 1 s");
        line("kar:uninstall → national serving SN", uninstalls, "per uninstall: likewise, to the national provider "
                + SwapPhase.NATIONAL_PROVIDER + "…");
        line("SX orders served by the SN pack", String.valueOf(r.sxOnSn()), "of "
                + orders.stream().filter(x -> x.created() && "SX".equals(x.province())).count() + " SX orders created");
        line("platform bundles changed", r.bundleChanges().isEmpty() ? "none" : r.bundleChanges().toString(),
                "id and state of the " + r.platformBundles() + " org.bizhall.* bundles (not org.bizhall.province.*), "
                + "before the first install and after the last uninstall");
        line("platform services re-registered", r.serviceChanges().isEmpty() ? "none"
                : r.serviceChanges().size() + " " + r.serviceChanges().subList(0, Math.min(5, r.serviceChanges().size())),
                "service.id of the " + r.platformServices() + " component services of those bundles, before and after");
        summary.put("swap: orders offered / created / paid", r.offered() + " / " + created + " / " + paid
                + String.format(Locale.ROOT, " (%d/s for %.1f s%s)", o.rate, pacer, r.overloaded() ? ", OVERLOADED" : ""));
        summary.put("swap: failed orders / lost orders", failures + " / " + r.lost().size());
        summary.put("swap: kar:install → SN pack serving SN", installs);
        summary.put("swap: kar:uninstall → national serving SN", uninstalls);
        summary.put("swap: SX orders served by the SN pack", String.valueOf(r.sxOnSn()));
        summary.put("swap: platform bundles changed / services re-registered", r.bundleChanges().size() + " / "
                + r.serviceChanges().size());
        List<String> faults = r.faults();
        summary.put("swap: verdict", faults.isEmpty() ? "PASS" : "FAIL: " + String.join("; ", faults));
        if (!faults.isEmpty()) {
            failed = true;
        }
        String how = d.stop();
        d.close();
        OPEN.remove(d);
        System.out.println("  stopped (" + how + "), " + (Files.exists(d.dir) ? "kept " + d.dir : "temp dir deleted"));
        System.out.println();
    }

    private static String switchTimes(List<OptionalLong> times) {
        return times.stream().map(t -> t.isPresent() ? String.format(Locale.ROOT, "%.2f", t.getAsLong() / 1e9)
                : "never").collect(Collectors.joining(", ")) + " s";
    }

    // ------------------------------------------------------------------------------------------------ JDBC

    private void jdbc() throws Exception {
        if (baseline != null) {
            CARRIED.remove(baseline.db());
            if (jdbcOpenings == null) {
                // [3] stopped before its rounds were done: the baseline is measured here alone, on a database of its own
                baseline.db().close();
                baseline = null;
                jdbcQueue.clear();
                jdbcCpu = new Cpu();
            }
        }
        System.out.println("[4] the physical limit: plain JDBC on Derby " + o.derbyVersion() + " embedded in the bench"
                + " JVM, the platform's schema (db/migration), " + o.threads + " threads, one connection each,"
                + " autocommit off, one transaction per opening and per payment");
        Baseline b = baseline;
        if (b != null) {
            // made in [3] and measured there, round by round beside the platform
            OPEN.add(b.db());
            System.out.println("  its openings and payments were measured in [3], in " + rounds.rounds().size()
                    + " rounds beside the platform's; here they are pooled");
        } else {
            b = newBaseline(true);
            OPEN.add(b.db());
            if (o.warmup > 0) {
                warm(b, "warmup");
            }
            Load.Phase[] measured = jdbcRound(b, o.openings, ProcessHandle.current().pid(), jdbcCpu);
            jdbcOpenings = measured[0];
            jdbcPayments = measured[1];
        }
        cpu("this bench JVM (Derby and its client)", jdbcCpu.perOpening(), jdbcCpu.perPayment());
        // under the JVM's default tiered compilation about half the baseline's CPU here was its own compiler
        compilers(jdbcCpu.jitPerOpening(), jdbcCpu.jitPerPayment());
        phase("account openings", jdbcOpenings, "each: the number search (the page's numbers, their rows, the count),"
                + " then the opening transaction; rate = succeeded openings / wall time of the phase"
                + (baseline != null && rounds.rounds().size() > 1 ? " (the rounds' wall times added)" : ""));
        phase("payments", jdbcPayments, "each: the payment transaction (receipt, payment, number, account, ledger,"
                + " subscriber, order, audit, idempotency key)");
        if (pacedRate > 0) {
            jdbcPaced(b.db(), b.cursors());
        }
        b.db().close();
        OPEN.remove(b.db());
        System.out.println("  database closed, " + (Files.exists(b.db().dir) ? "kept " + b.db().dir
                : "temp dir deleted"));
        System.out.println();
    }

    /**
     * A fresh JDBC baseline with its schema and pool loaded, for [3]'s rounds; the database waits in {@link #CARRIED}
     * for [4], which adds the paced payments and closes it.
     */
    private void startBaseline() throws Exception {
        baseline = newBaseline(false);
        CARRIED.add(baseline.db());
    }

    private Baseline newBaseline(boolean inItsOwnPart) throws Exception {
        long s0 = System.nanoTime();
        JdbcBaseline db = JdbcBaseline.create(o.workDir, o.keep);
        System.out.println("  " + (inItsOwnPart ? "" : "beside it, the JDBC baseline of [4]: ") + "fresh database "
                + db.dir + " (" + fileStore(db.dir) + "), schema and 20000 pool numbers loaded in "
                + sec(System.nanoTime() - s0));
        System.out.println("  row writes per transaction as the platform makes them: opening "
                + JdbcBaseline.OPENING_ROW_WRITES + ", payment " + JdbcBaseline.PAYMENT_ROW_WRITES
                + " (+3 for a number with prestore)");
        JdbcBaseline.Worker[] workers;
        try {
            workers = db.workers(o.threads);
        } catch (Exception e) {
            db.close();
            throw e;
        }
        HttpBench.NumberCursor[] cursors = new HttpBench.NumberCursor[o.threads];
        for (int t = 0; t < o.threads; t++) {
            cursors[t] = new HttpBench.NumberCursor(t, o.threads);
        }
        return new Baseline(db, cursors, JdbcBaseline.openings(workers, cursors, jdbcQueue),
                JdbcBaseline.payments(workers, jdbcQueue));
    }

    /** {@code count} openings of the baseline, then their payments; the bench JVM's CPU for them goes to {@code cpu}. */
    private Load.Phase[] jdbcRound(Baseline b, int count, long self, Cpu cpu) throws InterruptedException {
        long cpu0 = HallsPhase.processCpuNanos();
        long jit0 = KarafRun.compilerCpuNanos(self);
        Load.Phase open = Load.run("jdbc-open", count, o.threads, b.open());
        long cpu1 = HallsPhase.processCpuNanos();
        long jit1 = KarafRun.compilerCpuNanos(self);
        Load.Phase pay = Load.run("jdbc-pay", jdbcQueue.size(), o.threads, b.pay());
        cpu.add(cpu0, cpu1, HallsPhase.processCpuNanos(), jit0, jit1, KarafRun.compilerCpuNanos(self), open, pay);
        return new Load.Phase[] {open, pay};
    }

    /** {@code --warmup} openings of the baseline and their payments, not measured; prints what they did. */
    private void warm(Baseline b, String label) throws InterruptedException {
        Load.Phase open = Load.run("jdbc-warmup-open", o.warmup, o.threads, b.open());
        Load.Phase pay = Load.run("jdbc-warmup-pay", jdbcQueue.size(), o.threads, b.pay());
        System.out.println("  " + label + ": " + open.succeeded() + " openings and " + pay.succeeded()
                + " payments, not measured" + failures(open) + failures(pay));
    }

    private final ConcurrentLinkedQueue<JdbcBaseline.Opened> jdbcQueue = new ConcurrentLinkedQueue<>();
    /** The rate and count of the paced HTTP payments (0 when the halls phase did not run): the JDBC reference's pace. */
    private double pacedRate;
    private int pacedCount;
    private HallsPhase.Paced jdbcPaced;
    private final java.util.concurrent.atomic.AtomicInteger jdbcPacedRetries = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The paced payments' reference: as many payment transactions as the paced HTTP phase offered, at its rate, open
     * loop on as many client threads (one connection each), payment {@code i} numbered in bench hall {@code i mod
     * halls} by its operator, as the HTTP payments are. What the database alone does at that pace, on these CPUs.
     */
    private void jdbcPaced(JdbcBaseline b, HttpBench.NumberCursor[] cursors) throws Exception {
        b.addBenchHalls(o.halls);
        JdbcBaseline.Worker[] openers = b.workers(o.threads);
        ConcurrentLinkedQueue<JdbcBaseline.Opened> queue = new ConcurrentLinkedQueue<>();
        Load.Phase opened = Load.run("jdbc-paced-open", pacedCount, o.threads, JdbcBaseline.openings(openers,
                cursors, queue));
        List<JdbcBaseline.Opened> orders = new ArrayList<>(queue);
        JdbcBaseline.Worker[] payers = b.workers(HallsPhase.PACED_CLIENTS);
        jdbcPaced = HallsPhase.paced(orders.size(), pacedRate, (client, i, lat) -> {
            JdbcBaseline.Worker w = payers[client].as(HallsPhase.hall(i % o.halls), HallsPhase.user(i % o.halls));
            lat.time("payment transaction", () -> {
                try {
                    w.pay(orders.get(i));
                } catch (java.sql.SQLException e) {
                    if (e.getSQLState() == null || !e.getSQLState().startsWith("40")) {
                        throw e;
                    }
                    // rolled back over a lock, as the platform's edge does for 503 STORE_BUSY: once more
                    jdbcPacedRetries.incrementAndGet();
                    w.pay(orders.get(i));
                }
                return null;
            });
        });
        HallsPhase.Paced p = jdbcPaced;
        line(String.format(Locale.ROOT, "paced payments at %.1f/s", pacedRate), p.paid() + " of " + p.offered()
                + " paid", String.format(Locale.ROOT, "the paced HTTP phase's rate and count (%d orders opened before,"
                + " not measured%s), open loop over %d client threads with a connection each, payment i in hall"
                + " SN-BENCH-0(i mod %d), for %.1f s%s", opened.succeeded(), failures(opened),
                HallsPhase.PACED_CLIENTS, o.halls, p.wallNanos() / 1e9,
                p.overloaded() ? "; STOPPED: fell more than 10 s behind" : ""));
        p.latencies().summaries().forEach((op, x) -> System.out.println(String.format(Locale.ROOT,
                "      %-28s n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms", op, x.count(), x.p50Ms(), x.p99Ms(),
                x.maxMs())));
        System.out.println("      the machine (its /proc/stat): " + p.stolenReport());
        if (jdbcPacedRetries.get() > 0) {
            System.out.println("      run once more after a lock refusal (as the platform's edge does): "
                    + jdbcPacedRetries.get());
        }
        if (!p.failures().isEmpty() || p.paid() < p.offered()) {
            failed = true;
            System.out.println("      FAILED: " + p.failures());
        }
    }

    // ------------------------------------------------------------------------------------------------ report

    private void printSummary(long totalNanos) {
        System.out.println("[summary] " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, total run " + sec(totalNanos) + ", load average now " + loadAverage());
        if (httpOpenings != null) {
            summary.put("HTTP: account openings/s (GET /numbers + POST /orders)", rate(httpOpenings));
            summary.put("HTTP: POST /orders p50 / p99", p50p99(httpOpenings, "POST /orders"));
            summary.put("HTTP: payments/s", rate(httpPayments));
            summary.put("HTTP: POST /orders/{id}/payments p50 / p99", p50p99(httpPayments, "POST /orders/{id}/payments"));
            summary.put("HTTP: bill payments/s (POST /orders + POST payments)", rate(httpBillPayments));
        }
        if (jdbcOpenings != null) {
            summary.put("JDBC: account openings/s (search + transaction)", rate(jdbcOpenings));
            summary.put("JDBC: opening transaction p50 / p99", p50p99(jdbcOpenings, "opening transaction"));
            summary.put("JDBC: payments/s", rate(jdbcPayments));
            summary.put("JDBC: payment transaction p50 / p99", p50p99(jdbcPayments, "payment transaction"));
        }
        if (jdbcPaced != null) {
            Load.Summary pay = jdbcPaced.latencies().summaries().get("payment transaction");
            Load.Summary lag = jdbcPaced.latencies().summaries().get(HallsPhase.START_LAG);
            summary.put(String.format(Locale.ROOT, "JDBC: paced at %.1f/s (the halls' pace), payment p50 / p99",
                    pacedRate), pay == null ? "n/a" : String.format(Locale.ROOT, "%.1f ms / %.1f ms",
                    pay.p50Ms(), pay.p99Ms()) + (lag == null ? "" : String.format(Locale.ROOT,
                    "; start lag p99 %.1f ms", lag.p99Ms())));
            summary.put("JDBC: paced, CPU stolen from the machine; slowest 1 % in flight while it was",
                    stolenSummary(jdbcPaced.stolenReport()));
        }
        if (httpOpenings != null && jdbcOpenings != null) {
            summary.put("ratio platform/JDBC, openings", ratio(httpOpenings, jdbcOpenings));
            summary.put("ratio platform/JDBC, payments", ratio(httpPayments, jdbcPayments));
        }
        List<RatioRounds.Round> measured = rounds.rounds();
        if (measured.size() > 1 && measured.get(0).jdbcOpenings() != null) {
            summary.put("ratio platform/JDBC, median of the " + measured.size() + " rounds, openings / payments",
                    String.format(Locale.ROOT, "%.2f / %.2f (rounds: %s / %s)", rounds.medianOpeningsRatio(),
                            rounds.medianPaymentsRatio(), measured.stream().map(r -> String.format(Locale.ROOT,
                                    "%.2f", r.openingsRatio())).collect(Collectors.joining(", ")),
                            measured.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.paymentsRatio()))
                                    .collect(Collectors.joining(", "))));
        }
        double jdbcCpuOpening = jdbcCpu.perOpening();
        double jdbcCpuPayment = jdbcCpu.perPayment();
        if (httpCpuOpening > 0 && jdbcCpuOpening > 0 && httpCpuPayment > 0 && jdbcCpuPayment > 0) {
            summary.put("CPU an opening / a payment, platform vs JDBC", String.format(Locale.ROOT,
                    "%.1f / %.1f ms vs %.1f / %.1f ms (JDBC/platform %.2f / %.2f)", httpCpuOpening / 1e6,
                    httpCpuPayment / 1e6, jdbcCpuOpening / 1e6, jdbcCpuPayment / 1e6, jdbcCpuOpening / httpCpuOpening,
                    jdbcCpuPayment / httpCpuPayment));
        }
        int width = summary.keySet().stream().mapToInt(String::length).max().orElse(10);
        summary.forEach((k, v) -> System.out.println("  " + k + " " + ".".repeat(width - k.length() + 2) + " " + v));
        for (String n : notRun) {
            System.out.println("  not measured — " + n);
        }
    }

    private static void line(String what, String value, String meaning) {
        System.out.println("  " + what + " " + ".".repeat(Math.max(2, 34 - what.length())) + " " + value);
        System.out.println("      (" + meaning + ")");
    }

    private void phase(String what, Load.Phase p, String meaning) {
        System.out.println("  " + what + ": " + p.succeeded() + " of " + p.tasks() + " in " + sec(p.wallNanos())
                + " → " + String.format(Locale.ROOT, "%.1f/s", p.perSecond()) + failures(p));
        System.out.println("      (" + meaning + ")");
        p.latencies().summaries().forEach((op, s) -> System.out.println(String.format(Locale.ROOT,
                "      %-28s n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms", op, s.count(), s.p50Ms(), s.p99Ms(),
                s.maxMs())));
    }

    /** "N of M bundles active" from a {@code bundle:list -t 0} output, or null when there is none. */
    private static String activeBundles(String bundleList) {
        if (bundleList == null) {
            return null;
        }
        long listed = bundleList.lines().filter(l -> l.matches("\\s*\\d+\\s*[|│].*")).count();
        long active = bundleList.lines().filter(l -> l.matches(".*[|│]\\s*Active\\s*[|│].*")).count();
        return active + " of " + listed + " bundles active";
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "?";
        }
    }

    private static String failures(Load.Phase p) {
        if (p.failed() == 0) {
            return "";
        }
        return " [" + p.failed() + " failed" + (p.abandoned() ? ", phase abandoned" : "") + "; first: "
                + (p.failures().isEmpty() ? "?" : p.failures().get(0)) + "]";
    }

    private static String rate(Load.Phase p) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "%.1f", p.perSecond());
    }

    private static String p50p99(Load.Phase p, String op) {
        if (p == null) {
            return "n/a";
        }
        Load.Summary s = p.latencies().summaries().get(op);
        return s == null ? "n/a" : String.format(Locale.ROOT, "%.1f ms / %.1f ms", s.p50Ms(), s.p99Ms());
    }

    /** The compiler threads' part of the CPU line printed just before (nanoseconds a task; negative: unknown). */
    private static void compilers(double opening, double payment) {
        if (opening >= 0 && payment >= 0) {
            System.out.println(String.format(Locale.ROOT, "      of which its JIT compiler threads: %.1f ms an opening,"
                    + " %.1f ms a payment", opening / 1e6, payment / 1e6));
        }
    }

    private static void cpu(String whose, double opening, double payment) {
        if (opening > 0 && payment > 0) {
            System.out.println(String.format(Locale.ROOT, "  CPU of %s: %.1f ms an opening, %.1f ms a payment",
                    whose, opening / 1e6, payment / 1e6));
        }
    }

    private static String ratio(Load.Phase platform, Load.Phase jdbc) {
        if (platform == null || jdbc == null || jdbc.perSecond() == 0) {
            return "n/a";
        }
        double r = platform.perSecond() / jdbc.perSecond();
        return String.format(Locale.ROOT, "%.2f (the platform reaches %.0f%% of the JDBC rate)", r, r * 100);
    }

    private static String sec(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String cpuSec(long nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f s of CPU", nanos / 1e9);
    }

    private static String mib(long kib) {
        return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    private static void requireAlive(KarafRun k) {
        if (!k.alive()) {
            throw new IllegalStateException(k.label + " exited during boot\n" + k.logTail(15));
        }
        if (k.bootFailed()) {
            throw new IllegalStateException(k.label + " failed to install its boot features\n" + k.logTail(15));
        }
    }

    private static void closeAll() {
        closeEach(OPEN);
    }

    private static void closeCarried() {
        closeEach(CARRIED);
    }

    /** Closes and forgets everything in {@code list}; a failure to close one does not keep the others open. */
    private static void closeEach(List<AutoCloseable> list) {
        List<AutoCloseable> taken;
        synchronized (list) {
            taken = new ArrayList<>(list);
            list.clear();
        }
        for (AutoCloseable c : taken) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e.getMessage());
            }
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> mib(Long.parseLong(l.replaceAll("[^0-9]", "")))).findFirst().orElse("?");
        } catch (IOException | NumberFormatException e) {
            return "?";
        }
    }

    private static String fileStore(Path p) {
        try {
            Path existing = p;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            FileStore store = Files.getFileStore(existing == null ? Path.of("/") : existing);
            return store.type() + " " + store.name();
        } catch (IOException e) {
            return "?";
        }
    }
}
