package org.bizhall.persistence.internal;

import static org.junit.Assume.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.billing.internal.BillingRunService;
import org.junit.Test;

/**
 * Payments while a job runs, on the real stores and Derby: {@value #CLIENTS} threads make payment-shaped transactions
 * (an Idempotency-Key claimed, a ledger entry posted to a subscriber's account) for as long as the job runs, and their
 * latencies are printed, with Derby's default lock escalation threshold (5,000, as before) and the node's (back to back,
 * fresh databases alike). Jobs: the daily purge of {@code -Dbizhall.bench.joblocks.keys} expired keys (default
 * 40,000) at both thresholds, and a billing run over {@code -Dbizhall.bench.joblocks.subscribers} subscribers
 * (default 20,000), whose accounts the payments post to, in pages of each size of
 * {@code -Dbizhall.bench.joblocks.pages} (default 500,200). Run with {@code -Dbizhall.bench.joblocks=true}; prints figures, asserts no speed.
 */
public class JobLocksBenchmarkTest {
    private static final int CLIENTS = 4;

    record Figures(String job, int threshold, double jobSeconds, int paid, int busy, double p50, double p99, double max) {
    }

    @Test
    public void paymentsWhileJobsRun() throws Exception {
        assumeTrue("set -Dbizhall.bench.joblocks=true to run", Boolean.getBoolean("bizhall.bench.joblocks"));
        int keys = Integer.getInteger("bizhall.bench.joblocks.keys", 40_000);
        int subscribers = Integer.getInteger("bizhall.bench.joblocks.subscribers", 20_000);
        System.out.printf("load average at the start: %s%n", loadAverage());
        List<Figures> all = new ArrayList<>();
        for (int threshold : new int[] {5_000, Migrations.DERBY_ESCALATION_THRESHOLD}) {
            all.add(purge(keys, subscribers, threshold));
        }
        // the billing pages stay under either threshold; what a payment on an account of a page waits for is the page
        for (String page : System.getProperty("bizhall.bench.joblocks.pages", "500,200").split(",")) {
            all.add(billing(subscribers, Migrations.DERBY_ESCALATION_THRESHOLD, Integer.parseInt(page.trim())));
        }
        System.out.printf("%n%-46s %10s %8s %6s %6s %9s %9s %9s%n", "payments (" + CLIENTS + " threads) while", "threshold",
                "job s", "paid", "503", "p50 ms", "p99 ms", "max ms");
        for (Figures f : all) {
            System.out.printf("%-46s %10d %8.1f %6d %6d %9.1f %9.1f %9.1f%n", f.job(), f.threshold(), f.jobSeconds(),
                    f.paid(), f.busy(), f.p50(), f.p99(), f.max());
        }
        System.out.printf("load average at the end: %s%n", loadAverage());
    }

    private Figures purge(int keys, int subscribers, int threshold) throws Exception {
        try (TestDatabase db = database(threshold)) {
            BillingRunBenchmarkTest.products(db);
            BillingRunBenchmarkTest.seed(db.dataSource, subscribers);
            Timestamp old = Timestamp.from(Instant.now().minusSeconds(30L * 24 * 3600));
            try (Connection c = db.dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO idempotency_keys (username, path, idem_key, request_hash, status, created_at)"
                            + " VALUES ('op-sn', '/orders/x/payments', ?, 'h', 201, ?)")) {
                c.setAutoCommit(false);
                for (int i = 0; i < keys; i++) {
                    insert.setString(1, "old-" + i);
                    insert.setTimestamp(2, old);
                    insert.addBatch();
                    if (i % 5000 == 4999) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            return during("IDEMPOTENCY_PURGE of " + keys + " expired keys", threshold, db, subscribers,
                    () -> db.idempotency.purgeExpired());
        }
    }

    private Figures billing(int subscribers, int threshold, int page) throws Exception {
        try (TestDatabase db = database(threshold)) {
            BillingRunBenchmarkTest.products(db);
            BillingRunBenchmarkTest.seed(db.dataSource, subscribers);
            return during("BILLING_RUN over " + subscribers + ", pages of " + page, threshold, db, subscribers,
                    () -> new BillingRunService(db.products, db.billing, db.clock, db.transactions, db.audit)
                            .earningPointsWith(db.loyalty, db.params).inPagesOf(page).run(Caller.admin("admin"),
                                    BillingRunBenchmarkTest.MONTH));
        }
    }

    private static TestDatabase database(int threshold) throws Exception {
        TestDatabase db = new TestDatabase();
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement set = c.prepareStatement("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
            set.setString(1, "derby.locks.escalationThreshold");
            set.setString(2, Integer.toString(threshold));
            set.execute();
        }
        return db;
    }

    /** Runs {@code job} while the payment threads pay; the latencies of the payments made while it ran. */
    private Figures during(String name, int threshold, TestDatabase db, int accounts,
            java.util.concurrent.Callable<?> job) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger serial = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        try {
            // warm the payment path before the job starts (not measured)
            for (int i = 0; i < 50; i++) {
                pay(db, accounts, serial.incrementAndGet());
            }
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                clients.add(pool.submit(() -> {
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        try {
                            pay(db, accounts, serial.incrementAndGet());
                            latencies.add(System.nanoTime() - t0);
                        } catch (ProblemException e) {
                            if (!"STORE_BUSY".equals(e.code())) {
                                throw e;
                            }
                            busy.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(300);
            long j0 = System.nanoTime();
            job.call();
            double jobSeconds = (System.nanoTime() - j0) / 1e9;
            running.set(false);
            for (Future<?> f : clients) {
                f.get();
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return new Figures(name, threshold, jobSeconds, sorted.size(), busy.get(), ms(sorted, 0.50),
                    ms(sorted, 0.99), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A payment's writes to the tables the jobs write: its Idempotency-Key and a ledger entry of an account. */
    private static void pay(TestDatabase db, int accounts, int n) {
        long account = 1_000_000L + ThreadLocalRandom.current().nextInt(accounts);
        db.transactions.required(() -> {
            db.idempotency.claim("op-sn", "/orders/" + n + "/payments", "key-" + n, "h");
            db.accounts.post(account, "PAYMENT", 5000, null, "缴费");
            return null;
        });
    }

    private static double ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, rank)) / 1e6;
    }

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
