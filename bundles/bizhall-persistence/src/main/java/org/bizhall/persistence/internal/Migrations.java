package org.bizhall.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * Applies the versioned SQL scripts under {@code db/migration} in order and records each in
 * {@code bizhall_schema_version}. A version is claimed by inserting its row first, in the same JDBC transaction as its
 * statements: a second node migrating at the same moment waits on that row and then finds the version applied.
 * A script named {@code V<n>__<description>.derby.sql} holds what only Derby needs (its storage properties, its own
 * syntax): on another database its version is recorded and none of its statements run.
 */
final class Migrations {
    /** Every script, in order. A unit test checks this list against the folder. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__billing.sql", "V3__print_queue.sql", "V4__ratings.sql",
            "V5__payment_kiosk.sql", "V6__service_password_lock.sql", "V7__settings.sql", "V8__jobs.sql",
            "V9__subscriber_lifecycle.sql", "V12__package_changes.sql", "V14__vpmn_groups.sql", "V15__loyalty.sql",
            "V16__care.sql", "V17__receipt_numbering.sql", "V20__order_priority.sql", "V21__number_search_index.sql",
            "V22__rows_with_room.derby.sql");

    static final String VERSION_TABLE = "bizhall_schema_version";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+?)(\\.derby)?\\.sql");

    private final DataSource dataSource;
    private final ClassLoader loader;
    private final List<String> scripts;

    Migrations(DataSource dataSource, ClassLoader loader) {
        this(dataSource, loader, SCRIPTS);
    }

    /** Applies {@code scripts} only (a test's database as an earlier version left it). */
    Migrations(DataSource dataSource, ClassLoader loader, List<String> scripts) {
        this.dataSource = dataSource;
        this.loader = loader;
        this.scripts = scripts;
    }

    /** Applies what is missing; returns the versions this call applied (empty when the schema was current). */
    List<Integer> migrate() throws SQLException {
        smallPages();
        ensureVersionTable();
        // One read of the recorded versions for the whole run: at a restart nothing is to do and this is the only
        // query (after Derby's page size above). A version another node applies meanwhile is caught by apply's claim
        // on its row.
        TreeSet<Integer> done = appliedVersions();
        boolean derby = onDerby();
        List<Integer> applied = new ArrayList<>();
        for (String script : scripts) {
            Matcher m = NAME.matcher(script);
            if (!m.matches()) {
                throw new IllegalStateException("migration script name must be V<n>__<description>.sql (or .derby.sql): "
                        + script);
            }
            int version = Integer.parseInt(m.group(1));
            if (done.contains(version)) {
                continue;
            }
            boolean derbyOnly = m.group(3) != null;
            if (apply(version, m.group(2), derbyOnly && !derby ? List.of() : statements(read(script)))) {
                applied.add(version);
            }
        }
        return applied;
    }

    /** Seconds a statement waits for a row lock on Derby before its transaction is rolled back (Derby's default 60). */
    static final int DERBY_LOCK_WAIT_SECONDS = 5;
    /** Seconds a lock wait lasts on Derby before it looks for a deadlock (Derby's default 20). */
    static final int DERBY_DEADLOCK_CHECK_SECONDS = 1;
    /**
     * Row locks one Derby transaction holds before Derby tries to trade them for table locks (Derby's default 5,000).
     * Locks are objects on the heap: the bound keeps a runaway transaction from holding them without end.
     */
    static final int DERBY_ESCALATION_THRESHOLD = 50_000;

    /**
     * On Derby, lock waits end early: a payment queueing behind its hall's receipt lock for longer than
     * {@value #DERBY_LOCK_WAIT_SECONDS} s is answered 503 {@code STORE_BUSY} (and retried once by an idempotent
     * request) instead of holding its client and a connection for a minute, and a deadlock is found after
     * {@value #DERBY_DEADLOCK_CHECK_SECONDS} s instead of 20. And a transaction holding many row locks keeps them:
     * past Derby's default of 5,000 locks Derby escalates the table with the most of them to an exclusive table lock
     * (when no other transaction has the table open at that instant), and every payment writing to that table (an
     * Idempotency-Key, a ledger entry, a print job of another customer) then waits for that transaction to commit, or
     * past the lock wait and is answered 503. The daily purge of a busy node's expired keys deletes more rows than that
     * in one statement; the threshold is {@value #DERBY_ESCALATION_THRESHOLD} (the jobs keep their transactions far
     * below it: a billing page holds about 4,000). PostgreSQL never escalates. Database properties, so every
     * connection and every later start has them. Other databases keep their own settings.
     */
    void shortLockWaits() throws SQLException {
        setDerbyProperties(Map.of("derby.locks.waitTimeout", DERBY_LOCK_WAIT_SECONDS,
                "derby.locks.deadlockTimeout", DERBY_DEADLOCK_CHECK_SECONDS,
                "derby.locks.escalationThreshold", DERBY_ESCALATION_THRESHOLD));
    }

    /** Bytes of each page of the tables and indexes the scripts create on Derby (Derby's smallest default). */
    static final int DERBY_PAGE_SIZE = 4096;

    /**
     * On Derby, every table and index a script creates gets pages of {@value #DERBY_PAGE_SIZE} bytes. Left to itself
     * Derby gives 32 KiB pages to a table whose declared columns add up to more than 4 KB: orders, idempotency keys,
     * receipts, subscribers, the audit log and the care tables, whose JSON and text columns are declared up to 32,000
     * characters though most values are a few hundred bytes. Derby allocates a buffer of the page's size for each row
     * it updates, and a payment updates several rows of those tables; its page cache holds 1,000 pages of either size
     * (docs/benchmarks.md, "Derby's page size"). A value longer than a page goes on to overflow pages, as on any page
     * size. Set before the first script; tables created before keep their pages. A database property: a later script
     * creates its tables the same way.
     */
    void smallPages() throws SQLException {
        setDerbyProperties(Map.of("derby.storage.pageSize", DERBY_PAGE_SIZE));
    }

    /** Identity values Derby reserves at a time for each identity column (Derby's default 100). */
    static final int DERBY_IDENTITY_RANGE = 1000;

    /**
     * On Derby, each identity column reserves {@value #DERBY_IDENTITY_RANGE} values at a time instead of 100. Taking
     * the next range updates the catalogue in a nested transaction and forces the log while every insert into that
     * table waits on the generator: with seven audit rows a payment, at 60 payments/s that was four times a second,
     * and the slowest paced payments waited there behind a slow disk (docs/benchmarks.md). Values stay in increasing
     * order (one node holds an embedded database); a crash skips at most the rest of a range, as it did before with
     * 100. A database property, so later starts keep it; other databases keep their sequences' own caches.
     */
    void identityRanges() throws SQLException {
        setDerbyProperties(Map.of("derby.language.sequence.preallocator", DERBY_IDENTITY_RANGE));
    }

    /** Executions of a prepared statement between two checks of its plan against its tables' sizes (Derby's 100). */
    static final int DERBY_PLAN_CHECK_EXECUTIONS = 10_000;

    /**
     * On Derby, a statement's plan is checked against the rows its scans meet every
     * {@value #DERBY_PLAN_CHECK_EXECUTIONS} executions instead of every 100. At each check Derby compiles the statement
     * again when a scan met a tenth more or fewer rows than when the plan was made (a few rows for a small table): in a
     * young database under load that was most checks, each a parse, an optimisation and a generated class, loaded and
     * run unoptimised while the statement's other callers wait. Over a bench run a node generated 394 statement
     * classes with Derby's default and 99 with this; the paced payments' p99 was under 25 ms in five runs of seven
     * with it (or with the checks off) and in none of six without (docs/benchmarks.md, "Derby compiled the statements
     * again"). Plans still follow the data: every ten thousand executions, at each start and when an index is
     * created. A database property, so every connection and later start has it; other databases plan their own way.
     */
    void planChecks() throws SQLException {
        setDerbyProperties(Map.of("derby.language.stalePlanCheckInterval", DERBY_PLAN_CHECK_EXECUTIONS));
    }

    /** Sets Derby database properties (stored in the database: every connection and later start has them). */
    private void setDerbyProperties(Map<String, Integer> properties) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!Jdbc.derby(c)) {
                return;
            }
            try (PreparedStatement set = c.prepareStatement("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
                for (Map.Entry<String, Integer> property : properties.entrySet()) {
                    set.setString(1, property.getKey());
                    set.setString(2, Integer.toString(property.getValue()));
                    set.execute();
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private boolean onDerby() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.derby(c);
        }
    }

    /**
     * The installation's value of setting {@code name}, made by {@code create} the first time it is asked for. Nodes
     * starting together all end with the value the first of them committed.
     */
    String setting(String name, java.util.function.Supplier<String> create) throws SQLException {
        String existing = readSetting(name);
        if (existing != null) {
            return existing;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO bizhall_settings (name, setting_value) VALUES (?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, create.get());
            insert.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            // another node inserted it first; its value is the one
            if (readSetting(name) == null) {
                throw e;
            }
        }
        return readSetting(name);
    }

    private String readSetting(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT setting_value FROM bizhall_settings WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Versions recorded as applied. */
    TreeSet<Integer> appliedVersions() throws SQLException {
        TreeSet<Integer> versions = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM " + VERSION_TABLE)) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private boolean apply(int version, String description, List<String> statements) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement claim = c.prepareStatement(
                        "INSERT INTO " + VERSION_TABLE + " (version, description, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                    claim.setInt(1, version);
                    claim.setString(2, description);
                    claim.executeUpdate();
                } catch (SQLException e) {
                    c.rollback();
                    if (appliedVersions().contains(version)) {
                        // another node claimed it first and has committed it
                        return false;
                    }
                    throw e;
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        try {
                            s.execute(sql);
                        } catch (SQLException e) {
                            throw new SQLException("migration V" + version + " failed at: " + sql, e.getSQLState(), e);
                        }
                    }
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private void ensureVersionTable() throws SQLException {
        if (versionTableExists()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + VERSION_TABLE
                    + " (version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            // a node starting at the same time may have created it
            if (!versionTableExists()) {
                throw e;
            }
        }
    }

    private boolean versionTableExists() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + VERSION_TABLE)) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private String read(String script) {
        String path = "db/migration/" + script;
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the bundle: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** Splits a script into statements: line comments dropped, statements end with a semicolon. */
    static List<String> statements(String script) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\r?\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : text.toString().split(";")) {
            String sql = part.trim();
            if (!sql.isEmpty()) {
                statements.add(sql);
            }
        }
        return statements;
    }
}
