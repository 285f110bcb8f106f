package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.bizhall.api.billing.BillingRun;
import org.bizhall.api.billing.BillingService;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.Product;
import org.bizhall.billing.internal.BillingRunService;
import org.junit.Test;

/**
 * The billing run on N subscribers against plain JDBC writing the same rows (docs/benchmarks.md): the billing bundle's
 * run on the real stores and Derby, outside OSGi, then {@link JdbcBillingBaseline} on a second database seeded the
 * same way, then the same month again on the first. Skipped unless {@code -Dbizhall.bench.billing.subscribers=N[,M…]}
 * (several sizes: one line each and the linearity of the largest against the smallest); {@code
 * -Dbizhall.test.derby.dir=DIR} puts the databases on disk; {@code -Dbizhall.bench.billing.jdbc=false} leaves the
 * baseline out (a linearity run of the platform alone). The subscribers and accounts are seeded with plain JDBC
 * batches (not measured). Fails when either charges another count than the subscribers, or leaves the rows of a
 * charge (ledger entry, claim, audit row, points earning, balance) other than one each.
 */
public class BillingRunBenchmarkTest {
    static final YearMonth MONTH = YearMonth.of(2026, 10);
    /** October in full: GOTONE-88 a month's 88.00 yuan; EASYOWN-BASIC 10.00 × 12 / 365 × 31 days, rounded half up. */
    private static final long PACKAGE_RENT = 8800;
    private static final long DAILY_RENT = (1000L * 12 * 31 * 2 + 365) / 730;

    /**
     * One size's figures. Besides the wall time, the CPU time of the thread that ran it (billing code, Hibernate and
     * the embedded Derby alike): on a shared machine the wall time moves with the neighbours' load, the CPU time a
     * charge costs much less, so it is the figure that shows whether the cost grows linearly.
     */
    record Figures(int subscribers, double runSeconds, double runCpuSeconds, long charged, double jdbcSeconds,
            double jdbcCpuSeconds, long jdbcCharged, double repeatSeconds, long repeatCharged) {
        double rate() {
            return charged / runSeconds;
        }

        double jdbcRate() {
            return jdbcCharged / jdbcSeconds;
        }

        /** CPU milliseconds per charge of the run. */
        double cpuMsPerCharge() {
            return 1000 * runCpuSeconds / charged;
        }

        double jdbcCpuMsPerCharge() {
            return 1000 * jdbcCpuSeconds / jdbcCharged;
        }
    }

    /**
     * CPU time of the calling thread so far, in seconds. The run, Hibernate and the embedded Derby work on the caller's
     * thread; the JIT's and the collector's threads are left out, so the first, smaller size is not charged for the
     * warm-up.
     */
    static double cpuSeconds() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    @Test
    public void billingRunAgainstPlainJdbc() throws Exception {
        String sizes = System.getProperty("bizhall.bench.billing.subscribers", "");
        assumeTrue("set -Dbizhall.bench.billing.subscribers=N[,M...] to run", !sizes.isBlank());
        List<Figures> all = new ArrayList<>();
        for (int n : Arrays.stream(sizes.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray()) {
            Figures f = measure(n);
            all.add(f);
            System.out.printf("%n%-34s %12s %12s %10s %12s %10s %14s%n", "billing " + n + " subscribers", "subscribers",
                    "charges", "seconds", "charges/s", "CPU s", "CPU ms/charge");
            System.out.printf("%-34s %12d %12d %10.1f %12.0f %10.1f %14.3f%n", "platform run (BillingRunService)", n,
                    f.charged(), f.runSeconds(), f.rate(), f.runCpuSeconds(), f.cpuMsPerCharge());
            if (!Double.isNaN(f.jdbcSeconds())) {
                System.out.printf("%-34s %12d %12d %10.1f %12.0f %10.1f %14.3f%n", "plain JDBC batches, same rows", n,
                        f.jdbcCharged(), f.jdbcSeconds(), f.jdbcRate(), f.jdbcCpuSeconds(), f.jdbcCpuMsPerCharge());
            }
            System.out.printf("%-34s %12d %12d %10.1f %12.0f%n", "the same month again (repeat)", n, f.repeatCharged(),
                    f.repeatSeconds(), n / f.repeatSeconds());
            double ratio = f.rate() / f.jdbcRate();
            if (!Double.isNaN(ratio)) {
                System.out.printf("ratio platform/JDBC %.2f (goal >= 0.50: %s)%n", ratio, ratio >= 0.5 ? "met" : "NOT met");
            }
            System.out.printf("repeat %.0f %% of a run%n", 100 * f.repeatSeconds() / f.runSeconds());
        }
        if (all.size() > 1) {
            Figures small = all.get(0);
            Figures large = all.get(all.size() - 1);
            System.out.printf("%nlinearity: %d → %d subscribers (×%.0f): run %.1f → %.1f s (×%.1f), %.0f → %.0f"
                    + " charges/s (%.2f of the smaller size's rate)%s%n",
                    small.subscribers(), large.subscribers(), (double) large.subscribers() / small.subscribers(),
                    small.runSeconds(), large.runSeconds(), large.runSeconds() / small.runSeconds(), small.rate(),
                    large.rate(), large.rate() / small.rate(), Double.isNaN(large.jdbcSeconds()) ? ""
                            : String.format("; JDBC %.0f → %.0f charges/s", small.jdbcRate(), large.jdbcRate()));
            System.out.printf("linearity of the CPU cost: %.3f → %.3f CPU ms a charge (×%.2f)%s%n",
                    small.cpuMsPerCharge(), large.cpuMsPerCharge(), large.cpuMsPerCharge() / small.cpuMsPerCharge(),
                    Double.isNaN(large.jdbcSeconds()) ? "" : String.format("; JDBC %.3f → %.3f (×%.2f)",
                            small.jdbcCpuMsPerCharge(), large.jdbcCpuMsPerCharge(),
                            large.jdbcCpuMsPerCharge() / small.jdbcCpuMsPerCharge()));
        }
        System.out.printf("load average at the end: %s%n", loadAverage());
    }

    private static Figures measure(int n) throws Exception {
        double runSeconds;
        double runCpuSeconds;
        double repeatSeconds;
        BillingRun run;
        BillingRun repeat;
        try (TestDatabase db = new TestDatabase()) {
            products(db);
            long seedStart = System.nanoTime();
            seed(db.dataSource, n);
            System.out.printf("seeded %d subscribers and accounts in %.1f s%n", n, (System.nanoTime() - seedStart) / 1e9);
            BillingRunService service = new BillingRunService(db.products, db.billing, db.clock,
                    db.transactions, db.audit).earningPointsWith(db.loyalty, db.params);
            // -Dbizhall.bench.billing.page=N: the run in pages of N subscribers (to compare page sizes)
            String page = System.getProperty("bizhall.bench.billing.page", "");
            if (!page.isBlank()) {
                service.inPagesOf(Integer.parseInt(page.trim()));
            }
            BillingService billing = service;
            double cpu = cpuSeconds();
            long start = System.nanoTime();
            run = billing.run(Caller.admin("admin"), MONTH);
            runSeconds = (System.nanoTime() - start) / 1e9;
            runCpuSeconds = cpuSeconds() - cpu;
            assertEquals("charges of the run", n, run.charged());
            assertEquals(expectedTotal(n), run.totalFen());
            checkRows(db.dataSource, n, expectedTotal(n));

            long again = System.nanoTime();
            repeat = billing.run(Caller.admin("admin"), MONTH);
            repeatSeconds = (System.nanoTime() - again) / 1e9;
            assertEquals("a repeat charges nothing", 0, repeat.charged());
            assertEquals(n, repeat.alreadyCharged());
            try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
                assertEquals("no entry more", n, one(s, "SELECT COUNT(*) FROM ledger_entries"));
                assertEquals("no claim more", n, one(s, "SELECT COUNT(*) FROM bill_charges"));
            }
        }
        if (!Boolean.parseBoolean(System.getProperty("bizhall.bench.billing.jdbc", "true"))) {
            return new Figures(n, runSeconds, runCpuSeconds, run.charged(), Double.NaN, Double.NaN, 0, repeatSeconds,
                    repeat.charged());
        }
        double jdbcSeconds;
        double jdbcCpuSeconds;
        JdbcBillingBaseline.Result jdbc;
        try (TestDatabase db = new TestDatabase()) {
            products(db);
            seed(db.dataSource, n);
            Instant now = db.clock.now().toInstant();
            double cpu = cpuSeconds();
            long start = System.nanoTime();
            jdbc = JdbcBillingBaseline.run(db.dataSource, MONTH, now,
                    code -> code.equals("EASYOWN-BASIC") ? DAILY_RENT : PACKAGE_RENT);
            jdbcSeconds = (System.nanoTime() - start) / 1e9;
            jdbcCpuSeconds = cpuSeconds() - cpu;
            assertEquals("charges of the JDBC baseline", n, jdbc.charged());
            assertEquals(expectedTotal(n), jdbc.totalFen());
            checkRows(db.dataSource, n, expectedTotal(n));
        }
        return new Figures(n, runSeconds, runCpuSeconds, run.charged(), jdbcSeconds, jdbcCpuSeconds, jdbc.charged(),
                repeatSeconds, repeat.charged());
    }

    static long expectedTotal(int n) {
        long daily = (n + 4) / 5; // every fifth subscriber, from the first, has the daily package
        return daily * DAILY_RENT + (n - daily) * PACKAGE_RENT;
    }

    /** One ledger entry, claim, audit row and points earning per charge; balances and points add up. */
    static void checkRows(DataSource ds, int n, long totalFen) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertEquals("RENT ledger entries", n, one(s, "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'RENT'"));
            assertEquals("ledger total", -totalFen, one(s, "SELECT SUM(amount_fen) FROM ledger_entries WHERE kind = 'RENT'"));
            assertEquals("balances", -totalFen, one(s, "SELECT SUM(balance_fen) FROM accounts"));
            assertEquals("balance after of each entry", 0, one(s, "SELECT COUNT(*) FROM ledger_entries l, accounts a"
                    + " WHERE a.id = l.account_id AND l.balance_after_fen <> a.balance_fen"));
            assertEquals("claims", n, one(s, "SELECT COUNT(*) FROM bill_charges c, ledger_entries l"
                    + " WHERE l.id = c.ledger_entry_id AND l.account_id = c.account_id AND c.bill_month = '" + MONTH + "'"));
            assertEquals("audit rows", n, one(s, "SELECT COUNT(*) FROM audit_log WHERE action = 'LEDGER_POSTED'"));
            assertEquals("points earnings", n, one(s, "SELECT COUNT(*) FROM points_earnings e, points_movements m"
                    + " WHERE m.id = e.movement_id AND m.msisdn = e.msisdn"));
            long points = (n - (n + 4) / 5) * (PACKAGE_RENT / 100) + (n + 4) / 5 * (DAILY_RENT / 100);
            assertEquals("points", points, one(s, "SELECT SUM(balance) FROM points_balances"));
        }
    }

    static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void products(TestDatabase db) {
        db.products.save(new Product("GOTONE-88", "全球通88元套餐", "全球通", 8800, "PACKAGE", List.of()));
        db.products.save(new Product("EASYOWN-BASIC", "神州行畅听卡", "神州行", 1000, "DAILY", List.of()));
    }

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    static void seed(DataSource ds, int n) throws Exception {
        Timestamp opened = Timestamp.from(Instant.parse("2026-09-01T02:00:00Z"));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement account = c.prepareStatement("INSERT INTO accounts (id, account_type, province,"
                    + " holder_name, balance_fen, opened_at) VALUES (?, 'CASH_PREPAID', 'SN', '张三', 0, ?)");
                    PreparedStatement subscriber = c.prepareStatement("INSERT INTO subscribers (msisdn, province,"
                            + " hall_id, status, holder_type, holder_name, package_code, features, categories,"
                            + " account_id, opened_at, updated_at) VALUES (?, 'SN', 'SN-XA-001', 'ACTIVE', 'PERSONAL',"
                            + " '张三', ?, '', 'NORMAL', ?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    long id = 1_000_000L + i;
                    account.setLong(1, id);
                    account.setTimestamp(2, opened);
                    account.addBatch();
                    subscriber.setString(1, String.valueOf(13800000000L + i));
                    subscriber.setString(2, i % 5 == 0 ? "EASYOWN-BASIC" : "GOTONE-88");
                    subscriber.setLong(3, id);
                    subscriber.setTimestamp(4, opened);
                    subscriber.setTimestamp(5, opened);
                    subscriber.addBatch();
                    if (i % 1000 == 999) {
                        account.executeBatch();
                        subscriber.executeBatch();
                        c.commit();
                    }
                }
                account.executeBatch();
                subscriber.executeBatch();
                c.commit();
            }
        }
    }
}
