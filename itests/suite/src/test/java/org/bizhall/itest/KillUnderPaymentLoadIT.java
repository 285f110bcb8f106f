package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLHandshakeException;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The distribution as an operator runs it ({@code bin/karaf server}, see {@link KarafProcess}), serving HTTPS only
 * from a keystore generated here with {@code keytool} (issue 8: "the distribution can serve TLS by configuration"),
 * and killed with SIGKILL while counter clients pay bills as fast as they can (issue 8: "the distribution killed under
 * payment load and restarted: every acknowledged payment present once, balances equal to their ledgers, receipt
 * numbers unique"). One boot serves both: the whole load and its verification run over HTTPS.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class KillUnderPaymentLoadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "kill9-" + UUID.randomUUID();
    private static final String ALIAS = "bizhall";
    private static final String USER = "op-sn";
    private static final String ID_NUMBER = "11010519491231002X";
    private static final int ACCOUNTS = 6;
    private static final int CLIENTS = 4;
    /** Acknowledged payments to wait for before the kill (bounded by {@link #MAX_LOAD}). */
    private static final int PAYMENTS_BEFORE_KILL = 40;
    private static final Duration MIN_LOAD = Duration.ofSeconds(3);
    private static final Duration MAX_LOAD = Duration.ofSeconds(30);
    private static final Duration BOOT = Duration.ofSeconds(300);
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    private static final long CHANGE_FEN = 500;

    private static KarafProcess karaf;
    private static Path keystore;
    private static HttpClient http;

    @BeforeClass
    public static void startWithTlsOnly() throws Exception {
        keystore = KarafProcess.generateKeystore(Path.of("target", "karaf-process", "tls-" + UUID.randomUUID() + ".p12")
                .toAbsolutePath(), PASSWORD, ALIAS);
        karaf = KarafProcess.unpack("kill9");
        karaf.enableTls(keystore, PASSWORD, ALIAS, false);
        long boot = System.nanoTime();
        karaf.start();
        karaf.awaitHealthy(BOOT);
        http = karaf.client();
        System.out.printf("HTTPS only, healthy in %.1f s%n", (System.nanoTime() - boot) / 1e9);
    }

    @AfterClass
    public static void killWhatRuns() throws IOException {
        if (karaf != null) {
            karaf.close();
        }
        if (keystore != null) {
            java.nio.file.Files.deleteIfExists(keystore);
        }
    }

    /** Issue 8, HTTPS: the API answers over TLS with Basic credentials, on the configured keystore's certificate. */
    @Test
    public void a_issue8_httpsByConfigurationServesTheApiAndPlainHttpCanBeTurnedOff() throws Exception {
        assertTrue(karaf.base(), karaf.base().startsWith("https://"));
        Answer me = send(USER, "GET", "/me", null, null);
        assertEquals(me.body, 200, me.status);
        assertEquals(me.body, USER, me.json().path("user").asText());
        assertEquals(me.body, "SN-XA-001", me.json().path("hall").asText());
        Answer anonymous = send(null, "GET", "/me", null, null);
        assertEquals(anonymous.body, 401, anonymous.status);

        // the certificate served is the generated one: a client trusting only the usual CAs refuses it
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            untrusting.send(HttpRequest.newBuilder(URI.create(karaf.base() + "/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            fail("a client that does not trust the generated certificate was answered");
        } catch (SSLHandshakeException expected) {
            // what an unconfigured client gets
        }
        // org.osgi.service.http.enabled = false: nothing listens on the plain HTTP port any more
        assertFalse("plain HTTP still listens on " + karaf.httpPort(), KarafProcess.accepts(karaf.httpPort()));
    }

    /**
     * Issue 8, kill -9 under payment load: counter clients pay bills in cash (each order and each payment with its own
     * Idempotency-Key) until the Karaf JVM is killed with SIGKILL; after a restart on the same data every payment
     * answered 201 is there exactly once with its receipt and its order COMPLETED, each account's balance is the sum of
     * its ledger with one PAYMENT entry per paid order, receipt numbers are unique, the day's settlement counts each
     * payment once, and the requests the kill left unanswered, retried with the same keys, give one payment each.
     */
    @Test
    public void b_issue8_killNineUnderPaymentLoadLosesNoAcknowledgedPaymentAndPaysNothingTwice() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Account> accounts = openAccounts(run);

        List<Attempt> all = payUntilKilled(accounts, run);
        List<Attempt> answered = all.stream().filter(a -> a.paymentStatus == 201).toList();
        List<Attempt> cutOff = all.stream().filter(a -> a.paymentStatus != 201).toList();
        assertTrue("the load got " + answered.size() + " payments acknowledged before the kill", answered.size() >= 10);
        assertEquals("every client's last request was cut off by the kill", CLIENTS, cutOff.size());
        long inFlight = cutOff.stream().filter(a -> a.inFlightAtKill).count();
        assertTrue("the kill came while requests were in flight", inFlight > 0);
        System.out.printf("kill -9 after %d acknowledged payments; %d requests cut off, %d of them in flight%n",
                answered.size(), cutOff.size(), inFlight);

        int logBeforeRestart = karaf.karafLog().size();
        long restart = System.nanoTime();
        karaf.start();
        karaf.awaitHealthy(BOOT);
        http = karaf.client();
        System.out.printf("restarted on the same data and healthy in %.1f s%n", (System.nanoTime() - restart) / 1e9);

        // every acknowledged payment is there once, with the receipt it was acknowledged with, its order COMPLETED
        for (Attempt attempt : answered) {
            JsonNode payment = onlyPayment(attempt);
            assertEquals(attempt.describe(), attempt.receipt(), payment.path("receipt").path("number").asText());
            assertEquals(attempt.describe(), attempt.amountFen, payment.path("dueFen").asLong());
            assertEquals(attempt.describe(), "COMPLETED", stateOf(attempt.orderId));
            Answer receipt = get("/receipts/" + attempt.receipt());
            assertEquals(receipt.body, 200, receipt.status);
            assertEquals(receipt.body, attempt.orderId, receipt.json().path("orderId").asText());
        }

        int replayed = retryWithTheSameKeys(cutOff);
        System.out.printf("retried %d cut-off requests after the restart; %d had been done before the kill%n",
                cutOff.size(), replayed);

        List<JsonNode> payments = paymentsOf(accounts, all);
        assertUniqueReceipts(payments);
        assertLedgersBalance(accounts, all);
        assertSettlementCountsEachPaymentOnce(payments);
        assertEquals("the restart after the kill logged no error", List.of(), errorsSince(logBeforeRestart));
    }

    /**
     * {@link #CLIENTS} counter clients pay bills round the accounts as fast as they can until the Karaf JVM is killed
     * with SIGKILL (after {@link #PAYMENTS_BEFORE_KILL} acknowledged payments, at least {@link #MIN_LOAD} and at most
     * {@link #MAX_LOAD} into the load). Every request before the kill must have succeeded; each client ends on the
     * request the kill cut off. Returns every attempt, in order.
     */
    private static List<Attempt> payUntilKilled(List<Account> accounts, String run) throws Exception {
        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread client = new Thread(() -> {
                while (true) {
                    int i = next.getAndIncrement();
                    Attempt attempt = new Attempt(i, accounts.get(i % accounts.size()), 1000 + (i % 7) * 100L, run);
                    attempts.add(attempt);
                    try {
                        attempt.create();
                        if (attempt.orderStatus != 201) {
                            unexpected.add("order " + i + ": " + attempt.orderStatus + " " + attempt.orderBody);
                            return;
                        }
                        attempt.pay();
                        if (attempt.paymentStatus != 201) {
                            unexpected.add("payment " + i + ": " + attempt.paymentStatus + " " + attempt.paymentBody);
                            return;
                        }
                        acknowledged.incrementAndGet();
                    } catch (IOException e) {
                        // the kill cut this request off (in flight, or refused once the JVM was gone)
                        if (!killed.get()) {
                            attempt.failedBeforeKill = e.toString();
                        }
                        attempt.inFlightAtKill = !(e instanceof java.net.ConnectException);
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "counter-client-" + c);
            client.setDaemon(true);
            clients.add(client);
        }
        long started = System.nanoTime();
        clients.forEach(Thread::start);
        while (System.nanoTime() - started < MAX_LOAD.toNanos()
                && (acknowledged.get() < PAYMENTS_BEFORE_KILL || System.nanoTime() - started < MIN_LOAD.toNanos())
                && unexpected.isEmpty()) {
            Thread.sleep(20);
        }
        assertTrue("answers under load: " + unexpected, unexpected.isEmpty());
        // from here on a request may be cut off: the signal goes out right after
        killed.set(true);
        karaf.kill9();
        for (Thread client : clients) {
            client.join(60_000);
            assertFalse(client.getName() + " still runs after the kill", client.isAlive());
        }
        List<Attempt> all = new ArrayList<>(attempts);
        all.sort((x, y) -> Integer.compare(x.index, y.index));
        for (Attempt attempt : all) {
            assertEquals("request " + attempt.index + " failed before the kill", null, attempt.failedBeforeKill);
        }
        return all;
    }

    /**
     * Sends each cut-off request again, with its keys and bodies: one payment each, its order COMPLETED, and a second
     * retry replays the first answer. Returns how many had been done before the kill (answered as replays).
     */
    private static int retryWithTheSameKeys(List<Attempt> cutOff) throws Exception {
        int replayed = 0;
        for (Attempt attempt : cutOff) {
            if (attempt.orderId == null) {
                attempt.create();
                assertEquals(attempt.describe(), 201, attempt.orderStatus);
            }
            attempt.pay();
            assertEquals(attempt.describe(), 201, attempt.paymentStatus);
            replayed += attempt.replayed ? 1 : 0;
            String receipt = attempt.receipt();
            attempt.pay();
            assertEquals(attempt.describe(), 201, attempt.paymentStatus);
            assertTrue("a second retry replays the first answer: " + attempt.describe(), attempt.replayed);
            assertEquals(attempt.describe(), receipt, attempt.receipt());
            JsonNode payment = onlyPayment(attempt);
            assertEquals(attempt.describe(), receipt, payment.path("receipt").path("number").asText());
            assertEquals(attempt.describe(), "COMPLETED", stateOf(attempt.orderId));
        }
        return replayed;
    }

    /** Every payment of the run ({@code GET /orders/{id}/payments} of the openings and the bills). */
    private static List<JsonNode> paymentsOf(List<Account> accounts, List<Attempt> bills) throws Exception {
        List<String> orderIds = new ArrayList<>();
        accounts.forEach(a -> orderIds.add(a.openingOrderId));
        bills.forEach(a -> orderIds.add(a.orderId));
        List<JsonNode> payments = new ArrayList<>();
        for (String orderId : orderIds) {
            Answer answer = get("/orders/" + orderId + "/payments");
            assertEquals(answer.body, 200, answer.status);
            answer.json().forEach(payments::add);
        }
        return payments;
    }

    private static void assertUniqueReceipts(List<JsonNode> payments) {
        Set<String> receipts = new HashSet<>();
        for (JsonNode payment : payments) {
            String number = payment.path("receipt").path("number").asText();
            assertFalse("payment without a receipt: " + payment, number.isEmpty());
            assertTrue("receipt " + number + " appears twice", receipts.add(number));
        }
    }

    /**
     * Every balance is the sum of its ledger ({@code GET /accounts/{id}} against {@code /ledger}); the ledger has one
     * PAYMENT entry of the bill's amount per paid bill, and nothing of an order this run does not know.
     */
    private static void assertLedgersBalance(List<Account> accounts, List<Attempt> bills) throws Exception {
        Map<String, Attempt> billsByOrder = new HashMap<>();
        bills.forEach(a -> billsByOrder.put(a.orderId, a));
        for (Account account : accounts) {
            Answer ledgerAnswer = get("/accounts/" + account.accountId + "/ledger?limit=500");
            assertEquals(ledgerAnswer.body, 200, ledgerAnswer.status);
            JsonNode ledger = ledgerAnswer.json();
            assertEquals("the whole ledger of " + account.accountId + " fits one page",
                    ledgerAnswer.header("X-Total-Count"), String.valueOf(ledger.size()));
            long sum = 0;
            Map<String, Integer> paymentsPerOrder = new HashMap<>();
            for (JsonNode entry : ledger) {
                sum += entry.path("amountFen").asLong();
                String orderId = entry.path("orderId").asText();
                Attempt bill = billsByOrder.get(orderId);
                if (bill != null) {
                    assertEquals("ledger entry " + entry + " of " + bill.describe(), bill.account.accountId,
                            account.accountId);
                    assertEquals("ledger entry " + entry, "PAYMENT", entry.path("kind").asText());
                    assertEquals("ledger entry " + entry, bill.amountFen, entry.path("amountFen").asLong());
                    paymentsPerOrder.merge(orderId, 1, Integer::sum);
                } else {
                    assertEquals("ledger entry " + entry + " belongs to no order of this run", account.openingOrderId,
                            orderId);
                }
            }
            long balance = get("/accounts/" + account.accountId).json().path("balanceFen").asLong();
            assertEquals("balance of account " + account.accountId + " = the sum of its ledger", sum, balance);
            for (Attempt bill : bills) {
                if (bill.account == account) {
                    assertEquals("PAYMENT entries of " + bill.describe(), Integer.valueOf(1),
                            paymentsPerOrder.get(bill.orderId));
                }
            }
        }
    }

    /**
     * The hall's daily settlement ({@code GET /halls/SN-XA-001/settlements/{date}} as the manager), which the manager
     * closes the evening after the crash, lists each receipt of the day once and sums exactly the payments taken. This
     * distribution is fresh, so every payment of the hall is this run's.
     */
    private static void assertSettlementCountsEachPaymentOnce(List<JsonNode> payments) throws Exception {
        Map<String, Map<String, Long>> dueByReceiptPerDay = new HashMap<>();
        for (JsonNode payment : payments) {
            // the business day, on the demo distribution's business clock (zone Asia/Shanghai)
            String day = OffsetDateTime.parse(payment.path("at").asText()).atZoneSameInstant(BUSINESS_ZONE)
                    .toLocalDate().toString();
            dueByReceiptPerDay.computeIfAbsent(day, d -> new HashMap<>())
                    .put(payment.path("receipt").path("number").asText(), payment.path("dueFen").asLong());
        }
        for (Map.Entry<String, Map<String, Long>> day : dueByReceiptPerDay.entrySet()) {
            Answer answer = send("mgr-sn", "GET", "/halls/SN-XA-001/settlements/" + day.getKey(), null, null);
            assertEquals(answer.body, 200, answer.status);
            Map<String, Long> settled = new HashMap<>();
            for (JsonNode receipt : answer.json().path("receipts")) {
                assertEquals("receipt listed twice in the settlement of " + day.getKey() + ": " + receipt, null,
                        settled.put(receipt.path("number").asText(), receipt.path("totalFen").asLong()));
            }
            assertEquals("receipts of the settlement of " + day.getKey(), day.getValue(), settled);
            long total = day.getValue().values().stream().mapToLong(Long::longValue).sum();
            assertEquals("total of the settlement of " + day.getKey(), total, answer.json().path("totalFen").asLong());
        }
    }

    /**
     * HTTPS configuration is live: turning plain HTTP back on in {@code etc/org.ops4j.pax.web.cfg} of the running
     * distribution (as {@code config:edit} or an editor would) makes it listen within seconds, HTTPS carrying on.
     */
    @Test
    public void c_issue8_plainHttpTurnedBackOnInTheRunningDistribution() throws Exception {
        karaf.set("org.ops4j.pax.web.cfg", "org.osgi.service.http.enabled", "true");
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = -1;
        while (status != 200 && System.nanoTime() < deadline) {
            try {
                status = plain.send(HttpRequest.newBuilder(URI.create(karaf.httpBase() + "/health"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode();
            } catch (IOException e) {
                Thread.sleep(300);
            }
        }
        assertEquals("plain HTTP /health after turning it on", 200, status);
        Answer me = send(USER, "GET", "/me", null, null);
        assertEquals(me.body, 200, me.status);
    }

    /**
     * ERROR entries of Karaf's log since line {@code from} that an admin would have to look into after the crash. Those
     * of Jetty's request threads (qtp...) are left out, as in {@link BizhallTestSupport#bootProblems()}: they answer
     * the health polling while the JAX-RS whiteboard publishes the API during the start; the test's own requests are
     * checked by their answers.
     */
    private static List<String> errorsSince(int from) throws IOException {
        List<String> lines = karaf.karafLog();
        return lines.subList(Math.min(from, lines.size()), lines.size()).stream()
                .filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT\\S+ \\| ERROR\\s*\\| .*"))
                .filter(l -> !l.matches("^\\S+ \\| ERROR\\s*\\| qtp.*")).filter(l -> !KarafLogLines.knownHarmless(l))
                .toList();
    }

    /** The only payment of the attempt's order ({@code GET /orders/{id}/payments} lists exactly one). */
    private static JsonNode onlyPayment(Attempt attempt) throws Exception {
        Answer payments = get("/orders/" + attempt.orderId + "/payments");
        assertEquals(payments.body, 200, payments.status);
        assertEquals("payments of " + attempt.describe() + ": " + payments.body, 1, payments.json().size());
        return payments.json().get(0);
    }

    private static String stateOf(String orderId) throws Exception {
        Answer order = get("/orders/" + orderId);
        assertEquals(order.body, 200, order.status);
        return order.json().path("state").asText();
    }

    /** A subscriber opened for the load: reserve a number, open the account, pay the opening. */
    private record Account(String msisdn, String accountId, String openingOrderId) {
    }

    private List<Account> openAccounts(String run) throws Exception {
        Answer numbers = get("/numbers?prefix=1389180&limit=200");
        assertEquals(numbers.body, 200, numbers.status);
        List<String> free = new ArrayList<>();
        for (JsonNode n : numbers.json()) {
            if (n.path("prestoreFen").asLong() == 0) {
                free.add(n.path("msisdn").asText());
            }
        }
        List<Account> accounts = new ArrayList<>();
        for (String msisdn : free) {
            if (accounts.size() == ACCOUNTS) {
                break;
            }
            Answer reserved = send(USER, "POST", "/numbers/" + msisdn + "/reservations", "{}",
                    "kill9-r-" + run + msisdn);
            if (reserved.status == 409) {
                continue; // taken meanwhile by someone else
            }
            assertEquals(reserved.body, 201, reserved.status);
            ObjectNode order = JSON.createObjectNode().put("procedure", "account-opening").put("msisdn", msisdn);
            order.putObject("customer").put("type", "PERSONAL").put("name", "张三").put("idType", "ID_CARD")
                    .put("idNumber", ID_NUMBER).put("address", "西安市高新区科技路1号");
            order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", ID_NUMBER);
            order.putObject("params").put("package", "MZONE-18");
            Answer opened = send(USER, "POST", "/orders", order.toString(), "kill9-o-" + run + msisdn);
            assertEquals(opened.body, 201, opened.status);
            assertEquals(opened.body, "PENDING_PAYMENT", opened.json().path("state").asText());
            String orderId = opened.json().path("id").asText();
            long due = opened.json().path("quote").path("totalFen").asLong();
            Answer paid = send(USER, "POST", "/orders/" + orderId + "/payments",
                    "{\"method\":\"CASH\",\"tenderedFen\":" + due + "}", "kill9-p-" + run + msisdn);
            assertEquals(paid.body, 201, paid.status);
            assertEquals("COMPLETED", stateOf(orderId));
            Answer subscriber = get("/subscribers/" + msisdn);
            assertEquals(subscriber.body, 200, subscriber.status);
            String accountId = subscriber.json().path("accountId").asText();
            assertFalse(subscriber.body, accountId.isEmpty());
            accounts.add(new Account(msisdn, accountId, orderId));
        }
        assertEquals("accounts opened for the load", ACCOUNTS, accounts.size());
        return accounts;
    }

    /**
     * One bill payment at the counter: {@code POST /orders} (bill-payment of an explicit amount) then
     * {@code POST /orders/{id}/payments} in cash with change, each with its own Idempotency-Key, kept so the very same
     * requests can be sent again after the restart.
     */
    private static final class Attempt {
        final int index;
        final Account account;
        final long amountFen;
        final String orderKey;
        final String paymentKey;
        final String orderRequest;
        final String paymentRequest;
        volatile int orderStatus;
        volatile String orderBody;
        volatile String orderId;
        volatile int paymentStatus;
        volatile String paymentBody;
        volatile boolean replayed;
        volatile String failedBeforeKill;
        /** Cut off while the server had it (not refused because the JVM was already gone). */
        volatile boolean inFlightAtKill;

        Attempt(int index, Account account, long amountFen, String run) {
            this.index = index;
            this.account = account;
            this.amountFen = amountFen;
            this.orderKey = "kill9-bill-" + run + "-" + index;
            this.paymentKey = "kill9-pay-" + run + "-" + index;
            ObjectNode order = JSON.createObjectNode().put("procedure", "bill-payment").put("msisdn", account.msisdn);
            order.putObject("params").put("amountFen", amountFen);
            this.orderRequest = order.toString();
            this.paymentRequest = JSON.createObjectNode().put("method", "CASH")
                    .put("tenderedFen", amountFen + CHANGE_FEN).toString();
        }

        void create() throws IOException, InterruptedException {
            Answer answer = send(USER, "POST", "/orders", orderRequest, orderKey);
            orderStatus = answer.status;
            orderBody = answer.body;
            if (answer.status == 201) {
                orderId = answer.json().path("id").asText();
            }
        }

        void pay() throws IOException, InterruptedException {
            Answer answer = send(USER, "POST", "/orders/" + orderId + "/payments", paymentRequest, paymentKey);
            paymentStatus = answer.status;
            paymentBody = answer.body;
            replayed = "true".equals(answer.header("Idempotent-Replayed"));
        }

        String receipt() {
            try {
                JsonNode payment = JSON.readTree(paymentBody);
                assertEquals(paymentBody, CHANGE_FEN, payment.path("changeFen").asLong());
                String number = payment.path("receipt").path("number").asText();
                assertFalse(paymentBody, number.isEmpty());
                return number;
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + paymentBody, e);
            }
        }

        String describe() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("attempt", index);
            d.put("msisdn", account.msisdn);
            d.put("amountFen", amountFen);
            d.put("order", orderId + " (" + orderStatus + ")");
            d.put("payment", paymentStatus + " " + paymentBody);
            return d.toString();
        }
    }

    /** An HTTP answer: status, body, headers. */
    private record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static Answer get(String path) throws IOException, InterruptedException {
        return send(USER, "GET", path, null, null);
    }

    private static Answer send(String user, String method, String path, String body, String key)
            throws IOException, InterruptedException {
        HttpResponse<String> response = karaf.send(http, user, method, path, body, key);
        return new Answer(response.statusCode(), response.body(), response);
    }
}
