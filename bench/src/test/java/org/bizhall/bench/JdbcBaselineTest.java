package org.bizhall.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.Test;

/**
 * The JDBC baseline does its openings and payments on both databases the bench measures: Derby (the default run) and
 * PostgreSQL (the nodes phase's ceiling; with {@code -Dbizhall.test.postgres=jdbc:postgresql://…}, as {@code .ci/run}
 * passes it, otherwise skipped). A Derby-only statement in the baseline once failed the nodes phase at its first step.
 */
public class JdbcBaselineTest {
    private static final int THREADS = 2;
    private static final int OPENINGS = 10;

    @Test
    public void openingsAndTheirPaymentsSucceedOnDerby() throws Exception {
        Path work = Files.createTempDirectory("bizhall-baseline-test");
        try (JdbcBaseline baseline = JdbcBaseline.create(work, false)) {
            assertEveryOpeningAndPaymentSucceeds(baseline);
        } finally {
            Files.deleteIfExists(work); // the baseline removed its database under it
        }
    }

    /** The rounds' baseline is paused through the many-halls phase and serves the paced payments of part 4 after. */
    @Test
    public void aPausedBaselineOpensAgainWithWhatItHad() throws Exception {
        Path work = Files.createTempDirectory("bizhall-baseline-test");
        try (JdbcBaseline baseline = JdbcBaseline.create(work, false)) {
            assertEveryOpeningAndPaymentSucceeds(baseline);
            long paidBefore = count(baseline, "SELECT COUNT(*) FROM payments");
            assertTrue("booted, the database holds its lock file", Files.exists(baseline.dir.resolve("db/db.lck")));
            baseline.pause();
            assertTrue("its files are kept", Files.isDirectory(baseline.dir.resolve("db")));
            // Derby holds db.lck while the database is booted in this JVM and removes it at the shutdown
            assertFalse("the database is shut down", Files.exists(baseline.dir.resolve("db/db.lck")));
            assertEquals(OPENINGS, paidBefore);
            baseline.addBenchHalls(2);
            assertEveryOpeningAndPaymentSucceeds(baseline);
            assertEquals(2L * OPENINGS, count(baseline, "SELECT COUNT(*) FROM payments"));
        } finally {
            Files.deleteIfExists(work);
        }
    }

    private static long count(JdbcBaseline baseline, String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:derby:" + baseline.dir.resolve("db"));
                java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    public void openingsAndTheirPaymentsSucceedOnPostgres() throws Exception {
        String url = System.getProperty("bizhall.test.postgres", "");
        assumeTrue("no PostgreSQL given (-Dbizhall.test.postgres)", !url.isBlank());
        try (Postgres server = Postgres.at(url);
                JdbcBaseline baseline = JdbcBaseline.createOn(server.createDatabase("bizhall_baseline_test"))) {
            assertEveryOpeningAndPaymentSucceeds(baseline);
        }
    }

    private static void assertEveryOpeningAndPaymentSucceeds(JdbcBaseline baseline) throws Exception {
        JdbcBaseline.Worker[] workers = baseline.workers(THREADS);
        HttpBench.NumberCursor[] cursors = new HttpBench.NumberCursor[THREADS];
        for (int t = 0; t < THREADS; t++) {
            cursors[t] = new HttpBench.NumberCursor(t, THREADS);
        }
        ConcurrentLinkedQueue<JdbcBaseline.Opened> opened = new ConcurrentLinkedQueue<>();
        Load.Phase openings = Load.run("test-open", OPENINGS, THREADS, JdbcBaseline.openings(workers, cursors, opened));
        assertEquals(openings.failures().toString(), OPENINGS, openings.succeeded());
        assertEquals(OPENINGS, opened.size());
        Load.Phase payments = Load.run("test-pay", OPENINGS, THREADS, JdbcBaseline.payments(workers, opened));
        assertEquals(payments.failures().toString(), OPENINGS, payments.succeeded());
        assertTrue("every opened order was paid", opened.isEmpty());
    }
}
