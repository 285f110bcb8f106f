package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.Test;

public class MigrationsTest {
    /** The version of every listed script, in order (numbers may have gaps). */
    private static final List<Integer> EVERY_VERSION = Migrations.SCRIPTS.stream()
            .map(s -> Integer.parseInt(s.substring(1, s.indexOf("__")))).toList();

    @Test
    public void migrationsApplyOnceAndRerunningThemChangesNothing() throws Exception {
        DataSource ds = TestDatabase.freshDataSource();
        Migrations migrations = new Migrations(ds, getClass().getClassLoader());

        assertEquals(EVERY_VERSION, migrations.migrate());
        assertEquals(List.of(), migrations.migrate());
        assertEquals(EVERY_VERSION, new ArrayList<>(migrations.appliedVersions()));

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("halls", "staff", "products", "pool_numbers", "subscribers", "accounts",
                    "ledger_entries", "receipts", "receipt_counters", "audit_log", "orders", "order_history", "payments",
                    "idempotency_keys", "bill_charges", "collection_notices", "day_closes", "print_jobs", "order_ratings",
                    "bizhall_settings", "jobs", "package_changes", "vpmn_groups", "vpmn_members", "vpmn_archives",
                    "gifts", "points_balances", "points_movements", "points_earnings", "points_redemptions",
                    "bizhall_schema_version")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertTrue(table, rs.next());
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bizhall_schema_version")) {
                rs.next();
                assertEquals(EVERY_VERSION.size(), rs.getInt(1));
            }
        }
    }

    @Test
    public void twoNodesMigratingAtOnceApplyEachVersionExactlyOnce() throws Exception {
        DataSource ds = TestDatabase.freshDataSource();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Integer>> node = () -> new Migrations(ds, getClass().getClassLoader()).migrate();
            List<Future<List<Integer>>> results = pool.invokeAll(List.of(node, node));
            List<Integer> applied = new ArrayList<>();
            for (Future<List<Integer>> f : results) {
                applied.addAll(f.get());
            }
            applied.sort(null);
            assertEquals(EVERY_VERSION, applied);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void everyScriptInTheFolderIsListedInOrder() throws Exception {
        File folder = new File(getClass().getClassLoader().getResource("db/migration").toURI());
        List<String> files = new ArrayList<>(Arrays.asList(folder.list()));
        Collections.sort(files, (a, b) -> Integer.compare(version(a), version(b)));
        assertEquals(files, Migrations.SCRIPTS);
    }

    @Test
    public void scriptsSplitIntoStatementsWithoutComments() {
        List<String> statements = Migrations.statements("-- a comment; with a semicolon\nCREATE TABLE a (x INTEGER);\n\n"
                + "CREATE INDEX ix ON a (x);\n");
        assertEquals(List.of("CREATE TABLE a (x INTEGER)", "CREATE INDEX ix ON a (x)"), statements);
    }

    private static int version(String file) {
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }

    /**
     * On Derby the store's database checks a statement's plan against its tables every
     * {@value Migrations#DERBY_PLAN_CHECK_EXECUTIONS} executions, not every 100: a database property, so it holds for
     * every connection, and a later start sets it again.
     */
    @Test
    public void derbyChecksPlansEveryTenThousandExecutions() throws Exception {
        org.junit.Assume.assumeFalse(TestDatabase.postgres());
        DataSource ds = TestDatabase.freshDataSource();
        Migrations migrations = migrated(ds);
        migrations.planChecks();
        migrations.planChecks();
        assertEquals("10000", derbyProperty(ds, "derby.language.stalePlanCheckInterval"));
    }

    private Migrations migrated(DataSource ds) throws Exception {
        Migrations migrations = new Migrations(ds, getClass().getClassLoader());
        migrations.migrate();
        return migrations;
    }

    /** A Derby database property as the database holds it. */
    private static String derbyProperty(DataSource ds, String name) throws Exception {
        try (Connection c = ds.getConnection();
                java.sql.PreparedStatement s = c.prepareStatement("VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(?)")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /**
     * On Derby each identity column reserves its values a thousand at a time (a range taken forces the log while
     * every insert into the table waits), and the audit log's ids still increase with every entry across ranges.
     */
    @Test
    public void derbyReservesIdentityValuesAThousandAtATimeAndIdsStillIncrease() throws Exception {
        org.junit.Assume.assumeFalse(TestDatabase.postgres());
        DataSource ds = TestDatabase.freshDataSource();
        migrated(ds).identityRanges();
        assertEquals(String.valueOf(Migrations.DERBY_IDENTITY_RANGE),
                derbyProperty(ds, "derby.language.sequence.preallocator"));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (occurred_at, actor,"
                    + " action, amount_fen) VALUES (CURRENT_TIMESTAMP, 'test', 'IDENTITY_RANGE', ?)")) {
                for (int i = 0; i < 2 * Migrations.DERBY_IDENTITY_RANGE + 10; i++) {
                    insert.setLong(1, i); // the order of insertion
                    insert.executeUpdate();
                    if (i % 500 == 0) {
                        c.commit();
                    }
                }
            }
            c.commit();
            long previous = Long.MIN_VALUE;
            int rows = 0;
            try (ResultSet r = s.executeQuery("SELECT id FROM audit_log WHERE action = 'IDENTITY_RANGE' ORDER BY"
                    + " amount_fen")) {
                while (r.next()) {
                    assertTrue(r.getLong(1) > previous);
                    previous = r.getLong(1);
                    rows++;
                }
            }
            c.commit();
            assertEquals(2 * Migrations.DERBY_IDENTITY_RANGE + 10, rows);
        }
    }

    @Test
    public void derbyCreatesEveryTableAndIndexWithSmallPagesAndStillHoldsValuesLongerThanAPage() throws Exception {
        org.junit.Assume.assumeFalse(TestDatabase.postgres());
        DataSource ds = TestDatabase.freshDataSource();
        new Migrations(ds, getClass().getClassLoader()).migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            List<String> otherSizes = new ArrayList<>();
            int conglomerates = 0;
            try (ResultSet r = s.executeQuery("SELECT t.tablename, p.conglomeratename, p.pagesize FROM sys.systables t,"
                    + " TABLE (SYSCS_DIAG.SPACE_TABLE(t.tablename)) p WHERE t.tabletype = 'T' AND t.schemaid ="
                    + " (SELECT schemaid FROM sys.sysschemas WHERE schemaname = CURRENT SCHEMA)")) {
                while (r.next()) {
                    conglomerates++;
                    if (r.getInt(3) != Migrations.DERBY_PAGE_SIZE) {
                        otherSizes.add(r.getString(1) + "/" + r.getString(2) + ": " + r.getInt(3));
                    }
                }
            }
            assertTrue("tables and indexes found: " + conglomerates, conglomerates > 60);
            assertEquals("conglomerates whose pages are not " + Migrations.DERBY_PAGE_SIZE + " bytes", List.of(), otherSizes);

            // an order's JSON as long as its column allows spans several pages and reads back whole
            String params = "{\"note\":\"" + "\u8425".repeat(31_000) + "\"}";
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, procedure_id, province,"
                    + " parties_json, documents_json, params_json, state, created_at, updated_at)"
                    + " VALUES ('long', 'opening', 'SN', '[]', '[]', ?, 'DRAFT', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                insert.setString(1, params);
                insert.executeUpdate();
            }
            s.executeUpdate("UPDATE orders SET result_json = params_json WHERE id = 'long'");
            try (ResultSet r = s.executeQuery("SELECT params_json, result_json FROM orders WHERE id = 'long'")) {
                assertTrue(r.next());
                assertEquals(params, r.getString(1));
                assertEquals(params, r.getString(2));
            }
        }
    }
}
