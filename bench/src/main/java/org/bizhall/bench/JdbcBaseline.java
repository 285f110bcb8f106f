package org.bizhall.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The physical limit: the database work of an account opening and of its payment done by plain JDBC on Derby embedded
 * in the bench JVM, in the platform's own schema (its migration scripts, copied into the jar at build time), one
 * transaction each, autocommit off, the default (durable) commit.
 * <p>
 * Each transaction makes the same row writes, in the same order, as the platform's code path for the same request
 * (idempotency key, engine, account-opening procedure, stores), and the main reads it makes: the authenticated
 * caller's staff and hall rows, the row locks ({@code FOR UPDATE WITH RS}, as Hibernate's Derby dialect writes a
 * pessimistic lock) and the reads around them. What it leaves out is everything that is not the database: HTTP, JSON,
 * JAAS, OSGi service calls, JPA's persistence context, the JTA transaction manager and the connection pool.
 */
final class JdbcBaseline implements AutoCloseable {
    /** Row writes of {@code POST /orders} (account opening): see {@link Worker#open}. */
    static final int OPENING_ROW_WRITES = 8;
    /** Row writes of {@code POST /orders/{id}/payments} on an opening without prestore: see {@link Worker#pay}. */
    static final int PAYMENT_ROW_WRITES = 19;

    static final String USER = "op-sn";
    static final String HALL = "SN-XA-001";
    static final String PROVINCE = "SN";
    static final String PROVIDER = "org.bizhall.procedure.opening/1.0.0";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    final Path dir;
    private final String url;
    private final boolean keep;
    private final List<Worker> workers = new ArrayList<>();

    private JdbcBaseline(Path dir, boolean keep) {
        this(dir, "jdbc:derby:" + dir.resolve("db"), keep);
    }

    private JdbcBaseline(Path dir, String url, boolean keep) {
        this.dir = dir;
        this.url = url;
        this.keep = keep;
    }

    /**
     * The same baseline on an empty database of a PostgreSQL server ({@code url} names it; the caller creates and
     * drops it): the platform's schema and the demo rows, as {@link #create} does on Derby.
     */
    static JdbcBaseline createOn(String url) throws IOException, SQLException {
        JdbcBaseline b = new JdbcBaseline(null, url, false);
        try (Connection c = DriverManager.getConnection(url)) {
            prepare(c, false);
        }
        return b;
    }

    /** Creates a fresh database under {@code workDir}, applies the platform's schema and loads the demo rows it needs. */
    static JdbcBaseline create(Path workDir, boolean keep) throws IOException, SQLException {
        Files.createDirectories(workDir);
        Path dir = Files.createTempDirectory(workDir, "bizhall-bench-jdbc-");
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        JdbcBaseline b = new JdbcBaseline(dir, keep);
        try (Connection c = DriverManager.getConnection(b.url + ";create=true")) {
            prepare(c, true);
        }
        return b;
    }

    /**
     * The platform's schema and the demo rows; on Derby also the page size its store creates tables with and the
     * identity ranges it sets at every start.
     */
    private static void prepare(Connection c, boolean derby) throws IOException, SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (derby) {
                // the pages the platform's store creates its tables with on Derby (Migrations.smallPages)
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '4096')");
            }
            for (String sql : schema(derby)) {
                s.execute(sql);
            }
            if (derby) {
                // the identity ranges the platform's store sets at every start on Derby (Migrations.identityRanges)
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.language.sequence.preallocator',"
                        + " '1000')");
                // and its plans checked against the tables' sizes as seldom (Migrations.planChecks)
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.language.stalePlanCheckInterval',"
                        + " '10000')");
            }
        }
        c.commit();
        seed(c);
    }

    /**
     * The platform's migration scripts V1, V2, ... as statements (line comments dropped, split at semicolons); those
     * named {@code *.derby.sql} on Derby only, as the store runs them.
     */
    static List<String> schema(boolean derby) throws IOException {
        List<String> statements = new ArrayList<>();
        for (String name : migrationScripts()) {
            if (name.endsWith(".derby.sql") && !derby) {
                continue;
            }
            String script;
            try (InputStream in = JdbcBaseline.class.getResourceAsStream("/db/migration/" + name)) {
                if (in == null) {
                    throw new IOException("cannot read db/migration/" + name);
                }
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            StringBuilder text = new StringBuilder();
            for (String line : script.split("\r?\n")) {
                if (!line.trim().startsWith("--")) {
                    text.append(line).append('\n');
                }
            }
            for (String part : text.toString().split(";")) {
                if (!part.isBlank()) {
                    statements.add(part.trim());
                }
            }
        }
        if (statements.isEmpty()) {
            throw new IOException("no schema script db/migration/V1__*.sql in the bench jar");
        }
        return statements;
    }

    /** The names {@code V<n>__<description>.sql} the build copied from the persistence bundle, by version. */
    static List<String> migrationScripts() throws IOException {
        Pattern name = Pattern.compile("V(\\d+)__\\w+(\\.derby)?\\.sql");
        List<String> names = new ArrayList<>();
        try {
            Path code = Path.of(JdbcBaseline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(code)) {
                try (Stream<Path> files = Files.list(code.resolve("db/migration"))) {
                    files.map(p -> p.getFileName().toString()).forEach(names::add);
                }
            } else {
                try (ZipFile jar = new ZipFile(code.toFile())) {
                    jar.stream().map(ZipEntry::getName).filter(n -> n.startsWith("db/migration/"))
                            .map(n -> n.substring("db/migration/".length())).forEach(names::add);
                }
            }
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the bench jar", e);
        }
        return names.stream().filter(n -> name.matcher(n).matches())
                .sorted(Comparator.comparingInt(n -> {
                    Matcher m = name.matcher(n);
                    m.matches();
                    return Integer.parseInt(m.group(1));
                })).toList();
    }

    /** The demo facts the opening touches: halls, op-sn's staff row, the MZONE-18 product, the SN and SX pools. */
    private static void seed(Connection c) throws SQLException {
        try (PreparedStatement hall = c.prepareStatement("INSERT INTO halls (id, name, province, kinds, county) VALUES (?,?,?,?,?)")) {
            Object[][] halls = {{"SN-XA-001", "西安雁塔营业厅", "SN", "SELF_OWNED,DESIGNATED,REDEMPTION"},
                    {"SN-XA-002", "西安合作营业厅", "SN", "PARTNER"}, {"SX-TY-001", "太原营业厅", "SX", "SELF_OWNED,DESIGNATED"}};
            for (Object[] h : halls) {
                hall.setString(1, (String) h[0]);
                hall.setString(2, (String) h[1]);
                hall.setString(3, (String) h[2]);
                hall.setString(4, (String) h[3]);
                hall.setBoolean(5, false);
                hall.addBatch();
            }
            hall.executeBatch();
        }
        try (PreparedStatement staff = c.prepareStatement("INSERT INTO staff (username, hall_id) VALUES (?,?)")) {
            staff.setString(1, USER);
            staff.setString(2, HALL);
            staff.executeUpdate();
        }
        try (PreparedStatement product = c.prepareStatement("INSERT INTO products (code, name, brand, monthly_rent_fen,"
                + " rent_kind, features) VALUES (?,?,?,?,?,?)")) {
            product.setString(1, "MZONE-18");
            product.setString(2, "动感地带18元套餐");
            product.setString(3, "动感地带");
            product.setLong(4, 1800);
            product.setString(5, "PACKAGE");
            product.setString(6, "");
            product.executeUpdate();
        }
        c.commit();
        try (PreparedStatement number = c.prepareStatement("INSERT INTO pool_numbers (msisdn, province, status,"
                + " prestore_fen) VALUES (?,?,'AVAILABLE',?)")) {
            String[][] segments = {{"1389180", "SN"}, {"1393510", "SX"}};
            for (String[] segment : segments) {
                for (int i = 0; i < 10_000; i++) {
                    String msisdn = segment[0] + String.format("%04d", i);
                    number.setString(1, msisdn);
                    number.setString(2, segment[1]);
                    number.setLong(3, prestore(msisdn));
                    number.addBatch();
                    if (i % 1000 == 999) {
                        number.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        c.commit();
    }

    static long prestore(String msisdn) {
        if (msisdn.endsWith("8888")) {
            return 20000;
        }
        if (msisdn.endsWith("888")) {
            return 10000;
        }
        return msisdn.endsWith("88") ? 5000 : 0;
    }

    /**
     * Adds the bench halls {@code SN-BENCH-01}… and their operators {@code bench-01}… (as the distribution's demo loader
     * and the bench add them, {@link HallsPhase}), so payments can be numbered in halls of their own.
     */
    void addBenchHalls(int halls) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement hall = c.prepareStatement("INSERT INTO halls (id, name, province, kinds, county)"
                    + " VALUES (?,?,'SN','SELF_OWNED',?)");
                    PreparedStatement staff = c.prepareStatement("INSERT INTO staff (username, hall_id) VALUES (?,?)")) {
                for (int i = 0; i < halls; i++) {
                    hall.setString(1, HallsPhase.hall(i));
                    hall.setString(2, "bench hall " + (i + 1));
                    hall.setBoolean(3, false);
                    hall.addBatch();
                    staff.setString(1, HallsPhase.user(i));
                    staff.setString(2, HallsPhase.hall(i));
                    staff.addBatch();
                }
                hall.executeBatch();
                staff.executeBatch();
            }
            c.commit();
        }
    }

    /** One connection per client thread, each with its statements prepared once. */
    Worker[] workers(int threads) throws SQLException {
        Worker[] w = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            w[t] = new Worker(DriverManager.getConnection(url));
            workers.add(w[t]);
        }
        return w;
    }

    /**
     * Closes the workers' connections and shuts the database down, its files kept: nothing of it (Derby's daemons,
     * its page cache, its connections) stays in the bench JVM while the platform is measured alone, in the many-halls
     * phase; {@link #workers} and {@link #addBenchHalls} open it again.
     */
    void pause() {
        for (Worker w : workers) {
            w.close();
        }
        workers.clear();
        if (dir == null) {
            return;
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby answers a database shutdown with SQLState 08006
        }
    }

    @Override
    public void close() {
        pause();
        if (dir != null && !keep) {
            KarafRun.deleteTree(dir);
        }
    }

    /** An order the opening left awaiting payment. */
    record Opened(String orderId, String msisdn, long dueFen) {
    }

    /** One client thread's connection and statements. */
    static final class Worker {
        private final Connection c;
        /** The hall and operator the next opening or payment is made in and by (receipts are numbered per hall). */
        private String hall = HALL;
        private String user = USER;
        private final PreparedStatement selStaff;
        private final PreparedStatement selHall;
        private final PreparedStatement selIdem;
        private final PreparedStatement insIdem;
        private final PreparedStatement updIdem;
        private final PreparedStatement selProduct;
        private final PreparedStatement searchNumbers;
        private final PreparedStatement countNumbers;
        private final PreparedStatement selNumber;
        private final PreparedStatement updHold;
        private final PreparedStatement updAssign;
        private final PreparedStatement selOrder;
        private final PreparedStatement lockOrder;
        private final PreparedStatement selOperator;
        private final PreparedStatement insOrder;
        private final PreparedStatement updOrder;
        private final PreparedStatement selHistory;
        private final PreparedStatement selMaxSeq;
        private final PreparedStatement insHistory;
        private final PreparedStatement insAudit;
        private final PreparedStatement lockHall;
        private final PreparedStatement lockCounter;
        private final PreparedStatement insCounter;
        private final PreparedStatement updCounter;
        private final PreparedStatement insReceipt;
        private final PreparedStatement countPayments;
        private final PreparedStatement insPayment;
        private final PreparedStatement insAccount;
        private final PreparedStatement lockAccount;
        private final PreparedStatement selAccount;
        private final PreparedStatement updAccount;
        private final PreparedStatement insLedger;
        private final PreparedStatement selSubscriber;
        private final PreparedStatement insSubscriber;

        Worker(Connection c) throws SQLException {
            this.c = c;
            c.setAutoCommit(false);
            // the row lock as Hibernate's dialect writes it: Derby's FOR UPDATE WITH RS, PostgreSQL's FOR UPDATE
            String forUpdate = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("derby") ? " FOR UPDATE WITH RS" : " FOR UPDATE";
            selStaff = c.prepareStatement("SELECT username, hall_id FROM staff WHERE username = ?");
            selHall = c.prepareStatement("SELECT id, name, province, kinds, county FROM halls WHERE id = ?");
            selIdem = c.prepareStatement("SELECT username, path, idem_key, request_hash, status, location, body,"
                    + " created_at FROM idempotency_keys WHERE username = ? AND path = ? AND idem_key = ?");
            insIdem = c.prepareStatement("INSERT INTO idempotency_keys (username, path, idem_key, request_hash,"
                    + " status, location, body, created_at) VALUES (?,?,?,?,?,?,?,?)");
            updIdem = c.prepareStatement("UPDATE idempotency_keys SET request_hash = ?, status = ?, location = ?,"
                    + " body = ?, created_at = ? WHERE username = ? AND path = ? AND idem_key = ?");
            selProduct = c.prepareStatement("SELECT code, name, brand, monthly_rent_fen, rent_kind, features"
                    + " FROM products WHERE code = ?");
            // the prefix as the platform searches it: a range of the key (JpaNumberPool.afterPrefix)
            String free = " FROM pool_numbers WHERE province = ? AND (status = 'AVAILABLE' OR (status = 'RESERVED'"
                    + " AND expires_at < ?)) AND msisdn >= ? AND msisdn < ?";
            // the page's numbers from the search index alone, then their rows (JpaNumberPool.available)
            searchNumbers = c.prepareStatement("SELECT msisdn" + free + " ORDER BY msisdn FETCH FIRST 1 ROWS ONLY");
            countNumbers = c.prepareStatement("SELECT COUNT(*)" + free);
            selNumber = c.prepareStatement("SELECT msisdn, province, status, reserved_by, order_id, expires_at,"
                    + " prestore_fen FROM pool_numbers WHERE msisdn = ?");
            updHold = c.prepareStatement("UPDATE pool_numbers SET status = 'RESERVED', reserved_by = ?, order_id = ?,"
                    + " expires_at = ? WHERE msisdn = ? AND (status = 'AVAILABLE' OR (status = 'RESERVED'"
                    + " AND expires_at < ?))");
            updAssign = c.prepareStatement("UPDATE pool_numbers SET status = 'ASSIGNED', expires_at = NULL"
                    + " WHERE msisdn = ? AND status = 'RESERVED' AND order_id = ? AND expires_at >= ?");
            String orderColumns = "id, procedure_id, provider, province, hall_id, operator, msisdn, customer_json,"
                    + " parties_json, documents_json, params_json, state, awaiting, quote_json, result_json,"
                    + " problem_code, problem_detail, created_at, updated_at";
            selOrder = c.prepareStatement("SELECT " + orderColumns + " FROM orders WHERE id = ?");
            lockOrder = c.prepareStatement("SELECT " + orderColumns + " FROM orders WHERE id = ?" + forUpdate);
            selOperator = c.prepareStatement("SELECT operator FROM orders WHERE id = ?");
            insOrder = c.prepareStatement("INSERT INTO orders (" + orderColumns
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            // Hibernate updates every column of a dirty entity (no dynamic update)
            updOrder = c.prepareStatement("UPDATE orders SET procedure_id = ?, provider = ?, province = ?,"
                    + " hall_id = ?, operator = ?, msisdn = ?, customer_json = ?, parties_json = ?, documents_json = ?,"
                    + " params_json = ?, state = ?, awaiting = ?, quote_json = ?, result_json = ?, problem_code = ?,"
                    + " problem_detail = ?, created_at = ?, updated_at = ? WHERE id = ?");
            selHistory = c.prepareStatement("SELECT order_id, seq, state, changed_at, actor, provider, note"
                    + " FROM order_history WHERE order_id = ? ORDER BY seq");
            selMaxSeq = c.prepareStatement("SELECT MAX(seq) FROM order_history WHERE order_id = ?");
            insHistory = c.prepareStatement("INSERT INTO order_history (order_id, seq, state, changed_at, actor,"
                    + " provider, note) VALUES (?,?,?,?,?,?,?)");
            insAudit = c.prepareStatement("INSERT INTO audit_log (occurred_at, actor, action, order_id, subject,"
                    + " amount_fen, detail) VALUES (?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS);
            lockHall = c.prepareStatement("SELECT id, name, province, kinds, county FROM halls WHERE id = ?"
                    + forUpdate);
            lockCounter = c.prepareStatement("SELECT hall_id, business_date, last_seq FROM receipt_counters"
                    + " WHERE hall_id = ? AND business_date = ?" + forUpdate);
            insCounter = c.prepareStatement("INSERT INTO receipt_counters (hall_id, business_date, last_seq)"
                    + " VALUES (?,?,0)");
            updCounter = c.prepareStatement("UPDATE receipt_counters SET last_seq = ? WHERE hall_id = ?"
                    + " AND business_date = ?");
            insReceipt = c.prepareStatement("INSERT INTO receipts (receipt_number, hall_id, operator, order_id,"
                    + " msisdn, pay_method, lines_json, total_fen, tendered_fen, change_fen, issued_at, business_date,"
                    + " reprints) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0)");
            countPayments = c.prepareStatement("SELECT COUNT(*) FROM payments WHERE order_id = ?");
            insPayment = c.prepareStatement("INSERT INTO payments (id, order_id, pay_method, due_fen, tendered_fen,"
                    + " change_fen, surplus_fen, receipt_number, hall_id, operator, paid_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?)");
            insAccount = c.prepareStatement("INSERT INTO accounts (account_type, province, holder_name, balance_fen,"
                    + " opened_at, order_id) VALUES (?,?,?,0,?,?)", Statement.RETURN_GENERATED_KEYS);
            lockAccount = c.prepareStatement("SELECT id, account_type, province, holder_name, balance_fen, opened_at,"
                    + " order_id FROM accounts WHERE id = ?" + forUpdate);
            selAccount = c.prepareStatement("SELECT id, account_type, province, holder_name, balance_fen, opened_at,"
                    + " order_id FROM accounts WHERE id = ?");
            updAccount = c.prepareStatement("UPDATE accounts SET account_type = ?, province = ?, holder_name = ?,"
                    + " balance_fen = ?, opened_at = ?, order_id = ? WHERE id = ?");
            insLedger = c.prepareStatement("INSERT INTO ledger_entries (account_id, kind, amount_fen,"
                    + " balance_after_fen, posted_at, order_id, note) VALUES (?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS);
            selSubscriber = c.prepareStatement("SELECT msisdn FROM subscribers WHERE msisdn = ?");
            insSubscriber = c.prepareStatement("INSERT INTO subscribers (msisdn, province, hall_id, status,"
                    + " holder_type, holder_name, holder_id_type, holder_id_number, holder_address, package_code,"
                    + " features, categories, account_id, password_hash, opened_at, updated_at, order_id)"
                    + " VALUES (?,?,?,'ACTIVE','PERSONAL',?,'ID_CARD',?,?,?,'','NORMAL',?,NULL,?,?,?)");
        }

        /** The platform's bound after a digit prefix: its last digit below 9 raised, what follows dropped. */
        private static String afterPrefix(String prefix) {
            int last = prefix.length() - 1;
            while (prefix.charAt(last) == '9') {
                last--; // the bench's prefixes begin with 1: never all nines
            }
            return prefix.substring(0, last) + (char) (prefix.charAt(last) + 1);
        }

        /**
         * {@code GET /numbers?prefix=...&limit=1}: the caller's rows, then the page's numbers, their rows and the count,
         * in a read-only transaction. Returns the first free number and its prestore, or null.
         */
        String[] search(String prefix) throws SQLException {
            caller();
            Timestamp now = now();
            String[] found = null;
            searchNumbers.setString(1, PROVINCE);
            searchNumbers.setTimestamp(2, now);
            searchNumbers.setString(3, prefix);
            searchNumbers.setString(4, afterPrefix(prefix));
            String first = null;
            try (ResultSet rs = searchNumbers.executeQuery()) {
                if (rs.next()) {
                    first = rs.getString(1);
                }
            }
            if (first != null) {
                selNumber.setString(1, first);
                try (ResultSet rs = selNumber.executeQuery()) {
                    if (rs.next()) {
                        found = new String[] {rs.getString(1), String.valueOf(rs.getLong(7))};
                    }
                }
            }
            countNumbers.setString(1, PROVINCE);
            countNumbers.setTimestamp(2, now);
            countNumbers.setString(3, prefix);
            countNumbers.setString(4, afterPrefix(prefix));
            drain(countNumbers);
            c.commit();
            return found;
        }

        /**
         * {@code POST /orders} for an account opening, one transaction. Row writes ({@value JdbcBaseline#OPENING_ROW_WRITES}):
         * idempotency key insert; number hold (pool_numbers update); order insert; two history rows (ACKNOWLEDGED,
         * PENDING_PAYMENT); two audit rows (ORDER_STATE each); idempotency key completion (update).
         */
        Opened open(String msisdn, long prestoreFen) throws SQLException {
            String orderId = UUID.randomUUID().toString();
            String path = "/api/v1/orders";
            String key = "bench-" + UUID.randomUUID();
            Timestamp now = now();
            try {
                caller();
                claimKey(path, key, now);
                hall();
                selProduct.setString(1, "MZONE-18");
                drain(selProduct);
                // the procedure: hold the number for the order
                selNumber.setString(1, msisdn);
                drain(selNumber);
                updHold.setString(1, user);
                updHold.setString(2, orderId);
                updHold.setTimestamp(3, Timestamp.from(now.toInstant().plus(30, ChronoUnit.MINUTES)));
                updHold.setString(4, msisdn);
                updHold.setTimestamp(5, now);
                if (updHold.executeUpdate() != 1) {
                    throw new SQLException("number " + msisdn + " was not free");
                }
                long due = prestoreFen + 10000; // deposit 100 yuan (the SIM card fee is waived from 100 yuan)
                // the engine: the order and its history (no read before: the primary key refuses an id that exists)
                int i = 1;
                insOrder.setString(i++, orderId);
                insOrder.setString(i++, "account-opening");
                insOrder.setString(i++, PROVIDER);
                insOrder.setString(i++, PROVINCE);
                insOrder.setString(i++, hall);
                insOrder.setString(i++, user);
                insOrder.setString(i++, msisdn);
                insOrder.setString(i++, Payloads.CUSTOMER);
                insOrder.setString(i++, "[]");
                insOrder.setString(i++, Payloads.DOCUMENTS);
                insOrder.setString(i++, Payloads.PARAMS);
                insOrder.setString(i++, "PENDING_PAYMENT");
                insOrder.setString(i++, "PAYMENT");
                insOrder.setString(i++, Payloads.quote(prestoreFen));
                insOrder.setString(i++, Payloads.QUOTED_RESULT);
                insOrder.setNull(i++, Types.VARCHAR);
                insOrder.setNull(i++, Types.VARCHAR);
                insOrder.setTimestamp(i++, now);
                insOrder.setTimestamp(i, now);
                insOrder.executeUpdate();
                history(orderId, 0, "ACKNOWLEDGED", now);
                history(orderId, 1, "PENDING_PAYMENT", now);
                audit(now, user, "ORDER_STATE", orderId, "ACKNOWLEDGED", null, "account-opening by " + PROVIDER);
                audit(now, user, "ORDER_STATE", orderId, "PENDING_PAYMENT", null, "account-opening by " + PROVIDER);
                completeKey(path, key, 201, "/api/v1/orders/" + orderId, Payloads.orderResponse(orderId, msisdn), now);
                c.commit();
                return new Opened(orderId, msisdn, due);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }

        /**
         * {@code POST /orders/{id}/payments} in cash on an opening, one transaction. Row writes
         * ({@value JdbcBaseline#PAYMENT_ROW_WRITES}, three more for a number that carries a prestore: its ledger entry,
         * balance update and audit row): idempotency key insert; receipt counter update; receipt insert; audit
         * RECEIPT_ISSUED; payment insert; audit PAYMENT_TAKEN; number assignment (pool_numbers update); account insert;
         * audit ACCOUNT_OPENED (account store); ledger entry DEPOSIT; account balance update; audit LEDGER_POSTED;
         * subscriber insert; audit SUBSCRIBER_REGISTERED; audit ACCOUNT_OPENED (procedure); order update; history row
         * COMPLETED; audit ORDER_STATE; idempotency key completion (update).
         */
        /** The next openings and payments are made in {@code hall} by its operator {@code user}. */
        Worker as(String hall, String user) {
            this.hall = hall;
            this.user = user;
            return this;
        }

        void pay(Opened o) throws SQLException {
            String path = "/api/v1/orders/" + o.orderId() + "/payments";
            String key = "bench-" + UUID.randomUUID();
            Timestamp now = now();
            long tendered = o.dueFen() + HttpBench.EXTRA_TENDERED_FEN;
            try {
                caller();
                claimKey(path, key, now);
                // the engine locks the order, reads it afresh and its history
                lockOrder.setString(1, o.orderId());
                drain(lockOrder);
                selOrder.setString(1, o.orderId());
                drain(selOrder);
                selHistory.setString(1, o.orderId());
                drain(selHistory);
                // the receipt: the hall row is the lock that numbers receipts; the day's counter row is read afresh
                lockHall.setString(1, hall);
                drain(lockHall);
                String day = LocalDate.ofInstant(now.toInstant(), ZONE).toString();
                int seq = nextReceiptSequence(day);
                String receipt = hall + "-" + day.replace("-", "") + "-" + String.format("%06d", seq);
                int i = 1;
                insReceipt.setString(i++, receipt);
                insReceipt.setString(i++, hall);
                insReceipt.setString(i++, user);
                insReceipt.setString(i++, o.orderId());
                insReceipt.setString(i++, o.msisdn());
                insReceipt.setString(i++, "CASH");
                insReceipt.setString(i++, Payloads.receiptLines(o.dueFen() - 10000));
                insReceipt.setLong(i++, o.dueFen());
                insReceipt.setLong(i++, tendered);
                insReceipt.setLong(i++, tendered - o.dueFen());
                insReceipt.setTimestamp(i++, now);
                insReceipt.setString(i, day);
                insReceipt.executeUpdate();
                audit(now, user, "RECEIPT_ISSUED", o.orderId(), receipt, o.dueFen(), "CASH");
                // one payment per order
                countPayments.setString(1, o.orderId());
                drain(countPayments);
                i = 1;
                insPayment.setString(i++, UUID.randomUUID().toString());
                insPayment.setString(i++, o.orderId());
                insPayment.setString(i++, "CASH");
                insPayment.setLong(i++, o.dueFen());
                insPayment.setLong(i++, tendered);
                insPayment.setLong(i++, tendered - o.dueFen());
                insPayment.setLong(i++, 0);
                insPayment.setString(i++, receipt);
                insPayment.setString(i++, hall);
                insPayment.setString(i++, user);
                insPayment.setTimestamp(i, now);
                insPayment.executeUpdate();
                audit(now, user, "PAYMENT_TAKEN", o.orderId(), "CASH", o.dueFen(), "receipt " + receipt);
                // the procedure executes: number, account, deposit, subscriber
                hall();
                updAssign.setString(1, o.msisdn());
                updAssign.setString(2, o.orderId());
                updAssign.setTimestamp(3, now);
                if (updAssign.executeUpdate() != 1) {
                    throw new SQLException("number " + o.msisdn() + " is not held for order " + o.orderId());
                }
                long accountId = openAccount(o.orderId(), now);
                long balance = post(accountId, "DEPOSIT", o.dueFen() - prestoreOf(o), o.orderId(), now);
                if (prestoreOf(o) > 0) {
                    balance = post(accountId, "PRESTORE", prestoreOf(o), o.orderId(), now);
                }
                selSubscriber.setString(1, o.msisdn());
                drain(selSubscriber);
                i = 1;
                insSubscriber.setString(i++, o.msisdn());
                insSubscriber.setString(i++, PROVINCE);
                insSubscriber.setString(i++, hall);
                insSubscriber.setString(i++, "张三");
                insSubscriber.setString(i++, HttpBench.ID_NUMBER);
                insSubscriber.setString(i++, "陕西省西安市雁塔区科技路1号");
                insSubscriber.setString(i++, "MZONE-18");
                insSubscriber.setLong(i++, accountId);
                insSubscriber.setTimestamp(i++, now);
                insSubscriber.setTimestamp(i++, now);
                insSubscriber.setString(i, o.orderId());
                insSubscriber.executeUpdate();
                audit(now, null, "SUBSCRIBER_REGISTERED", o.orderId(), o.msisdn(), null, "package MZONE-18");
                selAccount.setLong(1, accountId);
                drain(selAccount);
                audit(now, user, "ACCOUNT_OPENED", o.orderId(), o.msisdn(), balance,
                        "account " + accountId + ", CASH_PREPAID, package MZONE-18");
                // the engine: the order completes
                i = 1;
                updOrder.setString(i++, "account-opening");
                updOrder.setString(i++, PROVIDER);
                updOrder.setString(i++, PROVINCE);
                updOrder.setString(i++, hall);
                updOrder.setString(i++, user);
                updOrder.setString(i++, o.msisdn());
                updOrder.setString(i++, Payloads.CUSTOMER);
                updOrder.setString(i++, "[]");
                updOrder.setString(i++, Payloads.DOCUMENTS);
                updOrder.setString(i++, Payloads.PARAMS);
                updOrder.setString(i++, "COMPLETED");
                updOrder.setNull(i++, Types.VARCHAR);
                updOrder.setString(i++, Payloads.quote(prestoreOf(o)));
                updOrder.setString(i++, Payloads.completedResult(o.msisdn(), accountId, balance));
                updOrder.setNull(i++, Types.VARCHAR);
                updOrder.setNull(i++, Types.VARCHAR);
                updOrder.setTimestamp(i++, now);
                updOrder.setTimestamp(i++, now);
                updOrder.setString(i, o.orderId());
                updOrder.executeUpdate();
                selMaxSeq.setString(1, o.orderId());
                drain(selMaxSeq);
                history(o.orderId(), 2, "COMPLETED", now);
                audit(now, user, "ORDER_STATE", o.orderId(), "COMPLETED", null, "account-opening by " + PROVIDER);
                completeKey(path, key, 201, path, Payloads.paymentResponse(o.orderId(), receipt), now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }

        private static long prestoreOf(Opened o) {
            return o.dueFen() - 10000;
        }

        private int nextReceiptSequence(String day) throws SQLException {
            lockCounter.setString(1, hall);
            lockCounter.setString(2, day);
            int last = -1;
            try (ResultSet rs = lockCounter.executeQuery()) {
                if (rs.next()) {
                    last = rs.getInt(3);
                }
            }
            if (last < 0) {
                insCounter.setString(1, hall);
                insCounter.setString(2, day);
                insCounter.executeUpdate();
                last = 0;
            }
            updCounter.setInt(1, last + 1);
            updCounter.setString(2, hall);
            updCounter.setString(3, day);
            updCounter.executeUpdate();
            return last + 1;
        }

        private long openAccount(String orderId, Timestamp now) throws SQLException {
            insAccount.setString(1, "CASH_PREPAID");
            insAccount.setString(2, PROVINCE);
            insAccount.setString(3, "张三");
            insAccount.setTimestamp(4, now);
            insAccount.setString(5, orderId);
            insAccount.executeUpdate();
            long id;
            try (ResultSet keys = insAccount.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            actor(orderId);
            audit(now, user, "ACCOUNT_OPENED", orderId, "account " + id, null, "CASH_PREPAID");
            return id;
        }

        /** A ledger posting under the account row lock; returns the new balance. */
        private long post(long accountId, String kind, long amountFen, String orderId, Timestamp now) throws SQLException {
            lockAccount.setLong(1, accountId);
            long balance;
            try (ResultSet rs = lockAccount.executeQuery()) {
                rs.next();
                balance = rs.getLong(5);
            }
            selAccount.setLong(1, accountId);
            drain(selAccount);
            long after = balance + amountFen;
            insLedger.setLong(1, accountId);
            insLedger.setString(2, kind);
            insLedger.setLong(3, amountFen);
            insLedger.setLong(4, after);
            insLedger.setTimestamp(5, now);
            insLedger.setString(6, orderId);
            insLedger.setString(7, "预存话费");
            insLedger.executeUpdate();
            drain(insLedger.getGeneratedKeys());
            actor(orderId);
            audit(now, user, "LEDGER_POSTED", orderId, "account " + accountId, amountFen, kind);
            updAccount.setString(1, "CASH_PREPAID");
            updAccount.setString(2, PROVINCE);
            updAccount.setString(3, "张三");
            updAccount.setLong(4, after);
            updAccount.setTimestamp(5, now);
            updAccount.setString(6, orderId);
            updAccount.setLong(7, accountId);
            updAccount.executeUpdate();
            return after;
        }

        /** The authenticated caller: the user's staff row and its hall. */
        private void caller() throws SQLException {
            selStaff.setString(1, user);
            drain(selStaff);
            hall();
        }

        private void hall() throws SQLException {
            selHall.setString(1, hall);
            drain(selHall);
        }

        private void actor(String orderId) throws SQLException {
            selOperator.setString(1, orderId);
            drain(selOperator);
        }

        private void claimKey(String path, String key, Timestamp now) throws SQLException {
            for (int n = 0; n < 2; n++) { // the lookup for a first answer, then the claim's own check
                selIdem.setString(1, user);
                selIdem.setString(2, path);
                selIdem.setString(3, key);
                drain(selIdem);
            }
            insIdem.setString(1, user);
            insIdem.setString(2, path);
            insIdem.setString(3, key);
            insIdem.setString(4, Payloads.HASH);
            insIdem.setNull(5, Types.INTEGER);
            insIdem.setNull(6, Types.VARCHAR);
            insIdem.setNull(7, Types.VARCHAR);
            insIdem.setTimestamp(8, now);
            insIdem.executeUpdate();
        }

        private void completeKey(String path, String key, int status, String location, String body, Timestamp now)
                throws SQLException {
            updIdem.setString(1, Payloads.HASH);
            updIdem.setInt(2, status);
            updIdem.setString(3, location);
            updIdem.setString(4, body);
            updIdem.setTimestamp(5, now);
            updIdem.setString(6, user);
            updIdem.setString(7, path);
            updIdem.setString(8, key);
            updIdem.executeUpdate();
        }

        private void history(String orderId, int seq, String state, Timestamp now) throws SQLException {
            insHistory.setString(1, orderId);
            insHistory.setInt(2, seq);
            insHistory.setString(3, state);
            insHistory.setTimestamp(4, now);
            insHistory.setString(5, user);
            insHistory.setString(6, PROVIDER);
            insHistory.setNull(7, Types.VARCHAR);
            insHistory.executeUpdate();
        }

        private void audit(Timestamp at, String actor, String action, String orderId, String subject, Long amountFen,
                String detail) throws SQLException {
            insAudit.setTimestamp(1, at);
            insAudit.setString(2, actor == null ? "system" : actor);
            insAudit.setString(3, action);
            insAudit.setString(4, orderId);
            insAudit.setString(5, subject);
            if (amountFen == null) {
                insAudit.setNull(6, Types.BIGINT);
            } else {
                insAudit.setLong(6, amountFen);
            }
            insAudit.setString(7, detail);
            insAudit.executeUpdate();
            drain(insAudit.getGeneratedKeys());
        }

        private static Timestamp now() {
            return Timestamp.from(Instant.now());
        }

        private static void drain(PreparedStatement query) throws SQLException {
            drain(query.executeQuery());
        }

        private static void drain(ResultSet rs) throws SQLException {
            try (rs) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int col = 1; col <= columns; col++) {
                        rs.getObject(col);
                    }
                }
            }
        }

        void close() {
            try {
                c.rollback();
                c.close();
            } catch (SQLException e) {
                // closing at the end of the run; nothing left to keep
            }
        }
    }

    /** Stored texts of the sizes and shapes the platform writes (JSON of the order, the quote, the answer). */
    static final class Payloads {
        static final String HASH = "9f2c4d0b1f6a3e8d7c5b4a3928171605f4e3d2c1b0a99887766554433221100f";
        static final String CUSTOMER = "{\"type\":\"PERSONAL\",\"name\":\"张三\",\"idType\":\"ID_CARD\","
                + "\"idNumber\":\"11010519491231002X\",\"address\":\"陕西省西安市雁塔区科技路1号\"}";
        static final String DOCUMENTS = "[{\"kind\":\"HOLDER_ID\",\"number\":\"11010519491231002X\",\"sealed\":null}]";
        static final String PARAMS = "{\"package\":\"MZONE-18\"}";
        static final String QUOTED_RESULT = "{\"accountType\":\"CASH_PREPAID\",\"depositFen\":10000,\"prestoreFen\":0,"
                + "\"intlRoamingDepositFen\":0,\"simCardFeeFen\":0,\"simCardFeeWaived\":true,\"package\":\"MZONE-18\","
                + "\"packageName\":\"动感地带18元套餐\",\"monthlyRentFen\":1800,\"firstMonthRentFen\":1800,\"features\":[],"
                + "\"reservationExpiresAt\":\"2026-11-22T10:30:00.000+08:00\"}";
        private static final String ADVICE = ",\"servicePasswordSet\":false,\"servicePasswordAdvice\":\"建议设置服务密码："
                + "服务密码可代替身份证件在营业厅、10086、网上营业厅办理许多简单业务。 Suggest setting a service password: it"
                + " replaces the ID card for simple services.\",\"agreementSignatures\":3,\"receiptAdvice\":"
                + "\"请提醒客户索取收费凭证，预存款提供收据。\",\"satisfactionSurvey\":\"【满意度测评】您好！您刚刚在营业厅办理了新开户业务，"
                + "如对我们的服务满意，请回复10。本短信免费。\"}";

        private Payloads() {
        }

        static String quote(long prestoreFen) {
            String prestore = prestoreFen > 0 ? "{\"code\":\"PRESTORE\",\"description\":\"号码预存款\",\"amountFen\":"
                    + prestoreFen + "}," : "";
            return "{\"items\":[" + prestore + "{\"code\":\"DEPOSIT\",\"description\":\"预存话费\",\"amountFen\":10000},"
                    + "{\"code\":\"SIM_CARD\",\"description\":\"SIM卡费（预存话费满100元免收 waived）\",\"amountFen\":0}],"
                    + "\"totalFen\":" + (prestoreFen + 10000) + "}";
        }

        static String receiptLines(long prestoreFen) {
            return quote(prestoreFen);
        }

        static String completedResult(String msisdn, long accountId, long balance) {
            return QUOTED_RESULT.substring(0, QUOTED_RESULT.length() - 1) + ",\"msisdn\":\"" + msisdn
                    + "\",\"accountId\":" + accountId + ",\"balanceFen\":" + balance + ADVICE;
        }

        static String orderResponse(String orderId, String msisdn) {
            return "{\"id\":\"" + orderId + "\",\"procedure\":\"account-opening\",\"provider\":\"" + PROVIDER
                    + "\",\"province\":\"SN\",\"hall\":\"SN-XA-001\",\"operator\":\"op-sn\",\"msisdn\":\"" + msisdn
                    + "\",\"customer\":{\"type\":\"PERSONAL\",\"name\":\"张*\",\"idType\":\"ID_CARD\",\"idNumber\":"
                    + "\"**************002X\",\"address\":\"***\"},\"parties\":[],\"documents\":" + DOCUMENTS
                    + ",\"params\":" + PARAMS + ",\"state\":\"PENDING_PAYMENT\",\"awaiting\":\"PAYMENT\",\"quote\":"
                    + quote(0) + ",\"result\":" + QUOTED_RESULT + ",\"problem\":null,\"createdAt\":"
                    + "\"2026-11-22T10:00:00.000+08:00\",\"updatedAt\":\"2026-11-22T10:00:00.000+08:00\",\"history\":["
                    + "{\"state\":\"ACKNOWLEDGED\",\"at\":\"2026-11-22T10:00:00.000+08:00\",\"actor\":\"op-sn\","
                    + "\"provider\":\"" + PROVIDER + "\",\"note\":null},{\"state\":\"PENDING_PAYMENT\",\"at\":"
                    + "\"2026-11-22T10:00:00.000+08:00\",\"actor\":\"op-sn\",\"provider\":\"" + PROVIDER
                    + "\",\"note\":null}]}";
        }

        static String paymentResponse(String orderId, String receipt) {
            return "{\"id\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + orderId + "\",\"method\":\"CASH\","
                    + "\"dueFen\":10000,\"tenderedFen\":12000,\"changeFen\":2000,\"surplusFen\":0,\"receipt\":"
                    + "{\"number\":\"" + receipt + "\"},\"hall\":\"SN-XA-001\",\"operator\":\"op-sn\",\"at\":"
                    + "\"2026-11-22T10:00:00.000+08:00\"}";
        }
    }

    /**
     * One opening of the baseline as a load task: each thread searches its own block of numbers (as the HTTP
     * openings do) and opens the first free one; what it opened waits in {@code opened} for a payment.
     */
    static Load.Task openings(Worker[] workers, HttpBench.NumberCursor[] cursors, java.util.Queue<Opened> opened) {
        return (thread, index, lat) -> {
            Worker w = workers[thread];
            String[] number;
            while ((number = lat.time("number search", () -> w.search(cursors[thread].prefix()))) == null) {
                if (!cursors[thread].advance()) {
                    throw new IllegalStateException("the number segment is used up");
                }
            }
            String[] chosen = number;
            opened.add(lat.time("opening transaction", () -> w.open(chosen[0], Long.parseLong(chosen[1]))));
        };
    }

    /** One payment of the baseline as a load task: pays the next opening waiting in {@code opened}. */
    static Load.Task payments(Worker[] workers, java.util.Queue<Opened> opened) {
        return (thread, index, lat) -> {
            Opened order = opened.poll();
            if (order == null) {
                throw new IllegalStateException("no opened order left to pay");
            }
            lat.time("payment transaction", () -> {
                workers[thread].pay(order);
                return null;
            });
        };
    }
}
