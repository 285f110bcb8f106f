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

    /**
     * On Derby, V22 creates the pool's table anew with room in each row for its hold: the numbers an earlier version
     * held are all kept (a held one with its hold), the key and the search index are there again, and holding every
     * number adds no page. Before V22 each hold past the first dozen on a page split its row onto an overflow page.
     */
    @Test
    public void derbyGivesEveryNumberRoomForItsHold_theRowsAreKeptAndHoldingThemAllAddsNoPage() throws Exception {
        org.junit.Assume.assumeFalse(TestDatabase.postgres());
        DataSource ds = atVersion21();
        int numbers = 3000;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO pool_numbers (msisdn, province,"
                    + " status, prestore_fen) VALUES (?, 'SN', 'AVAILABLE', 5000)")) {
                for (int i = 0; i < numbers; i++) {
                    insert.setString(1, Long.toString(13_891_900_000L + i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE pool_numbers SET status = 'RESERVED', reserved_by = 'op-sn', order_id = 'o-1',"
                        + " expires_at = TIMESTAMP('2026-12-05 10:00:00') WHERE msisdn = '13891900007'");
            }
            c.commit();
        }

        assertEquals(List.of(22), new Migrations(ds, getClass().getClassLoader()).migrate());
        // the room is the two tables' own: a table a later script creates gets Derby's default again
        assertEquals(null, derbyProperty(ds, "derby.storage.minimumRecordSize"));

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertEquals(numbers, count(s, "SELECT COUNT(*) FROM pool_numbers WHERE province = 'SN' AND prestore_fen = 5000"));
            assertEquals(1, count(s, "SELECT COUNT(*) FROM pool_numbers WHERE msisdn = '13891900007' AND status = 'RESERVED'"
                    + " AND reserved_by = 'op-sn' AND order_id = 'o-1' AND expires_at = TIMESTAMP('2026-12-05 10:00:00')"));
            assertEquals("the search index", 1, count(s, "SELECT COUNT(*) FROM sys.sysconglomerates"
                    + " WHERE conglomeratename = 'IX_POOL_NUMBERS_SEARCH'"));
            assertRefusedTwice(s, "INSERT INTO pool_numbers (msisdn, province, status, prestore_fen)"
                    + " VALUES ('13891900007', 'SN', 'AVAILABLE', 0)");
            int pages = heapPages(s, "POOL_NUMBERS");
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement hold = c.prepareStatement("UPDATE pool_numbers SET status = 'RESERVED',"
                    + " reserved_by = ?, order_id = ?, expires_at = CURRENT_TIMESTAMP WHERE msisdn = ? AND status = 'AVAILABLE'")) {
                for (int i = 0; i < numbers; i++) {
                    hold.setString(1, "counter-" + (i % 100));
                    hold.setString(2, java.util.UUID.randomUUID().toString());
                    hold.setString(3, Long.toString(13_891_900_000L + i));
                    hold.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(true);
            assertEquals("numbers held", numbers, count(s, "SELECT COUNT(*) FROM pool_numbers WHERE status = 'RESERVED'"));
            assertEquals("pages of the pool before and after every number was held", pages, heapPages(s, "POOL_NUMBERS"));
        }
    }

    /**
     * On Derby, V22 creates the idempotency keys' table anew with room in each row for its answer: a key an earlier
     * version answered is kept with its answer, and keys claimed three at a time (three requests running side by
     * side) and then answered with an opening's order take two a page. Before V22 the answers of claims that shared a
     * page split onto overflow pages: a third more pages.
     */
    @Test
    public void derbyGivesEveryIdempotencyKeyRoomForItsAnswer_theKeysAreKeptAndTheAnswersStayOnTheirPage() throws Exception {
        org.junit.Assume.assumeFalse(TestDatabase.postgres());
        DataSource ds = atVersion21();
        String answer = "{\"id\":\"o-1\",\"note\":\"" + "\u8425".repeat(300) + "\"}";
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO idempotency_keys (username, path, idem_key, request_hash, status, location, body,"
                    + " created_at) VALUES ('op-sn', '/orders', 'k-0', 'h-0', 201, '/orders/o-1', '" + answer + "',"
                    + " TIMESTAMP('2026-12-05 10:00:00'))");
        }

        assertEquals(List.of(22), new Migrations(ds, getClass().getClassLoader()).migrate());

        Connection[] requests = {ds.getConnection(), ds.getConnection(), ds.getConnection()};
        try (Statement s = requests[0].createStatement()) {
            assertEquals(1, count(s, "SELECT COUNT(*) FROM idempotency_keys WHERE username = 'op-sn' AND path = '/orders'"
                    + " AND idem_key = 'k-0' AND request_hash = 'h-0' AND status = 201 AND location = '/orders/o-1'"
                    + " AND created_at = TIMESTAMP('2026-12-05 10:00:00')"));
            try (ResultSet r = s.executeQuery("SELECT body FROM idempotency_keys WHERE idem_key = 'k-0'")) {
                r.next();
                assertEquals(answer, r.getString(1));
            }
            assertRefusedTwice(s, "INSERT INTO idempotency_keys (username, path, idem_key, request_hash, created_at)"
                    + " VALUES ('op-sn', '/orders', 'k-0', 'h-1', CURRENT_TIMESTAMP)");
            s.executeUpdate("DELETE FROM idempotency_keys");
        }
        String order = "x".repeat(1470);
        int rounds = 200;
        try {
            for (Connection c : requests) {
                c.setAutoCommit(false);
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < requests.length; i++) {
                    try (java.sql.PreparedStatement claim = requests[i].prepareStatement("INSERT INTO idempotency_keys"
                            + " (username, path, idem_key, request_hash, created_at) VALUES ('op-sn', '/orders', ?, ?,"
                            + " CURRENT_TIMESTAMP)")) {
                        claim.setString(1, round + "-" + i);
                        claim.setString(2, "h".repeat(64));
                        claim.executeUpdate();
                    }
                }
                for (int i = 0; i < requests.length; i++) {
                    try (java.sql.PreparedStatement answered = requests[i].prepareStatement("UPDATE idempotency_keys"
                            + " SET status = 201, location = ?, body = ? WHERE username = 'op-sn' AND path = '/orders'"
                            + " AND idem_key = ?")) {
                        answered.setString(1, "/orders/" + java.util.UUID.randomUUID());
                        answered.setString(2, order);
                        answered.setString(3, round + "-" + i);
                        answered.executeUpdate();
                    }
                    requests[i].commit();
                }
            }
            try (Statement s = requests[0].createStatement()) {
                assertEquals(rounds * 3, count(s, "SELECT COUNT(*) FROM idempotency_keys WHERE status = 201"));
                int pages = heapPages(s, "IDEMPOTENCY_KEYS");
                assertTrue("pages for " + rounds * 3 + " answered keys: " + pages, pages <= rounds * 3 / 2 + 2);
            }
        } finally {
            for (Connection c : requests) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                c.close();
            }
        }
    }

    /** A fresh database as schema version 21 left it, before the rows got their room. */
    private DataSource atVersion21() throws Exception {
        DataSource ds = TestDatabase.freshDataSource();
        List<String> scripts = Migrations.SCRIPTS.subList(0, Migrations.SCRIPTS.indexOf("V22__rows_with_room.derby.sql"));
        new Migrations(ds, getClass().getClassLoader(), scripts).migrate();
        return ds;
    }

    private static void assertRefusedTwice(Statement s, String insert) {
        try {
            s.executeUpdate(insert);
            org.junit.Assert.fail("a second row with the same key: " + insert);
        } catch (java.sql.SQLException e) {
            assertEquals("23505", e.getSQLState());
        }
    }

    private static int count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static int heapPages(Statement s, String table) throws Exception {
        return count(s, "SELECT numallocatedpages FROM TABLE (SYSCS_DIAG.SPACE_TABLE('" + table + "')) t WHERE isindex = 0");
    }
}
