package org.bizhall.itest.multinode;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bizhall.testing.process.KarafInstance;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Two copies of the built distribution on one PostgreSQL, as {@code docs/operations.md} ("Several nodes on one
 * PostgreSQL") deploys them: each unpacked into its own directory with its own ports, configured only through its {@code etc/} files (the
 * PostgreSQL store feature at boot, the same datasource, the same service-password pepper, a node name for the
 * scheduler), both started at the same moment on an empty database. Then, over real HTTP against both nodes at once:
 * one winner among 50 reservations of one number, one payment for one idempotency key, a due scheduled order carried
 * out once, and a payment taken on one node read on the other.
 *
 * <p>Needs {@code -Dbizhall.test.postgres=jdbc:postgresql://HOST:PORT/DB?user=…} of a server where that user may
 * create databases (the test creates a fresh one and drops it); {@code .ci/run} starts a throwaway PostgreSQL and passes
 * it. Without the property the test is skipped. The Karaf JVMs are killed and their directories removed whatever
 * happens; the logs are kept under {@code target/multinode/logs}.
 */
public class TwoNodesOnePostgresTest {
    static final String PROPERTY = "bizhall.test.postgres";
    private static final Path WORK = Path.of("target", "multinode").toAbsolutePath();
    private static final Duration BOOT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** The demo's free subscriber (README): its holder may change its package. */
    private static final String FREE_MSISDN = "13891810001";
    private static final String FREE_HOLDER = "王芳";
    private static final String FREE_ID = "610103198003150026";
    /** The holder of the accounts the test opens. */
    private static final String OPENING_HOLDER = "张三";
    private static final String OPENING_ID = "11010519491231002X";

    private static String adminUrl;
    private static String databaseName;
    private static String nodeUrl;
    private static final List<KarafInstance> NODES = new ArrayList<>();
    private static KarafInstance a;
    private static KarafInstance b;
    private static Thread killer;
    /** Per node, how many lines its log had when it first answered healthy. */
    private static final Map<String, Integer> LOG_AT_HEALTH = new java.util.HashMap<>();

    @BeforeClass
    public static void twoNodesBootTogetherOnAnEmptyDatabase() throws Exception {
        adminUrl = System.getProperty(PROPERTY);
        if (adminUrl == null || adminUrl.isBlank()) {
            System.out.println("TwoNodesOnePostgresTest skipped: no PostgreSQL given (-D" + PROPERTY
                    + "=jdbc:postgresql://HOST:PORT/DB?user=…; .ci/run starts one and passes it)");
        }
        Assume.assumeTrue("no PostgreSQL given: -D" + PROPERTY + "=jdbc:postgresql://… (.ci/run passes one)",
                adminUrl != null && !adminUrl.isBlank());
        killer = new Thread(() -> NODES.forEach(KarafInstance::killAll), "kill-multinode-karafs");
        Runtime.getRuntime().addShutdownHook(killer);
        databaseName = "bizhall_nodes_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + databaseName);
        }
        nodeUrl = withDatabase(adminUrl, databaseName);

        Path tarGz = Path.of(System.getProperty("bizhall.distribution", "../../karaf-distribution/target/"
                + "karaf-distribution-1.0.0-SNAPSHOT.tar.gz")).toAbsolutePath();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String pepper = Base64.getEncoder().encodeToString(secret);
        a = node("node-a", tarGz, pepper);
        b = node("node-b", tarGz, pepper);
        // both at once: the migrations, the demo data and the recurring jobs meet on the empty database
        a.start(Map.of("EXTRA_JAVA_OPTS", "-Xmx384m"), false);
        b.start(Map.of("EXTRA_JAVA_OPTS", "-Xmx384m"), false);
        a.awaitHealthy(HTTP, base(a), basic("op-sn"), BOOT);
        LOG_AT_HEALTH.put(a.name(), a.karafLog().size());
        b.awaitHealthy(HTTP, base(b), basic("op-sn"), BOOT);
        LOG_AT_HEALTH.put(b.name(), b.karafLog().size());
        // every user of the test signs in once on each node: the first bcrypt check is slow on purpose
        for (KarafInstance node : NODES) {
            for (String user : List.of("op-sn", "op-sn2", "mgr-sn", "admin")) {
                assertEquals(user, 200, get(node, user, "/me").statusCode());
            }
        }
    }

    /** One unpacked copy configured as docs/operations.md tells an operator to configure every node of a group. */
    private static KarafInstance node(String name, Path tarGz, String pepper) throws Exception {
        KarafInstance node = KarafInstance.unpack(name, tarGz, WORK, name);
        NODES.add(node);
        node.movePorts(true);
        node.addBootFeature("bizhall-store-postgresql");
        String ds = "org.ops4j.datasource-bizhall.cfg";
        node.set(ds, "osgi.jdbc.driver.name", "PostgreSQL JDBC Driver");
        node.set(ds, "url", nodeUrl);
        node.set("org.bizhall.security.cfg", "servicePassword.pepper", pepper);
        node.set("org.bizhall.scheduler.cfg", "node", name);
        return node;
    }

    /**
     * Stops both nodes and drops the database; fails the class when a node's log holds a name or ID number the test
     * sent (docs/operations.md, "Logs": a failed statement on PostgreSQL quotes the values it was given).
     */
    @AfterClass
    public static void stopAndCleanUp() throws Exception {
        List<String> leaks = new ArrayList<>();
        try {
            for (KarafInstance node : NODES) {
                if (Files.isRegularFile(node.karafLogFile())) {
                    String log = new String(Files.readAllBytes(node.karafLogFile()), StandardCharsets.UTF_8);
                    for (String personal : List.of(FREE_HOLDER, FREE_ID, OPENING_HOLDER, OPENING_ID)) {
                        if (log.contains(personal)) {
                            leaks.add(node.name() + " logged " + personal);
                        }
                    }
                }
            }
            for (KarafInstance node : NODES) {
                try {
                    node.terminate(Duration.ofSeconds(40));
                } finally {
                    node.killAll();
                    keepLogs(node);
                    node.deleteDirectory();
                }
            }
        } finally {
            NODES.clear();
            if (killer != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(killer);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook runs anyway
                }
            }
            if (databaseName != null) {
                try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + databaseName);
                }
            }
        }
        assertTrue("personal data in the logs: " + leaks, leaks.isEmpty());
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    public void theSchemaAndTheDemoDataWereMadeOnceAndNeitherNodeLoggedAnError() throws Exception {
        long scripts;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("bizhall.migrations",
                "../../bundles/bizhall-persistence/src/main/resources/db/migration")))) {
            scripts = files.filter(p -> p.getFileName().toString().matches("V\\d+__\\w+(\\.derby)?\\.sql")).count();
        }
        assertEquals("each migration recorded once", scripts, count("SELECT COUNT(DISTINCT version) FROM "
                + "bizhall_schema_version"));
        assertEquals(scripts, count("SELECT COUNT(*) FROM bizhall_schema_version"));
        // the demo data is one transaction: had both nodes loaded it, each demo subscriber would have two accounts
        assertEquals("the demo subscribers' accounts", count("SELECT COUNT(*) FROM subscribers WHERE msisdn LIKE "
                + "'1389181000%'"), count("SELECT COUNT(*) FROM accounts WHERE id IN (SELECT account_id FROM "
                + "subscribers WHERE msisdn LIKE '1389181000%')"));
        assertEquals("one demo load", 1, count("SELECT COUNT(*) FROM ledger_entries WHERE account_id = (SELECT "
                + "account_id FROM subscribers WHERE msisdn = '" + FREE_MSISDN + "') AND order_id IS NULL AND kind = "
                + "'DEPOSIT'"));
        long loaders = 0;
        for (KarafInstance node : NODES) {
            List<String> log = node.karafLog();
            loaders += log.stream().filter(l -> l.contains("demo data loaded:")).count();
            int healthy = LOG_AT_HEALTH.getOrDefault(node.name(), 0);
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < log.size(); i++) {
                String line = log.get(i);
                // a request of the health probe while the JAX-RS whiteboard still publishes the API (docs/operations.md,
                // "Logs") fails on a Jetty thread; any other ERROR, and any after the start, counts
                boolean probeDuringStart = i < healthy && line.contains("| qtp");
                if (line.contains("| ERROR |") && !probeDuringStart) {
                    errors.add(line.length() > 300 ? line.substring(0, 300) : line);
                }
            }
            assertTrue(node.name() + " logged errors: " + errors, errors.isEmpty());
        }
        assertEquals("exactly one node loaded the demo data", 1, loaders);
    }

    @Test
    public void fiftyConcurrentReservationsOfOneNumberAcrossBothNodesHaveOneWinner() throws Exception {
        JsonNode numbers = json(get(a, "op-sn", "/numbers?prefix=13891809&limit=1"), 200);
        assertTrue(numbers.toString(), numbers.size() == 1);
        String msisdn = numbers.get(0).path("msisdn").asText();
        String[] users = {"op-sn", "op-sn2", "mgr-sn"};
        List<HttpResponse<String>> answers = atOnce(50, i -> post(i % 2 == 0 ? a : b, users[i % users.length],
                "/numbers/" + msisdn + "/reservations", JSON.createObjectNode(), "reserve-" + UUID.randomUUID()));
        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode,
                TreeMap::new, Collectors.counting()));
        assertEquals("answers by status: " + byStatus, Long.valueOf(1), byStatus.get(201));
        assertEquals("answers by status: " + byStatus, Long.valueOf(49), byStatus.get(409));
        for (HttpResponse<String> r : answers) {
            if (r.statusCode() == 409) {
                assertEquals(r.body(), "NUMBER_RESERVED", JSON.readTree(r.body()).path("code").asText());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            }
        }
        HttpResponse<String> won = answers.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow();
        assertEquals(msisdn, JSON.readTree(won.body()).path("msisdn").asText());
        assertEquals(1, count("SELECT COUNT(*) FROM pool_numbers WHERE msisdn = '" + msisdn + "' AND reserved_by IS "
                + "NOT NULL"));
        // neither node offers it any more
        for (KarafInstance node : NODES) {
            JsonNode listed = json(get(node, "op-sn", "/numbers?prefix=" + msisdn + "&limit=5"), 200);
            assertEquals(node.name() + " still lists " + msisdn + ": " + listed, 0, listed.size());
        }
    }

    @Test
    public void oneIdempotencyKeySentToBothNodesAtOnceMakesOnePayment() throws Exception {
        JsonNode order = json(post(a, "op-sn", "/orders", billPayment(FREE_MSISDN, 5000), key()), 201);
        String id = order.path("id").asText();
        long accountId = json(get(a, "op-sn", "/subscribers/" + FREE_MSISDN), 200).path("accountId").asLong();
        long balanceBefore = json(get(b, "op-sn", "/accounts/" + accountId), 200).path("balanceFen").asLong();
        String key = key();
        ObjectNode cash = JSON.createObjectNode().put("method", "CASH").put("tenderedFen", 6000);
        List<HttpResponse<String>> answers = atOnce(8, i -> post(i % 2 == 0 ? a : b, "op-sn",
                "/orders/" + id + "/payments", cash, key));
        List<String> receipts = new ArrayList<>();
        for (HttpResponse<String> r : answers) {
            if (r.statusCode() == 201) {
                receipts.add(JSON.readTree(r.body()).path("receipt").path("number").asText());
            } else {
                // a copy that arrives while the first is still being processed is told so; nothing is done twice
                assertEquals(r.body(), 409, r.statusCode());
                assertEquals(r.body(), "IDEMPOTENCY_KEY_IN_USE", JSON.readTree(r.body()).path("code").asText());
            }
        }
        assertFalse("no copy was answered 201: " + answers.stream().map(HttpResponse::body).toList(),
                receipts.isEmpty());
        assertEquals("every 201 names the same receipt: " + receipts, 1, receipts.stream().distinct().count());
        String receipt = receipts.get(0);
        // a retry afterwards, on either node, replays the first answer
        for (KarafInstance node : NODES) {
            HttpResponse<String> again = post(node, "op-sn", "/orders/" + id + "/payments", cash, key);
            assertEquals(again.body(), 201, again.statusCode());
            assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
            assertEquals(receipt, JSON.readTree(again.body()).path("receipt").path("number").asText());
        }
        assertEquals("payments", 1, count("SELECT COUNT(*) FROM payments WHERE order_id = '" + id + "'"));
        assertEquals("receipts", 1, count("SELECT COUNT(*) FROM receipts WHERE order_id = '" + id + "'"));
        assertEquals("ledger entries", 1, count("SELECT COUNT(*) FROM ledger_entries WHERE order_id = '" + id + "'"));
        JsonNode ledger = json(get(b, "op-sn", "/accounts/" + accountId + "/ledger?limit=500"), 200);
        long entries = 0;
        for (JsonNode e : ledger) {
            if (id.equals(e.path("orderId").asText())) {
                entries++;
                assertEquals(e.toString(), 5000, e.path("amountFen").asLong());
            }
        }
        assertEquals("ledger entries of the order on node B", 1, entries);
        assertEquals(balanceBefore + 5000, json(get(b, "op-sn", "/accounts/" + accountId), 200).path("balanceFen")
                .asLong());
    }

    @Test
    public void aPaymentTakenOnNodeAIsReadOnNodeB() throws Exception {
        JsonNode numbers = json(get(a, "op-sn", "/numbers?prefix=13891808&limit=1"), 200);
        String msisdn = numbers.get(0).path("msisdn").asText();
        JsonNode order = json(post(a, "op-sn", "/orders", opening(msisdn), key()), 201);
        String id = order.path("id").asText();
        long due = order.path("quote").path("totalFen").asLong();
        JsonNode payment = json(post(a, "op-sn", "/orders/" + id + "/payments", JSON.createObjectNode()
                .put("method", "CASH").put("tenderedFen", due + 2000), key()), 201);
        String receipt = payment.path("receipt").path("number").asText();
        assertFalse(payment.toString(), receipt.isEmpty());

        JsonNode onB = json(get(b, "op-sn", "/orders/" + id), 200);
        assertEquals(onB.toString(), "COMPLETED", onB.path("state").asText());
        JsonNode payments = json(get(b, "op-sn", "/orders/" + id + "/payments"), 200);
        assertEquals(payments.toString(), 1, payments.size());
        assertEquals(receipt, payments.get(0).path("receipt").path("number").asText());
        JsonNode printed = json(get(b, "op-sn", "/receipts/" + receipt), 200);
        assertEquals(printed.toString(), due, printed.path("totalFen").asLong());
        JsonNode subscriber = json(get(b, "op-sn", "/subscribers/" + msisdn), 200);
        assertEquals(subscriber.toString(), "ACTIVE", subscriber.path("status").asText());
        long balance = json(get(b, "op-sn", "/accounts/" + subscriber.path("accountId").asLong()), 200)
                .path("balanceFen").asLong();
        assertTrue("balance " + balance, balance > 0);
    }

    /**
     * A package change waits for the month's turn; both nodes' business clocks are moved past it at once (the clock
     * is each node's own, so a group moves every node's, see docs/operations.md) and both schedulers look for due
     * work: the order is carried out by one node, once.
     */
    @Test
    public void aDueScheduledOrderIsCarriedOutOnceByOneNode() throws Exception {
        JsonNode order = json(post(a, "op-sn", "/orders", packageChange(FREE_MSISDN, FREE_HOLDER, FREE_ID,
                "MZONE-18"), key()), 201);
        String id = order.path("id").asText();
        assertEquals(order.toString(), "SCHEDULED", order.path("state").asText());
        OffsetDateTime due = OffsetDateTime.parse(order.path("result").path("dueAt").asText());
        String moved = due.plusMinutes(30).toString();
        List<HttpResponse<String>> clocks = atOnce(2, i -> put(NODES.get(i), "admin", "/admin/clock",
                JSON.createObjectNode().put("now", moved)));
        for (HttpResponse<String> r : clocks) {
            assertEquals(r.body(), 200, r.statusCode());
        }
        JsonNode done = await("the package change is carried out", () -> get(b, "op-sn", "/orders/" + id),
                r -> r.statusCode() == 200 && "COMPLETED".equals(readQuietly(r).path("state").asText()));
        long completions = 0;
        for (JsonNode h : done.path("history")) {
            if ("COMPLETED".equals(h.path("state").asText())) {
                completions++;
            }
        }
        assertEquals(done.toString(), 1, completions);
        assertEquals("MZONE-18", json(get(a, "op-sn", "/subscribers/" + FREE_MSISDN), 200).path("package").asText());
        // the order's job row goes with the order's waiting state; each node logs every job it ran
        Map<String, List<String>> ranBy = jobsDone();
        assertEquals("nodes that ran the order's date: " + ranBy, 1, ranBy.entrySet().stream()
                .filter(e -> e.getKey().contains("ORDER_DATE " + id + " ")).mapToInt(e -> e.getValue().size()).sum());
        ranBy.forEach((job, nodes) -> assertEquals(job + " ran on " + nodes, 1, nodes.size()));
        // the month's turn made the billing run of the month before due on both nodes at once: one claim, one run
        String month = java.time.YearMonth.from(due.atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
                .minusMonths(1)).toString();
        JsonNode billing = await("the billing run of " + month, () -> get(a, "admin", "/admin/jobs?limit=500"),
                r -> r.statusCode() == 200 && job(readQuietly(r), "BILLING_RUN", month).path("state").asText()
                        .equals("DONE"));
        JsonNode run = job(billing, "BILLING_RUN", month);
        assertEquals(run.toString(), 1, run.path("attempts").asInt());
        try (Connection c = DriverManager.getConnection(nodeUrl);
                PreparedStatement q = c.prepareStatement("SELECT COUNT(*), MIN(claimed_by) FROM jobs WHERE kind = "
                        + "'BILLING_RUN' AND job_key = ?")) {
            q.setString(1, month);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("one row for the billing run of " + month, 1, rs.getInt(1));
                assertTrue(rs.getString(2), List.of("node-a", "node-b").contains(rs.getString(2)));
            }
        }
        assertEquals("the package change audited once", 1, count("SELECT COUNT(*) FROM order_history WHERE "
                + "order_id = '" + id + "' AND state = 'COMPLETED'"));
    }

    /** The job of that kind and key in a {@code GET /admin/jobs} list, or a missing node. */
    private static JsonNode job(JsonNode jobs, String kind, String key) {
        for (JsonNode j : jobs) {
            if (kind.equals(j.path("kind").asText()) && key.equals(j.path("key").asText())) {
                return j;
            }
        }
        return JSON.missingNode();
    }

    /** "KIND KEY " of every job a node logged as done, with the nodes that logged it. */
    private static Map<String, List<String>> jobsDone() throws IOException {
        java.util.regex.Pattern done = java.util.regex.Pattern.compile(".*\\| job \\d+ (\\S+ \\S+) done: .*");
        Map<String, List<String>> ranBy = new TreeMap<>();
        for (KarafInstance node : NODES) {
            for (String line : node.karafLog()) {
                java.util.regex.Matcher m = done.matcher(line);
                if (m.matches()) {
                    ranBy.computeIfAbsent(m.group(1) + " ", k -> new ArrayList<>()).add(node.name());
                }
            }
        }
        return ranBy;
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private static String base(KarafInstance node) {
        return "http://127.0.0.1:" + node.httpPort() + "/api/v1";
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder request(KarafInstance node, String user, String path) {
        return HttpRequest.newBuilder(URI.create(base(node) + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(user)).header("Accept", "application/json");
    }

    static HttpResponse<String> get(KarafInstance node, String user, String path) throws IOException,
            InterruptedException {
        return HTTP.send(request(node, user, path).GET().build(), HttpResponse.BodyHandlers.ofString(
                StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(KarafInstance node, String user, String path, JsonNode body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = request(node, user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (key != null) {
            r.header("Idempotency-Key", key);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> put(KarafInstance node, String user, String path, JsonNode body)
            throws IOException, InterruptedException {
        return HTTP.send(request(node, user, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws IOException {
        assertEquals(r.request().method() + " " + r.request().uri() + ": " + r.body(), status, r.statusCode());
        return JSON.readTree(r.body());
    }

    private static JsonNode readQuietly(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String key() {
        return "multinode-" + UUID.randomUUID();
    }

    private interface Call {
        HttpResponse<String> send(int index) throws Exception;
    }

    /** {@code n} requests released together (one thread each, a latch), answers in the order of their index. */
    private static List<HttpResponse<String>> atOnce(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<HttpResponse<String>> task = () -> {
                    go.await();
                    return call.send(index);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Ask {
        HttpResponse<String> ask() throws Exception;
    }

    private static JsonNode await(String what, Ask ask, Predicate<HttpResponse<String>> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = ask.ask();
            if (done.test(last)) {
                return JSON.readTree(last.body());
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": last answer " + (last == null ? "none" : last.statusCode() + " "
                + last.body()));
    }

    // ------------------------------------------------------------------------------------------------ bodies

    private static ObjectNode billPayment(String msisdn, long amountFen) {
        ObjectNode order = JSON.createObjectNode().put("procedure", "bill-payment").put("msisdn", msisdn);
        order.putObject("params").put("amountFen", amountFen);
        return order;
    }

    private static ObjectNode opening(String msisdn) {
        String idNumber = OPENING_ID;
        ObjectNode order = JSON.createObjectNode().put("procedure", "account-opening").put("msisdn", msisdn);
        order.putObject("customer").put("type", "PERSONAL").put("name", OPENING_HOLDER).put("idType", "ID_CARD")
                .put("idNumber", idNumber).put("address", "陕西省西安市雁塔区科技路1号");
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", idNumber);
        order.putObject("params").put("package", "MZONE-18");
        return order;
    }

    private static ObjectNode packageChange(String msisdn, String name, String idNumber, String packageCode) {
        ObjectNode order = JSON.createObjectNode().put("procedure", "package-change").put("msisdn", msisdn);
        order.putObject("customer").put("type", "PERSONAL").put("name", name).put("idType", "ID_CARD")
                .put("idNumber", idNumber);
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", idNumber);
        order.putObject("params").put("package", packageCode);
        return order;
    }

    // ------------------------------------------------------------------------------------------------ the database

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(nodeUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertTrue(sql, rs.next());
            return rs.getLong(1);
        }
    }

    /** The JDBC URL with its database name replaced: {@code jdbc:postgresql://host:port/NAME?params}. */
    static String withDatabase(String url, String database) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?")
                .matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(PROPERTY + " is not a jdbc:postgresql://HOST:PORT/DB URL: " + url);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    private static void keepLogs(KarafInstance node) {
        try {
            Path logs = Files.createDirectories(WORK.resolve("logs"));
            for (Path p : List.of(node.consoleLog(), node.karafLogFile())) {
                if (Files.isRegularFile(p)) {
                    Files.copy(p, logs.resolve(node.name() + "-" + p.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("could not keep the logs of " + node.name() + ": " + e);
        }
    }
}
