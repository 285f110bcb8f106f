package org.bizhall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bizhall platform driven over its HTTP contract, as a hall's counter software would: choose a number, open an
 * account for a personal customer, take the cash. Loopback only, HTTP/1.1, Basic authentication as {@code op-sn}.
 */
final class HttpBench {
    /** The demo number segment of province SN that {@code op-sn} (hall SN-XA-001) sells from. */
    static final String SEGMENT = "1389180";
    static final String USER = "op-sn";
    static final String ID_NUMBER = "11010519491231002X";
    /** What each payment hands over beyond the amount due, so every payment gives change (sing-out). */
    static final long EXTRA_TENDERED_FEN = 2000;

    private final CounterClient client;
    /** The health check answers quickly or not at all: a boot probe must not wait a minute on it. */
    private final CounterClient probe;
    private final Map<String, String> authorized;
    private final ObjectMapper json = new ObjectMapper();

    /** An order waiting for its payment, the number it opens and the provider that took it. */
    record Opened(String orderId, long dueFen, String msisdn, String provider) {
    }

    /** A request answered with another status than expected; {@code code} is the problem's code, when there is one. */
    static final class HttpFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        final String request;
        final int status;
        final String code;

        HttpFailure(String request, String message, int status, String code) {
            super(message);
            this.request = request;
            this.status = status;
            this.code = code;
        }
    }

    /** What each bill payment tops up (a deposit top-up: the freshly opened numbers owe nothing yet). */
    static final long TOP_UP_FEN = 5000;

    HttpBench(int port) {
        this(port, USER);
    }

    /** Signs in as {@code user}, whose password is its name in the demo realm. */
    HttpBench(int port, String user) {
        this.client = new CounterClient("127.0.0.1", port, "/api/v1", 60_000);
        this.probe = new CounterClient("127.0.0.1", port, "/api/v1", 5_000);
        this.authorized = Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)), "Accept", "application/json");
    }

    /** {@code GET /health} answers 200 (no credentials). */
    boolean healthUp() {
        try {
            return probe.exchange("GET", "/health", Map.of(), null).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The demo number pool answers: {@code GET /numbers?prefix=1389180&limit=1} as op-sn is a non-empty list. */
    boolean demoLoaded() {
        try {
            CounterClient.Response r = probe.exchange("GET", "/numbers?prefix=" + SEGMENT + "&limit=1", authorized,
                    null);
            return r.status() == 200 && json.readTree(r.body()).size() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One thread's walk through the SN segment: thread {@code t} of {@code T} takes the numbers starting
     * {@code 1389180d} for d = t, t+T, ..., so no two threads ever want the same number.
     */
    static final class NumberCursor {
        private final int step;
        private int digit;

        NumberCursor(int thread, int threads) {
            this.digit = thread;
            this.step = threads;
        }

        String prefix() {
            return SEGMENT + digit;
        }

        /** Moves to the next block; false when the segment is used up. */
        boolean advance() {
            digit += step;
            return digit <= 9;
        }
    }

    /** {@code GET /numbers?prefix=...&limit=1}: the first available number of the cursor's block. */
    String chooseNumber(NumberCursor cursor, Load.Latencies latencies) throws Exception {
        while (true) {
            String prefix = cursor.prefix();
            CounterClient.Response r = latencies.time("GET /numbers",
                    () -> fetch("/numbers?prefix=" + prefix + "&limit=1"));
            expect(r, 200, "GET /numbers");
            JsonNode list = json.readTree(r.body());
            if (list.size() > 0) {
                return list.get(0).path("msisdn").asText();
            }
            if (!cursor.advance()) {
                throw new IllegalStateException("the demo number segment " + SEGMENT + " is used up");
            }
        }
    }

    /** {@code POST /orders}: an account opening of a personal customer on MZONE-18, with an Idempotency-Key. */
    Opened open(String msisdn, Load.Latencies latencies) throws Exception {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("type", "PERSONAL");
        customer.put("name", "张三");
        customer.put("idType", "ID_CARD");
        customer.put("idNumber", ID_NUMBER);
        customer.put("address", "陕西省西安市雁塔区科技路1号");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedure", "account-opening");
        body.put("msisdn", msisdn);
        body.put("customer", customer);
        body.put("documents", List.of(Map.of("kind", "HOLDER_ID", "number", ID_NUMBER)));
        body.put("params", Map.of("package", "MZONE-18"));
        byte[] request = json.writeValueAsBytes(body);
        CounterClient.Response r = latencies.time("POST /orders", () -> post("/orders", request));
        expect(r, 201, "POST /orders");
        JsonNode order = json.readTree(r.body());
        String state = order.path("state").asText();
        if (!"PENDING_PAYMENT".equals(state)) {
            throw new IllegalStateException("the opening of " + msisdn + " is " + state + ", not PENDING_PAYMENT");
        }
        return new Opened(order.path("id").asText(), order.path("quote").path("totalFen").asLong(), msisdn,
                order.path("provider").asText());
    }

    /** {@code POST /orders/{id}/payments}: cash, a little more than due, with an Idempotency-Key. */
    void pay(Opened order, Load.Latencies latencies) throws Exception {
        byte[] body = json.writeValueAsBytes(Map.of("method", "CASH", "tenderedFen",
                order.dueFen() + EXTRA_TENDERED_FEN));
        CounterClient.Response r = latencies.time("POST /orders/{id}/payments",
                () -> post("/orders/" + order.orderId() + "/payments", body));
        expect(r, 201, "POST /orders/{id}/payments");
        JsonNode payment = json.readTree(r.body());
        if (payment.path("changeFen").asLong(-1) != EXTRA_TENDERED_FEN
                || payment.path("receipt").path("number").asText("").isEmpty()) {
            throw new IllegalStateException("payment of " + order.orderId() + " answered " + r.body());
        }
    }

    /**
     * A bill payment at the counter: {@code POST /orders} (bill-payment, a top-up of {@link #TOP_UP_FEN}) then
     * {@code POST /orders/{id}/payments} in cash with change, both with Idempotency-Keys; the order must complete.
     */
    void billPayment(String msisdn, Load.Latencies latencies) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("procedure", "bill-payment");
        body.put("msisdn", msisdn);
        body.put("params", Map.of("amountFen", TOP_UP_FEN));
        byte[] create = json.writeValueAsBytes(body);
        CounterClient.Response r = latencies.time("POST /orders (bill-payment)", () -> post("/orders", create));
        expect(r, 201, "POST /orders (bill-payment)");
        JsonNode order = json.readTree(r.body());
        if (order.path("quote").path("totalFen").asLong() != TOP_UP_FEN) {
            throw new IllegalStateException("the bill payment of " + msisdn + " was quoted " + r.body());
        }
        byte[] payment = json.writeValueAsBytes(Map.of("method", "CASH", "tenderedFen", TOP_UP_FEN + EXTRA_TENDERED_FEN));
        String paymentPath = "/orders/" + order.path("id").asText() + "/payments";
        CounterClient.Response p = latencies.time("POST /orders/{id}/payments (bill-payment)",
                () -> post(paymentPath, payment));
        expect(p, 201, "POST /orders/{id}/payments (bill-payment)");
        if (json.readTree(p.body()).path("changeFen").asLong(-1) != EXTRA_TENDERED_FEN) {
            throw new IllegalStateException("the bill payment of " + msisdn + " answered " + p.body());
        }
    }

    /** Pays a top-up for each number opened before, one per task, cycling through them. */
    Load.Task billPaymentTask(List<Opened> subscribers) {
        return (thread, index, latencies) -> billPayment(subscribers.get(index % subscribers.size()).msisdn(),
                latencies);
    }

    /**
     * Opens the calling thread's connection (as a counter terminal is connected before its day's work) with a
     * {@code GET /me} as this user.
     */
    void connect() throws IOException {
        get("/me");
    }

    /** {@code GET path} (below /api/v1) as this user; its body, or an {@link HttpFailure} unless 200. */
    String get(String path) throws IOException {
        CounterClient.Response r = fetch(path);
        expect(r, 200, "GET " + path);
        return r.body();
    }

    /** The state of an order ({@code GET /orders/{id}}), to confirm the load did what it says. */
    String state(String orderId) throws IOException {
        CounterClient.Response r = fetch("/orders/" + orderId);
        return r.status() == 200 ? json.readTree(r.body()).path("state").asText() : "HTTP " + r.status();
    }

    /** Runs the openings of a phase; the orders they leave awaiting payment go to {@code opened}. */
    Load.Task openingTask(NumberCursor[] cursors, ConcurrentLinkedQueue<Opened> opened) {
        return (thread, index, latencies) -> {
            String msisdn = chooseNumber(cursors[thread], latencies);
            opened.add(open(msisdn, latencies));
        };
    }

    /** Pays the orders {@code openings} left, one per task. */
    Load.Task paymentTask(ConcurrentLinkedQueue<Opened> toPay, ConcurrentLinkedQueue<Opened> paid) {
        return (thread, index, latencies) -> {
            Opened order = toPay.poll();
            if (order == null) {
                throw new IllegalStateException("no opened order left to pay");
            }
            pay(order, latencies);
            paid.add(order);
        };
    }

    /** {@code GET path} as this user. */
    private CounterClient.Response fetch(String path) throws IOException {
        return client.exchange("GET", path, authorized, null);
    }

    /** {@code POST path} as this user, a JSON body, a fresh Idempotency-Key. */
    private CounterClient.Response post(String path, byte[] body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(authorized);
        headers.put("Content-Type", "application/json");
        headers.put("Idempotency-Key", "bench-" + UUID.randomUUID());
        return client.exchange("POST", path, headers, body);
    }

    private void expect(CounterClient.Response r, int status, String what) {
        if (r.status() != status) {
            String body = r.body() == null ? "" : r.body();
            String code = null;
            try {
                code = json.readTree(body).path("code").asText(null);
            } catch (IOException e) {
                // not a problem document: the status alone says what failed
            }
            throw new HttpFailure(what, what + " answered " + r.status() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body), r.status(), code);
        }
    }
}
