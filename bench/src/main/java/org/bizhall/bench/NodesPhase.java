package org.bizhall.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The nodes phase: payments per second on one PostgreSQL with one node of the distribution and with two, and the
 * database's own ceiling for the same writes (the JDBC baseline on that PostgreSQL). Each of the three gets a fresh
 * database of its own on the same server; the nodes are configured through their {@code etc/} files as
 * {@code docs/operations.md} ("Several nodes on one PostgreSQL") says: the PostgreSQL store feature at boot, the same
 * datasource and service-password pepper on every node, a scheduler node name each. With two nodes, client thread
 * {@code t} talks to node {@code t % 2} (a load balancer without stickiness); an order opened on one node may be paid
 * on the other.
 */
final class NodesPhase {
    /** What one configuration did: its openings and payments (null when it did not get that far). */
    record Measured(String label, Load.Phase openings, Load.Phase payments) {
    }

    record Result(String database, int threads, Measured jdbc, Measured one, Measured two) {
    }

    /**
     * Runs the phase: the PostgreSQL of {@code --postgres}, else one it starts; the JDBC ceiling, one node, two
     * nodes; prints each and adds the figures to {@code summary}. Returns false when a part failed or fell short.
     */
    static boolean run(Options o, Consumer<AutoCloseable> opened, Consumer<AutoCloseable> closed,
            Map<String, String> summary) throws Exception {
        Postgres postgres;
        if (o.postgres != null) {
            postgres = Postgres.at(o.postgres);
        } else if (Postgres.canStart()) {
            postgres = Postgres.start(o.workDir);
        } else {
            throw new IllegalStateException("the nodes phase needs PostgreSQL: --postgres=jdbc:postgresql://HOST:PORT/DB"
                    + "?user=… (a user that may create databases), or initdb and pg_ctl on the PATH");
        }
        opened.accept(postgres);
        try {
            NodesPhase phase = new NodesPhase(o, postgres, opened, closed);
            System.out.println("[N1] the database's ceiling: the JDBC baseline (the same row writes as the platform, one"
                    + " transaction each) on " + postgres.description() + ", " + phase.threads + " threads");
            Measured jdbc = phase.jdbc();
            System.out.println();
            System.out.println("[N2] one node on that PostgreSQL: " + o.distribution.getFileName() + ", "
                    + phase.threads + " client threads over HTTP, openings then their payments");
            Measured one = phase.nodes(1);
            System.out.println();
            System.out.println("[N3] two nodes on that PostgreSQL, started together; client thread t talks to node t % 2"
                    + " (no stickiness: an order opened on one node may be paid on the other)");
            Measured two = phase.nodes(2);
            System.out.println();
            summary.put("nodes: PostgreSQL", postgres.description());
            summary.put("nodes: payments/s JDBC ceiling / 1 node / 2 nodes (" + phase.threads + " threads)",
                    rate(jdbc.payments()) + " / " + rate(one.payments()) + " / " + rate(two.payments()));
            summary.put("nodes: openings/s JDBC ceiling / 1 node / 2 nodes", rate(jdbc.openings()) + " / "
                    + rate(one.openings()) + " / " + rate(two.openings()));
            summary.put("nodes: POST payments p50 / p99, 1 node", p50p99(one.payments()));
            summary.put("nodes: POST payments p50 / p99, 2 nodes", p50p99(two.payments()));
            if (one.payments().perSecond() > 0) {
                summary.put("nodes: 2 nodes / 1 node, payments", String.format(Locale.ROOT, "%.2f",
                        two.payments().perSecond() / one.payments().perSecond()));
            }
            boolean complete = true;
            for (Measured m : List.of(jdbc, one, two)) {
                complete &= m.openings().succeeded() == o.openings
                        && m.payments().succeeded() == m.openings().succeeded();
            }
            return complete;
        } finally {
            postgres.close();
            closed.accept(postgres);
        }
    }

    private static void print(Measured m) {
        for (Load.Phase p : List.of(m.openings(), m.payments())) {
            System.out.println("  " + m.label() + ", " + (p == m.openings() ? "account openings" : "payments") + ": "
                    + p.succeeded() + " of " + p.tasks() + " in " + String.format(Locale.ROOT, "%.2f s", p.wallNanos()
                    / 1e9) + " → " + String.format(Locale.ROOT, "%.1f/s", p.perSecond()) + (p.failed() == 0 ? ""
                    : " [" + p.failed() + " failed; first: " + (p.failures().isEmpty() ? "?" : p.failures().get(0))
                    + "]"));
            p.latencies().summaries().forEach((op, s) -> System.out.println(String.format(Locale.ROOT,
                    "      %-28s n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms", op, s.count(), s.p50Ms(), s.p99Ms(),
                    s.maxMs())));
        }
    }

    private static String rate(Load.Phase p) {
        return String.format(Locale.ROOT, "%.1f", p.perSecond());
    }

    private static String p50p99(Load.Phase p) {
        Load.Summary s = p.latencies().summaries().get("POST /orders/{id}/payments");
        return s == null ? "n/a" : String.format(Locale.ROOT, "%.1f ms / %.1f ms", s.p50Ms(), s.p99Ms());
    }

    private final Options o;
    private final Postgres postgres;
    private final Consumer<AutoCloseable> opened;
    private final Consumer<AutoCloseable> closed;
    private final int threads;

    NodesPhase(Options o, Postgres postgres, Consumer<AutoCloseable> opened, Consumer<AutoCloseable> closed) {
        this.o = o;
        this.postgres = postgres;
        this.opened = opened;
        this.closed = closed;
        this.threads = clientThreads(o);
    }

    /** An even number of client threads, so two nodes get the same share: {@code --threads} rounded up. */
    static int clientThreads(Options o) {
        return Math.min(8, o.threads % 2 == 0 ? o.threads : o.threads + 1);
    }

    /** The JDBC baseline's openings and payments on a fresh database of the server. */
    Measured jdbc() throws Exception {
        JdbcBaseline b = JdbcBaseline.createOn(postgres.createDatabase("bizhall_bench_jdbc"));
        opened.accept(b);
        try {
            JdbcBaseline.Worker[] workers = b.workers(threads);
            HttpBench.NumberCursor[] cursors = cursors();
            ConcurrentLinkedQueue<JdbcBaseline.Opened> queue = new ConcurrentLinkedQueue<>();
            Load.Task open = JdbcBaseline.openings(workers, cursors, queue);
            Load.Task pay = JdbcBaseline.payments(workers, queue);
            if (o.warmup > 0) {
                Load.run("pg-jdbc-warmup-open", o.warmup, threads, open);
                Load.run("pg-jdbc-warmup-pay", queue.size(), threads, pay);
            }
            Load.Phase openings = Load.run("pg-jdbc-open", o.openings, threads, open);
            Load.Phase payments = Load.run("pg-jdbc-pay", queue.size(), threads, pay);
            Measured m = new Measured("JDBC on PostgreSQL", openings, payments);
            print(m);
            return m;
        } finally {
            b.close();
            closed.accept(b);
        }
    }

    /** {@code count} nodes booted together on a fresh database, then the openings and payments spread over them. */
    Measured nodes(int count) throws Exception {
        String url = postgres.createDatabase("bizhall_bench_nodes" + count);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String pepper = Base64.getEncoder().encodeToString(secret);
        List<KarafRun> nodes = new ArrayList<>();
        try {
            for (int n = 0; n < count; n++) {
                KarafRun node = KarafRun.unpack("node" + (char) ('a' + n), o.distribution, o.workDir, o.keep);
                opened.accept(node);
                nodes.add(node);
                node.configure(true, false);
                node.addBootFeature("bizhall-store-postgresql");
                node.set("org.ops4j.datasource-bizhall.cfg", "osgi.jdbc.driver.name", "PostgreSQL JDBC Driver");
                node.set("org.ops4j.datasource-bizhall.cfg", "url", url);
                node.set("org.bizhall.security.cfg", "servicePassword.pepper", pepper);
                node.set("org.bizhall.scheduler.cfg", "node", node.label);
            }
            for (KarafRun node : nodes) {
                node.start(o.karafOpts);
            }
            HttpBench[] http = new HttpBench[count];
            for (int n = 0; n < count; n++) {
                http[n] = new HttpBench(nodes.get(n).httpPort);
                awaitDemo(nodes.get(n), http[n]);
            }
            System.out.println("  " + count + (count == 1 ? " node" : " nodes") + " up on " + url.replaceAll("\\?.*", "")
                    + " (http " + nodes.stream().map(n -> String.valueOf(n.httpPort)).toList() + ")");
            HttpBench.NumberCursor[] cursors = cursors();
            ConcurrentLinkedQueue<HttpBench.Opened> toPay = new ConcurrentLinkedQueue<>();
            Load.Task open = (thread, index, lat) -> {
                HttpBench h = http[thread % count];
                toPay.add(h.open(h.chooseNumber(cursors[thread], lat), lat));
            };
            Load.Task pay = (thread, index, lat) -> {
                HttpBench.Opened order = toPay.poll();
                if (order == null) {
                    throw new IllegalStateException("no opened order left to pay");
                }
                http[thread % count].pay(order, lat);
            };
            int warmPaid = 0;
            if (o.warmup > 0) {
                Load.run("nodes-warmup-open", o.warmup, threads, open);
                warmPaid = Load.run("nodes-warmup-pay", toPay.size(), threads, pay).succeeded();
            }
            Load.Phase openings = Load.run("nodes-open", o.openings, threads, open);
            Load.Phase payments = Load.run("nodes-pay", toPay.size(), threads, pay);
            Measured m = new Measured(count + (count == 1 ? " node" : " nodes"), openings, payments);
            print(m);
            check(url, warmPaid + payments.succeeded());
            return m;
        } finally {
            for (KarafRun node : nodes) {
                String how = node.stop();
                node.close();
                closed.accept(node);
                System.out.println("  " + node.label + " stopped (" + how + ")");
            }
        }
    }

    /**
     * What the nodes wrote, read from the database: one payment, one receipt and one payment ledger entry per payment
     * answered 201, receipt numbers unique; fails the phase otherwise.
     */
    private static void check(String url, int paid) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
                java.sql.Statement s = c.createStatement()) {
            long[] n = new long[3];
            String[] sql = {"SELECT COUNT(*) FROM payments", "SELECT COUNT(DISTINCT receipt_number) FROM receipts",
                    "SELECT COUNT(*) FROM receipts"};
            for (int i = 0; i < sql.length; i++) {
                try (java.sql.ResultSet rs = s.executeQuery(sql[i])) {
                    rs.next();
                    n[i] = rs.getLong(1);
                }
            }
            System.out.println("  check: " + paid + " payments answered 201; the database holds " + n[0]
                    + " payments and " + n[2] + " receipts (" + n[1] + " distinct numbers)");
            if (n[0] != paid || n[2] != paid || n[1] != n[2]) {
                throw new IllegalStateException("the database does not hold one payment and one receipt per payment"
                        + " answered: " + paid + " answered, " + n[0] + " payments, " + n[2] + " receipts, " + n[1]
                        + " receipt numbers");
            }
        }
    }

    private void awaitDemo(KarafRun node, HttpBench http) throws InterruptedException {
        long deadline = node.startNanos() + TimeUnit.SECONDS.toNanos(o.bootTimeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!node.alive()) {
                throw new IllegalStateException(node.label + " exited during boot\n" + node.logTail(15));
            }
            if (node.bootFailed()) {
                throw new IllegalStateException(node.label + " failed to install its boot features\n"
                        + node.logTail(15));
            }
            if (http.healthUp() && http.demoLoaded()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(node.label + " did not serve the demo numbers within " + o.bootTimeoutSeconds
                + " s\n" + node.logTail(15));
    }

    private HttpBench.NumberCursor[] cursors() {
        HttpBench.NumberCursor[] cursors = new HttpBench.NumberCursor[threads];
        for (int t = 0; t < threads; t++) {
            cursors[t] = new HttpBench.NumberCursor(t, threads);
        }
        return cursors;
    }
}
