package org.bizhall.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The swap phase: SN and SX account openings, each paid at once, offered at a steady rate (open loop, alternating the
 * provinces) to a running distribution while the SN pack's KAR is installed and uninstalled over ssh, again and again.
 * Then every order created is read back, and the platform's bundles and component services are compared with what
 * they were before. The property under test: a province pack comes and goes under load without a lost order, without
 * touching another province, and without refreshing the platform.
 */
final class SwapPhase {
    static final String SN_PROVIDER = "org.bizhall.province.sn/";
    static final String NATIONAL_PROVIDER = "org.bizhall.procedure.opening/";
    /** The demo number blocks (DemoSet): 10,000 numbers per province, from these. */
    private static final long SN_FIRST = 13891800000L;
    private static final long SX_FIRST = 13935100000L;
    private static final int NUMBERS_PER_PROVINCE = 9_900;
    /** Client threads carrying the offered orders; a pacer that finds them all busy queues, and the lag shows it. */
    private static final int CLIENTS = 32;
    /** What the bench offers when not told: what this 2-core machine sustained, shared with other builds. */
    static final int DEFAULT_RATE = 20;
    /** The offered load stops when it is this many seconds of orders behind: the machine does not sustain the rate. */
    private static final int MAX_BACKLOG_SECONDS = 10;
    private static final int SHELL_TIMEOUT_SECONDS = 180;

    /** A {@code kar:install} or {@code kar:uninstall}: when it started and returned, and whether it succeeded. */
    record Command(boolean install, long startNanos, long returnNanos, boolean ok) {
    }

    /** What the phase measured, for the summary. */
    record Result(int offered, List<SwapReport.Order> orders, List<Command> commands, List<String> lost,
            Map<String, Integer> failures, long sxOnSn, List<String> bundleChanges, List<String> serviceChanges,
            int platformBundles, int platformServices, boolean overloaded, long pacerNanos, long wallNanos, Load.Latencies latencies) {
        /** Why the run does not show the property, in words; empty when it does. */
        List<String> faults() {
            List<String> out = new ArrayList<>();
            if (!failures.isEmpty() || !lost.isEmpty()) {
                out.add("orders failed or lost");
            }
            if (sxOnSn > 0) {
                out.add("SX served by the SN pack");
            }
            if (!bundleChanges.isEmpty() || !serviceChanges.isEmpty()) {
                out.add("the platform was refreshed or restarted");
            }
            if (!commands.stream().allMatch(Command::ok)) {
                out.add("a kar command failed");
            }
            if (!switchTimes(this, true).stream().allMatch(t -> t.isPresent() && t.getAsLong() < 1_000_000_000L)) {
                out.add("an install took 1 s or more to serve SN");
            }
            if (overloaded) {
                out.add("the rate was not sustained (lower --rate)");
            }
            return out;
        }
    }

    private final Options o;
    private final KarafRun karaf;
    private final HttpBench sn;
    private final HttpBench sx;
    private final List<SwapReport.Order> orders = Collections.synchronizedList(new ArrayList<>());
    private final Load.Latencies latencies = new Load.Latencies();

    SwapPhase(Options o, KarafRun karaf) {
        this.o = o;
        this.karaf = karaf;
        this.sn = new HttpBench(karaf.httpPort, "op-sn");
        this.sx = new HttpBench(karaf.httpPort, "op-sx");
    }

    Result run() throws Exception {
        if (!Files.isRegularFile(o.kar)) {
            throw new IllegalStateException("no SN pack at " + o.kar + " (build the project first: mvn install -DskipTests)");
        }
        String karName = o.kar.getFileName().toString().replaceAll("\\.kar$", "");
        Map<Long, String> bundlesBefore = SwapReport.platformBundles(shell("bundle:list -t 0 -s"));
        Map<String, String> servicesBefore = SwapReport.componentServices(shell("service:list"), bundlesBefore.keySet());
        if (bundlesBefore.isEmpty() || servicesBefore.isEmpty()) {
            throw new IllegalStateException("the shell listed no platform bundle or component service");
        }
        System.out.println("  before: " + bundlesBefore.size() + " platform bundles, " + servicesBefore.size()
                + " component services of theirs (bundle:list -t 0 -s, service:list as admin over bin/client)");

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, daemon("bench-swap-client"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean overloaded = new AtomicBoolean();
        AtomicLong started = new AtomicLong();
        AtomicLong offered = new AtomicLong();
        AtomicLong pacerEnd = new AtomicLong();
        Pacer pacer = new Pacer(System.nanoTime(), o.rate);
        Thread dispatcher = daemon("bench-swap-pacer").newThread(() -> {
            try {
                for (long i = 0; !stop.get() && i < 2L * NUMBERS_PER_PROVINCE; i++) {
                    pacer.awaitDue(i);
                    if (i - started.get() > (long) o.rate * MAX_BACKLOG_SECONDS) {
                        overloaded.set(true);
                        return;
                    }
                    boolean isSn = i % 2 == 0;
                    long due = pacer.dueNanos(i);
                    String msisdn = Long.toString((isSn ? SN_FIRST : SX_FIRST) + i / 2);
                    offered.incrementAndGet();
                    clients.execute(() -> {
                        started.incrementAndGet();
                        order(isSn ? "SN" : "SX", isSn ? sn : sx, msisdn, due);
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pacerEnd.set(System.nanoTime());
            }
        });
        long t0 = System.nanoTime();
        dispatcher.start();
        List<Command> commands = new ArrayList<>();
        try {
            hold();
            for (int k = 1; k <= o.swaps && !overloaded.get(); k++) {
                commands.add(command(true, "kar:install " + o.kar.toUri(), k));
                hold();
                commands.add(command(false, "kar:uninstall " + karName, k));
                hold();
            }
        } finally {
            stop.set(true);
            dispatcher.join(TimeUnit.SECONDS.toMillis(10));
            clients.shutdown();
            if (!clients.awaitTermination(120, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        }
        long wall = System.nanoTime() - t0;

        List<SwapReport.Order> all = List.copyOf(orders);
        List<SwapReport.Order> created = all.stream().filter(SwapReport.Order::created).toList();
        List<String> lost = Collections.synchronizedList(new ArrayList<>());
        Load.run("swap-verify", created.size(), 3, (thread, index, lat) -> {
            SwapReport.Order order = created.get(index);
            String state = ("SN".equals(order.province()) ? sn : sx).state(order.orderId());
            if (order.paid() ? !"COMPLETED".equals(state) : state.startsWith("HTTP")) {
                lost.add(order.province() + " " + order.orderId() + (order.paid() ? " paid but " : " ") + state);
            }
        });

        Map<Long, String> bundlesAfter = SwapReport.platformBundles(shell("bundle:list -t 0 -s"));
        Map<String, String> servicesAfter = SwapReport.componentServices(shell("service:list"), bundlesAfter.keySet());
        return new Result((int) offered.get(), all, commands, List.copyOf(lost), SwapReport.failuresByKind(all),
                SwapReport.servedBy(all, "SX", SN_PROVIDER), SwapReport.differences(bundlesBefore, bundlesAfter),
                SwapReport.differences(servicesBefore, servicesAfter), bundlesBefore.size(), servicesBefore.size(),
                overloaded.get(), pacerEnd.get() - t0, wall, latencies);
    }

    /**
     * Per command, from its return to the first order from which on the province's orders are served as they should
     * be: by the SN pack after an install, by the national provider after an uninstall. The window of a command ends
     * where the next one starts.
     */
    static List<OptionalLong> switchTimes(Result r, boolean install) {
        List<OptionalLong> out = new ArrayList<>();
        List<Command> c = r.commands();
        for (int i = 0; i < c.size(); i++) {
            if (c.get(i).install() == install) {
                long until = i + 1 < c.size() ? c.get(i + 1).startNanos() : Long.MAX_VALUE;
                out.add(SwapReport.switchNanos(r.orders(), "SN", install ? SN_PROVIDER : NATIONAL_PROVIDER,
                        c.get(i).startNanos(), until, c.get(i).returnNanos()));
            }
        }
        return out;
    }

    private void order(String province, HttpBench http, String msisdn, long dueNanos) {
        long sent = System.nanoTime();
        latencies.record("start lag (sent − due)", sent - dueNanos);
        HttpBench.Opened opened = null;
        long answered = -1;
        String failure = null;
        try {
            opened = http.open(msisdn, latencies);
            answered = System.nanoTime();
            http.pay(opened, latencies);
            latencies.record("order due → paid", System.nanoTime() - dueNanos);
        } catch (HttpBench.HttpFailure e) {
            failure = e.request + " " + e.status
                    + (e.code == null ? "" : " " + e.code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = (opened == null ? "POST /orders" : "POST /orders/{id}/payments") + " interrupted";
        } catch (Exception e) {
            failure = (opened == null ? "POST /orders " : "POST /orders/{id}/payments ") + e.getClass().getSimpleName();
        }
        orders.add(new SwapReport.Order(province, dueNanos, sent, answered, opened == null ? null : opened.orderId(),
                opened == null ? null : opened.provider(), opened != null && failure == null, failure));
    }

    private Command command(boolean install, String line, int round) throws Exception {
        long start = System.nanoTime();
        String out = karaf.client("admin", "admin", line, SHELL_TIMEOUT_SECONDS);
        long end = System.nanoTime();
        boolean ok = out != null && !out.contains("Error");
        System.out.println(String.format(Locale.ROOT, "  %d. %-13s took %.2f s%s", round,
                install ? "kar:install" : "kar:uninstall", (end - start) / 1e9,
                ok ? "" : " and FAILED: " + (out == null ? "no answer or non-zero exit" : out.strip())));
        return new Command(install, start, end, ok);
    }

    private String shell(String command) throws Exception {
        String out = karaf.client("admin", "admin", command, SHELL_TIMEOUT_SECONDS);
        if (out == null) {
            throw new IllegalStateException("bin/client did not run " + command + "\n" + karaf.logTail(15));
        }
        return out;
    }

    private void hold() throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(o.holdSeconds));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
