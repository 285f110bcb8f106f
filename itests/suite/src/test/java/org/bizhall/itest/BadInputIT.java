package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Each kind of bad input gets a 4xx problem with a stable code, and nothing is written. Besides the hand-picked cases,
 * {@link #generatedBadInputAcrossEveryEndpointIsRefusedWithProblemsAndChangesNothing()} derives well over a thousand
 * hostile requests from the served OpenAPI document (issue 8, "What must hold").
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class BadInputIT extends BizhallTestSupport {

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    private long orderCount(String user) {
        return Long.parseLong(get(user, "/orders?limit=1").expect(200).header("X-Total-Count"));
    }

    private boolean isAvailable(String msisdn) {
        return get("op-sn", "/numbers?prefix=" + msisdn).expect(200).json().size() == 1;
    }

    /** Submits a refused order and checks that no order was stored and the number stayed in the pool. */
    private JsonNode refused(ObjectNode order, int status, String code) {
        long before = orderCount("op-sn");
        JsonNode problem = post("op-sn", "/orders", order, key()).problem(status, code);
        assertEquals("no order is stored for a refused request", before, orderCount("op-sn"));
        if (order.hasNonNull("msisdn") && order.path("msisdn").asText().matches("1[3-9][0-9]{9}")) {
            assertTrue("the number stays available", isAvailable(order.path("msisdn").asText()));
        }
        return problem;
    }

    @Test
    public void malformedJsonIs400() {
        long before = orderCount("op-sn");
        post("op-sn", "/orders", "{\"procedure\": \"account-opening\", ", key()).problem(400, "JSON_MALFORMED");
        assertEquals(before, orderCount("op-sn"));
    }

    @Test
    public void unknownProcedureIs404() {
        ObjectNode order = openingOrder(availableNumber("op-sn", "13891803", false), "GOTONE-88");
        order.put("procedure", "time-travel");
        refused(order, 404, "PROCEDURE_UNKNOWN");
    }

    @Test
    public void wrongMsisdnIs400() {
        JsonNode problem = refused(openingOrder("1389180", "GOTONE-88"), 400, "MSISDN_INVALID");
        assertEquals("msisdn", problem.path("field").asText());
        get("op-sn", "/subscribers/12345").problem(400, "MSISDN_INVALID");
    }

    @Test
    public void idNumberWithWrongCheckCharacterIs400() {
        ObjectNode order = openingOrder(availableNumber("op-sn", "13891803", false), "GOTONE-88");
        ((ObjectNode) order.get("customer")).put("idNumber", "110105194912310021");
        JsonNode problem = refused(order, 400, "ID_NUMBER_CHECK_FAILED");
        assertEquals("customer.idNumber", problem.path("field").asText());
    }

    @Test
    public void negativeAndAbsurdAmountsAre400() {
        ObjectNode negative = openingOrder(availableNumber("op-sn", "13891803", false), "GOTONE-88");
        ((ObjectNode) negative.get("params")).put("depositFen", -100);
        refused(negative, 400, "AMOUNT_NEGATIVE");
        ObjectNode absurd = openingOrder(availableNumber("op-sn", "13891803", false), "GOTONE-88");
        ((ObjectNode) absurd.get("params")).put("depositFen", 1_000_000_000_000L);
        refused(absurd, 400, "AMOUNT_TOO_LARGE");
    }

    @Test
    public void missingRequiredDocumentIs422() {
        ObjectNode order = openingOrder(availableNumber("op-sn", "13891803", false), "GOTONE-88");
        order.putArray("documents");
        refused(order, 422, "DOCUMENT_MISSING");
    }

    @Test
    public void tenderedCashBelowDueIs422AndPaysNothing() {
        JsonNode order = post("op-sn", "/orders", openingOrder(availableNumber("op-sn", "13891804", false), "MZONE-18"), key())
                .expect(201).json();
        String id = order.path("id").asText();
        long due = order.path("quote").path("totalFen").asLong();
        post("op-sn", "/orders/" + id + "/payments", object().put("method", "CASH").put("tenderedFen", due - 1), key())
                .problem(422, "TENDERED_TOO_LOW");
        post("op-sn", "/orders/" + id + "/payments", object().put("method", "CASH").put("tenderedFen", -5), key())
                .problem(400, "AMOUNT_NEGATIVE");
        post("op-sn", "/orders/" + id + "/payments", object().put("method", "KIOSK_CASH").set("notes",
                JSON.createArrayNode().add(100).add(0)), key()).problem(400, "KIOSK_NOTE_INVALID");
        // the hall's kiosk accepts the 50-yuan note and pushes the 30 back: below the amount due, nothing is paid
        post("op-sn", "/orders/" + id + "/payments", object().put("method", "KIOSK_CASH").set("notes",
                JSON.createArrayNode().add(50).add(30)), key()).problem(422, "TENDERED_TOO_LOW");
        assertEquals("PENDING_PAYMENT", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());
        assertEquals(0, get("op-sn", "/orders/" + id + "/payments").expect(200).json().size());
    }

    @Test
    public void reservedOrAssignedNumberIs409() {
        String msisdn = availableNumber("op-sn", "13891805", false);
        post("op-sn", "/numbers/" + msisdn + "/reservations", object(), key()).expect(201);
        post("mgr-sn", "/numbers/" + msisdn + "/reservations", object(), key()).problem(409, "NUMBER_RESERVED");
        long before = orderCount("mgr-sn");
        post("mgr-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).problem(409, "NUMBER_RESERVED");
        assertEquals(before, orderCount("mgr-sn"));
    }

    @Test
    public void sameIdempotencyKeyWithAnotherBodyIs409() {
        String key = key();
        String first = availableNumber("op-sn", "13891806", false);
        post("op-sn", "/orders", openingOrder(first, "GOTONE-88"), key).expect(201);
        long before = orderCount("op-sn");
        String second = availableNumber("op-sn", "13891806", false);
        post("op-sn", "/orders", openingOrder(second, "GOTONE-88"), key).problem(409, "IDEMPOTENCY_KEY_REUSED");
        assertEquals(before, orderCount("op-sn"));
        assertTrue(isAvailable(second));
    }

    @Test
    public void paymentRepeatedWithSameKeyPaysOnceAndAnswersTheSame() {
        JsonNode order = post("op-sn", "/orders", openingOrder(availableNumber("op-sn", "13891807", false), "MZONE-38"), key())
                .expect(201).json();
        String id = order.path("id").asText();
        long due = order.path("quote").path("totalFen").asLong();
        String key = key();
        ObjectNode body = object().put("method", "CASH").put("tenderedFen", due + 500);
        JsonNode first = post("op-sn", "/orders/" + id + "/payments", body, key).expect(201).json();
        JsonNode again = post("op-sn", "/orders/" + id + "/payments", body, key).expect(201).json();
        assertEquals(first, again);
        assertEquals(1, get("op-sn", "/orders/" + id + "/payments").expect(200).json().size());
        post("op-sn", "/orders/" + id + "/payments", body, key()).problem(409, "ORDER_NOT_AWAITING_PAYMENT");
    }

    @Test
    public void expiredReservationIs409AndTheNumberReturnsToThePool() {
        String msisdn = availableNumber("op-sn", "13891808", false);
        post("op-sn", "/numbers/" + msisdn + "/reservations", object(), key()).expect(201);
        assertTrue(!isAvailable(msisdn));
        // the business clock of the demo distribution can be moved: past the reservation's limit
        JsonNode me = get("admin", "/me").expect(200).json();
        assertEquals("admin", me.path("role").asText());
        OffsetDateTime later = OffsetDateTime.now().plusMinutes(24 * 60);
        put("admin", "/admin/clock", object().put("now", later.toString())).expect(200);
        put("op-sn", "/admin/clock", object().put("now", later.toString())).problem(403, "ROLE_NOT_ALLOWED");
        assertTrue("an expired reservation returns to the pool", isAvailable(msisdn));
        long before = orderCount("op-sn");
        post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).problem(409, "RESERVATION_EXPIRED");
        assertEquals(before, orderCount("op-sn"));
    }

    // ------------------------------------------------------------------ issue 8 defects 3, 4, 5

    /** The holder of the data the generated requests carry; the log must never show these in clear. */
    private static final String MARKER_NAME = "欧阳测试";
    private static final String MARKER_ID = "110101199003071233";

    @Test
    public void longTextIsRefused400WithItsFieldAndNothingStored_defect3() {
        String msisdn = availableNumber("op-sn", "13891803", false);
        ObjectNode longName = openingOrder(msisdn, "GOTONE-88");
        ((ObjectNode) longName.get("customer")).put("name", "张".repeat(256));
        assertEquals("customer.name", refused(longName, 400, "TEXT_TOO_LONG").path("field").asText());

        ObjectNode longAddress = openingOrder(msisdn, "GOTONE-88");
        ((ObjectNode) longAddress.get("customer")).put("address", "路".repeat(501));
        assertEquals("customer.address", refused(longAddress, 400, "TEXT_TOO_LONG").path("field").asText());

        ObjectNode longDocument = openingOrder(msisdn, "GOTONE-88");
        ((ObjectNode) longDocument.get("documents").get(0)).put("number", "9".repeat(65));
        assertEquals("documents[0].number", refused(longDocument, 400, "TEXT_TOO_LONG").path("field").asText());

        ObjectNode longParty = openingOrder(msisdn, "GOTONE-88");
        longParty.putArray("parties").addObject().put("role", "CONTACT").put("type", "PERSONAL")
                .put("name", "李".repeat(201)).put("idType", "ID_CARD").put("idNumber", VALID_ID);
        assertEquals("parties[0].name", refused(longParty, 400, "TEXT_TOO_LONG").path("field").asText());

        ObjectNode longParam = openingOrder(msisdn, "GOTONE-88");
        ((ObjectNode) longParam.get("params")).put("package", "G".repeat(2001));
        assertEquals("params.package", refused(longParam, 400, "TEXT_TOO_LONG").path("field").asText());
    }

    @Test
    public void malformedPercentEncodingInAPathIs400Problem_defect4() {
        for (String target : List.of("/orders/%zz", "/subscribers/%00", "/accounts/1%2/ledger")) {
            RawAnswer answer = raw("GET", target, auth("op-sn"), null);
            assertEquals(target + ": " + answer.text(), 400, answer.status());
            assertEquals(target, "REQUEST_MALFORMED", answer.problem().path("code").asText());
            assertNoInternals(answer);
        }
        RawAnswer notUtf8 = raw("GET", "/orders/%C0%AE", auth("op-sn"), null);
        assertEquals(notUtf8.text(), 400, notUtf8.status());
        assertEquals("PATH_ENCODING_INVALID", notUtf8.problem().path("code").asText());
    }

    @Test
    public void malformedPercentEncodingInAQueryIs400Problem_defect4() {
        for (String target : List.of("/orders?msisdn=%zz", "/numbers?pattern=%zz", "/accounts/1/ledger?limit=%zz",
                "/orders?state=%E0%A4", "/procedures?offset=%", "/products?limit=%C0%AE")) {
            RawAnswer answer = raw("GET", target, auth("op-sn"), null);
            assertEquals(target + ": " + answer.text(), 400, answer.status());
            JsonNode problem = answer.problem();
            assertEquals(target, "QUERY_ENCODING_INVALID", problem.path("code").asText());
            assertEquals(target, target.substring(target.indexOf('?') + 1, target.indexOf('=')),
                    problem.path("field").asText());
        }
    }

    @Test
    public void unknownCharsetAndMissingBodiesAre4xxProblemsWithoutServletText_defect5() {
        List<String> jsonBogus = List.of("Content-Type", "application/json; charset=bogus");
        for (String[] call : new String[][] {{"POST", "/orders", "op-sn"}, {"PUT", "/admin/clock", "admin"},
                {"POST", "/orders/x/payments", "op-sn"}, {"POST", "/admin/billing-runs", "admin"}}) {
            List<String> headers = new ArrayList<>(auth(call[2]));
            headers.addAll(jsonBogus);
            RawAnswer answer = raw(call[0], call[1], headers, "{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(call[1] + ": " + answer.text(), 400, answer.status());
            assertEquals("CHARSET_UNSUPPORTED", answer.problem().path("code").asText());
            assertNoInternals(answer);
        }
        RawAnswer empty = raw("PUT", "/admin/clock", auth("admin"), null);
        assertTrue(empty.text(), empty.status() == 400 || empty.status() == 415);
        empty.problem();
        assertNoInternals(empty);
        List<String> json = new ArrayList<>(auth("admin"));
        json.addAll(List.of("Content-Type", "application/json"));
        RawAnswer emptyJson = raw("PUT", "/admin/clock", json, new byte[0]);
        assertEquals(emptyJson.text(), 400, emptyJson.status());
        assertEquals("JSON_MALFORMED", emptyJson.problem().path("code").asText());
    }

    private static void assertNoInternals(RawAnswer answer) {
        String text = answer.text();
        for (String leak : new String[] {"java.", "Exception", "org.apache", "cxf-servlet", "javax."}) {
            assertTrue("the answer names an internal (" + leak + "): " + text, !text.contains(leak));
        }
    }

    // ------------------------------------------------------------------ the generated requests

    /** One generated request, what it is meant to provoke, and what it must be answered with. */
    private record Probe(String family, String method, String target, List<String> headers, byte[] body,
            Expect expect) {
    }

    /**
     * What a probe's answer must be: a refusal (4xx problem), a 401, any answer but a 5xx (reads), or a 400 problem of
     * the HTTP server's parser.
     */
    private enum Expect {
        REFUSED, UNAUTHENTICATED, NOT_5XX, PARSER_400, PARSER_REFUSED
    }

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** The state a refused request must leave as it was. */
    private Map<String, JsonNode> snapshot(Fixture f) {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        state.put("orders of SN", JSON.valueToTree(get("op-sn", "/orders?limit=1").expect(200).header("X-Total-Count")));
        state.put("orders of SX", JSON.valueToTree(get("op-sx", "/orders?limit=1").expect(200).header("X-Total-Count")));
        state.put("order", get("op-sn", "/orders/" + f.orderId).expect(200).json());
        state.put("payments", get("op-sn", "/orders/" + f.orderId + "/payments").expect(200).json());
        state.put("subscriber", get("op-sn", "/subscribers/" + f.msisdn).expect(200).json());
        state.put("account", get("op-sn", "/accounts/" + f.accountId).expect(200).json());
        state.put("ledger", get("op-sn", "/accounts/" + f.accountId + "/ledger?limit=500").expect(200).json());
        state.put("receipt", get("op-sn", "/receipts/" + f.receipt).expect(200).json());
        state.put("numbers available", JSON.valueToTree(
                get("op-sn", "/numbers?prefix=13891809&limit=1").expect(200).header("X-Total-Count")));
        state.put("settlement", get("mgr-sn", "/halls/SN-XA-001/settlements/" + f.date).expect(200).json());
        return state;
    }

    /** A subscriber with its order, account and receipt, which the generated requests aim at. */
    private record Fixture(String orderId, String msisdn, String accountId, String receipt, String date) {
    }

    private Fixture fixture() {
        String msisdn = availableNumber("op-sn", "13891809", false);
        ObjectNode order = openingOrder(msisdn, "MZONE-18");
        ((ObjectNode) order.get("customer")).put("name", MARKER_NAME).put("idNumber", MARKER_ID);
        ((ArrayNode) order.get("documents")).removeAll().addObject().put("kind", "HOLDER_ID").put("number", MARKER_ID);
        JsonNode created = post("op-sn", "/orders", order, key()).expect(201).json();
        String orderId = created.path("id").asText();
        JsonNode paid = post("op-sn", "/orders/" + orderId + "/payments", object().put("method", "CASH")
                .put("tenderedFen", created.path("quote").path("totalFen").asLong()), key()).expect(201).json();
        assertEquals("COMPLETED", get("op-sn", "/orders/" + orderId).expect(200).json().path("state").asText());
        String account = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asText();
        return new Fixture(orderId, msisdn, account, paid.path("receipt").path("number").asText(),
                created.path("createdAt").asText().substring(0, 10));
    }

    @Test
    public void generatedBadInputAcrossEveryEndpointIsRefusedWithProblemsAndChangesNothing() throws Exception {
        long started = System.currentTimeMillis();
        Fixture f = fixture();
        // every bizhall logger writes what it would while the requests are served: more lines for the scan below
        shell("log:set DEBUG org.bizhall");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        try {
            Map<String, JsonNode> before = snapshot(f);
            List<Probe> probes = generate(get(null, "/openapi.json").expect(200).json(), f);
            for (Probe probe : probes) {
                RawAnswer answer = raw(probe.method(), probe.target(), probe.headers(), probe.body());
                sent++;
                String wrong = judge(probe, answer);
                if (wrong != null) {
                    failures.add(describe(probe, answer, wrong));
                }
            }
            assertTrue("at least 1,000 generated requests, was " + sent, sent >= 1000);
            Map<String, JsonNode> after = snapshot(f);
            for (String part : before.keySet()) {
                if (!before.get(part).equals(after.get(part))) {
                    failures.add(0, "state changed by refused requests: " + part + "\n  before " + before.get(part)
                            + "\n  after  " + after.get(part));
                }
            }
            // a request's log lines carry its id
            List<String> probeHeaders = new ArrayList<>(List.of("X-Request-Id", "bad-input-probe-7"));
            probeHeaders.addAll(List.of("Authorization", basic("op-sn", "not-the-password")));
            assertEquals(401, raw("GET", "/me", probeHeaders, null).status());
        } finally {
            shell("log:set DEFAULT org.bizhall");
        }
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder(failures.size() + " of " + sent + " generated requests failed; the first:");
            Map<String, Integer> byFamily = new java.util.TreeMap<>();
            failures.forEach(line -> byFamily.merge(line.replaceAll("^[^\\[]*\\[([^\\]]*)\\].*$", "$1"), 1, Integer::sum));
            message.append(" (by kind: ").append(byFamily).append(")");
            failures.stream().limit(15).forEach(line -> message.append("\n- ").append(line));
            throw new AssertionError(message.toString());
        }
        List<String> log = karafLog();
        assertTrue("the log shows the id of the request a line was written for",
                log.stream().anyMatch(line -> line.contains("req bad-input-probe-7")));
        assertNoPersonalDataIn(log);
        assertTrue("the generated requests took " + (System.currentTimeMillis() - started) + " ms",
                System.currentTimeMillis() - started < 240_000);
    }

    /**
     * Issue 8: the log never shows a holder's name or ID number in clear. Every name and ID number the suite's classes
     * send is looked for in the container's karaf.log.
     */
    private static void assertNoPersonalDataIn(List<String> log) {
        List<String> personal = List.of(MARKER_NAME, MARKER_ID, "张三", "李四", "张张张张张张张张", VALID_ID,
                "110105194912310021", "91350100M000100Y43", "西安某某科技有限公司");
        List<String> found = new ArrayList<>();
        for (String line : log) {
            for (String data : personal) {
                if (line.contains(data)) {
                    found.add(line.length() > 300 ? line.substring(0, 300) + "…" : line);
                }
            }
        }
        assertEquals("log lines with a holder's name or ID number in clear", List.of(), found);
    }

    private static String judge(Probe probe, RawAnswer answer) {
        int status = answer.status();
        if (status >= 500 || status < 100) {
            return "a server error";
        }
        if (probe.expect() == Expect.PARSER_400 && status != 400) {
            return "not 400";
        }
        if (probe.expect() == Expect.REFUSED && (status < 400 || status > 499)) {
            return "not refused";
        }
        if (probe.expect() == Expect.UNAUTHENTICATED && status != 401) {
            return "not 401";
        }
        if (probe.expect() == Expect.PARSER_REFUSED && (status < 400 || status > 499)) {
            return "not refused";
        }
        boolean parser = probe.expect() == Expect.PARSER_400 || probe.expect() == Expect.PARSER_REFUSED;
        if (!parser && answer.header("x-request-id") == null) {
            return "an answer without X-Request-Id";
        }
        String text = answer.text();
        if (!probe.target().startsWith("/openapi.json")) {
            for (String leak : new String[] {"java.", "Exception", "org.apache", "cxf-servlet"}) {
                if (text.contains(leak)) {
                    return "the answer names an internal (" + leak + ")";
                }
            }
        }
        if (status >= 400) {
            String type = answer.header("content-type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
                return "a refusal that is not application/problem+json";
            }
            JsonNode problem;
            try {
                problem = JSON.readTree(answer.body());
            } catch (IOException e) {
                return "a problem that is not JSON";
            }
            if (!CODE.matcher(problem.path("code").asText()).matches()) {
                return "a problem without an UPPER_SNAKE code";
            }
            if (problem.path("status").asInt() != status) {
                return "a problem whose status is not the answer's";
            }
        }
        return null;
    }

    private static String describe(Probe probe, RawAnswer answer, String wrong) {
        String body = probe.body() == null ? "" : new String(probe.body(), StandardCharsets.UTF_8);
        return wrong + ": [" + probe.family() + "] " + probe.method() + " " + excerpt(probe.target(), 160) + " "
                + excerpt(body, 160) + " → " + answer.status() + " " + answer.header("content-type") + " "
                + excerpt(answer.text(), 300);
    }

    private static String excerpt(String text, int max) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + ")";
    }

    // ------------------------------------------------------------------ generation from the OpenAPI document

    private static final String NO_ORDER = "00000000-0000-0000-0000-00000000dead";
    private static final List<String> HOSTILE_IDS = List.of("..%2F..%2F..%2Fetc%2Fpasswd", "..", "%2e%2e%2f%2e%2e",
            "1%27%20OR%20%271%27%3D%271", "1%3BDROP%20TABLE%20orders--", "9".repeat(300), "%C0%AE%C0%AE",
            "%E4%B8%AD%E6%96%87", "-1", "99999999999999999999999", "%3Cscript%3E", "*", "%25zz");
    private static final List<String> HOSTILE_QUERY_VALUES = List.of("%zz", "%", "%C0%AE", "x".repeat(5000), "-1",
            "99999999999999999999999", "1%27%20OR%20%271%27%3D%271", "..%2F..%2F", "%00", "%FF%FE", "1.5", "%E5%BC%A0");

    private List<Probe> generate(JsonNode openapi, Fixture f) {
        Random random = new Random(20261203L);
        List<Probe> probes = new ArrayList<>();
        JsonNode components = openapi.path("components");
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                generate(probes, method, path.getKey(), op.getValue(), path.getValue().path("parameters"), components,
                        f, random);
            }
        }
        otherProvince(probes, f);
        // what the HTTP server itself refuses: a request line or headers beyond what it reads
        probes.add(new Probe("uri too long", "GET", "/orders?procedure=" + "x".repeat(9000), auth("op-sn"), null,
                Expect.PARSER_REFUSED));
        probes.add(new Probe("header too large", "GET", "/me", with(auth("op-sn"), List.of("X-Filler", "y".repeat(9000))),
                null, Expect.PARSER_REFUSED));
        probes.add(new Probe("header unreadable", "GET", "/me", with(auth("op-sn"), List.of("Bad Header Name", "1")),
                null, Expect.PARSER_REFUSED));
        return probes;
    }

    private static JsonNode resolve(JsonNode node, JsonNode components) {
        JsonNode current = node;
        for (int i = 0; i < 5 && current.has("$ref"); i++) {
            String[] ref = current.path("$ref").asText().replace("#/components/", "").split("/");
            current = components.path(ref[0]).path(ref[1]);
        }
        return current;
    }

    /** Path values that leave a request refused whatever its body says (nothing must change). */
    private static String pathValue(String method, String template, String name, Fixture f) {
        boolean read = method.equals("GET");
        return switch (name) {
            case "id" -> template.startsWith("/accounts") ? f.accountId()
                    : template.startsWith("/devices") ? "NO-SUCH-DEVICE" : NO_ORDER;
            case "msisdn" -> f.msisdn();
            case "number" -> read ? f.receipt() : "SN-XA-001-20991231-999999";
            case "hall" -> read ? "SN-XA-001" : "SN-XA-002";
            case "date" -> f.date();
            default -> "x";
        };
    }

    /**
     * Who sends the generated requests of an endpoint: an operator of SN, whose valid request would still be refused
     * there (an admin endpoint, closing a day, another hall's devices, an assigned number, no such order).
     */
    private static String user(String template) {
        // every generated body must be one the context refuses: an operator's complaint intake is valid whatever its
        // text, so the back office (which dispatches and replies but takes no complaint in) sends those
        return template.equals("/tickets") ? "bo-sn" : "op-sn";
    }

    private void generate(List<Probe> probes, String method, String template, JsonNode op, JsonNode pathParameters,
            JsonNode components, Fixture f, Random random) {
        List<JsonNode> parameters = new ArrayList<>();
        op.path("parameters").forEach(p -> parameters.add(resolve(p, components)));
        pathParameters.forEach(p -> parameters.add(resolve(p, components)));
        Map<String, String> pathValues = new LinkedHashMap<>();
        List<String> queryNames = new ArrayList<>();
        boolean takesKey = false;
        for (JsonNode p : parameters) {
            String in = p.path("in").asText();
            if (in.equals("path")) {
                pathValues.put(p.path("name").asText(), pathValue(method, template, p.path("name").asText(), f));
            } else if (in.equals("query")) {
                queryNames.add(p.path("name").asText());
            } else if (in.equals("header") && p.path("name").asText().equalsIgnoreCase("Idempotency-Key")) {
                takesKey = true;
            }
        }
        boolean read = method.equals("GET") || template.endsWith("/holder-check");
        boolean open = template.equals("/health") || template.equals("/openapi.json");
        Expect refusedOrRead = read ? Expect.NOT_5XX : Expect.REFUSED;
        String user = user(template);
        String target = fill(template, pathValues);
        JsonNode schema = resolve(op.path("requestBody").path("content").path("application/json").path("schema"),
                components);
        byte[] base = schema.isMissingNode() ? null : bytes(baseBody(template, schema, components, f));

        // wrong or no credentials; a wrong password costs the realm a deliberately slow hash, so each endpoint gets one
        // of those (chosen by the seed) besides every credential that fails before hashing
        if (!open) {
            List<List<String>> checkedByTheRealm = List.of(List.of("Authorization", basic(user, "wrong")),
                    List.of("Authorization", basic("nobody-" + random.nextInt(1000), "x")),
                    List.of("Authorization", basic(user, "x".repeat(5000))));
            for (List<String> credentials : List.of(List.<String>of(),
                    checkedByTheRealm.get(random.nextInt(checkedByTheRealm.size())),
                    List.of("Authorization", "Bearer abc.def.ghi"), List.of("Authorization", "Basic !!!not-base64"),
                    List.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))))) {
                probes.add(new Probe("credentials", method, target, withJson(credentials, base), base,
                        Expect.UNAUTHENTICATED));
            }
        }
        // ids with traversal, SQL, bad bytes
        for (String name : pathValues.keySet()) {
            for (String hostile : HOSTILE_IDS) {
                Map<String, String> values = new LinkedHashMap<>(pathValues);
                values.put(name, hostile);
                probes.add(new Probe("path " + name, method, fill(template, values), withJson(auth(user), base), base,
                        open || read ? Expect.NOT_5XX : Expect.REFUSED));
            }
            // a malformed escape or an encoded NUL in the path is refused by the HTTP server's own parser, before any
            // filter runs: 400 REQUEST_MALFORMED (see docs/errors.md)
            for (String unparsable : List.of("%zz", "%00", "a%2", "%%")) {
                Map<String, String> values = new LinkedHashMap<>(pathValues);
                values.put(name, unparsable);
                probes.add(new Probe("path escape " + name, method, fill(template, values), auth(user), null,
                        Expect.PARSER_400));
            }
        }
        // bad query values, bad percent-encodings
        for (String name : queryNames) {
            for (String value : HOSTILE_QUERY_VALUES) {
                boolean malformed = value.startsWith("%") && RAW_MALFORMED.test(value);
                probes.add(new Probe("query " + name, method, target + "?" + name + "=" + value, withJson(auth(user), base),
                        base, malformed ? Expect.REFUSED : refusedOrRead));
            }
        }
        if (!queryNames.isEmpty()) {
            probes.add(new Probe("query name", method, target + "?%zz=1", auth(user), null, Expect.REFUSED));
            probes.add(new Probe("query repeated", method, target + "?" + queryNames.get(0) + "=1&" + queryNames.get(0)
                    + "=%zz", auth(user), null, Expect.REFUSED));
        }
        // a bad Idempotency-Key
        if (takesKey) {
            for (String hostileKey : List.of("", " ", "k".repeat(129), "键", "a\tb")) {
                List<String> headers = withJson(auth(user), base);
                headers.addAll(List.of("Idempotency-Key", hostileKey));
                probes.add(new Probe("idempotency key", method, target, headers, base, Expect.REFUSED));
            }
        }
        if (schema.isMissingNode()) {
            return;
        }
        List<String> senders = template.startsWith("/admin") ? List.of(user, "admin") : List.of(user);
        for (String sender : senders) {
            bodyShapes(probes, method, target, sender, base, random, read ? Expect.NOT_5XX : Expect.REFUSED);
        }
        bodyFields(probes, method, target, user, schema, components, template, f, read ? Expect.NOT_5XX : Expect.REFUSED);
    }

    /** Escapes that are not two hex digits, or bytes that are not UTF-8. */
    private static final Predicate<String> RAW_MALFORMED = v -> v.equals("%zz") || v.equals("%") || v.equals("%C0%AE")
            || v.equals("%FF%FE");

    /** Bodies broken as a whole: no body, wrong media type and charset, not JSON, bad bytes, deep nesting. */
    private static void bodyShapes(List<Probe> probes, String method, String target, String user, byte[] base,
            Random random, Expect expect) {
        String family = "body (" + user + ")";
        List<String> json = List.of("Content-Type", "application/json");
        probes.add(new Probe(family + " empty", method, target, with(auth(user), json), new byte[0], expect));
        probes.add(new Probe(family + " none", method, target, auth(user), null, expect));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=bogus", "application/json; charset=\"\u00e9\"",
                "application/json; charset=utf-7", "application/json; charset=x-no-such-charset-42",
                "application/json;;;charset===", "!!!/???")) {
            probes.add(new Probe(family + " content type", method, target, with(auth(user), List.of("Content-Type", type)),
                    base, expect));
        }
        for (String text : List.of("{", "{\"a\":}", "[]", "\"text\"", "null", "123", "true", "{}{}", "{} trailing",
                "{\"a\":1,\"a\":2}", "{'a':1}", "{\"a\":NaN}", "{\"a\":0x10}", "{\"a\":01}", "{\"a\":\"\\u12\"}",
                "\uFEFF{}", "{\"a\":1,}", "{\"a\"\u0000:1}", "{\"" + "k".repeat(100_000) + "\":1}")) {
            probes.add(new Probe(family + " not json", method, target, with(auth(user), json),
                    text.getBytes(StandardCharsets.UTF_8), expect));
        }
        // invalid UTF-8: a lone continuation byte, an overlong form, a truncated sequence, a surrogate
        for (byte[] bad : new byte[][] {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAE}, {(byte) 0xE4, (byte) 0xB8},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}}) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("{\"name\":\"".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bad);
            body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            probes.add(new Probe(family + " invalid utf-8", method, target, with(auth(user), json), body.toByteArray(),
                    expect));
        }
        byte[] garbage = new byte[512];
        random.nextBytes(garbage);
        probes.add(new Probe(family + " random bytes", method, target, with(auth(user), json), garbage, expect));
        probes.add(new Probe(family + " deep arrays", method, target, with(auth(user), json),
                ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8), expect));
        probes.add(new Probe(family + " deep objects", method, target, with(auth(user), json),
                ("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8), expect));
        probes.add(new Probe(family + " huge number", method, target, with(auth(user), json),
                ("{\"a\":" + "9".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8), expect));
    }

    /** Bodies with one field wrong: each property gets wrong types, huge text, overflowing numbers, unknown enums. */
    private void bodyFields(List<Probe> probes, String method, String target, String user, JsonNode schema,
            JsonNode components, String template, Fixture f, Expect expect) {
        ObjectNode base = baseBody(template, schema, components, f);
        List<String> json = List.of("Content-Type", "application/json; charset=UTF-8");
        List<String> headers = with(auth(user), json);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        collectFields(schema, components, "", fields, 0);
        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            String name = field.getKey();
            JsonNode property = field.getValue();
            List<JsonNode> wrong = new ArrayList<>(List.of(JSON.getNodeFactory().textNode("abc"),
                    JSON.getNodeFactory().numberNode(123), JSON.getNodeFactory().booleanNode(true),
                    JSON.createArrayNode().add(1), JSON.createObjectNode().put("x", 1),
                    JSON.getNodeFactory().textNode(MARKER_NAME.repeat(30_000)),
                    JSON.getNodeFactory().textNode(MARKER_ID + "'; DROP TABLE orders;--"),
                    JSON.getNodeFactory().textNode("\u0000\u202E\uD83D\uDE00")));
            String type = property.path("type").asText();
            if (type.equals("integer") || type.equals("number")) {
                wrong.add(JSON.getNodeFactory().numberNode(new java.math.BigInteger("9".repeat(40))));
                wrong.add(JSON.getNodeFactory().numberNode(new java.math.BigInteger("-" + "9".repeat(40))));
                wrong.add(JSON.getNodeFactory().numberNode(1.5));
                wrong.add(JSON.getNodeFactory().numberNode(Long.MIN_VALUE));
                wrong.add(JSON.getNodeFactory().textNode("1e400"));
            }
            if (property.has("enum")) {
                wrong.add(JSON.getNodeFactory().textNode("NO_SUCH_" + name.toUpperCase(Locale.ROOT).replace('.', '_')));
                wrong.add(JSON.getNodeFactory().textNode(property.path("enum").path(0).asText().toLowerCase(Locale.ROOT)));
                wrong.add(JSON.getNodeFactory().numberNode(0));
            }
            for (JsonNode value : wrong) {
                ObjectNode body = base.deepCopy();
                set(body, name, value);
                probes.add(new Probe("field " + name, method, target, headers, bytes(body), expect));
            }
            ObjectNode without = base.deepCopy();
            remove(without, name);
            probes.add(new Probe("missing " + name, method, target, headers, bytes(without), expect));
            ObjectNode nulled = base.deepCopy();
            set(nulled, name, JSON.getNodeFactory().nullNode());
            probes.add(new Probe("null " + name, method, target, headers, bytes(nulled), expect));
            // a literal overflow Jackson cannot hold in any number type
            String overflow = bytesText(base).replaceFirst("\\{", "{\"" + name.replace(".", "_") + "\":1e999999999,");
            probes.add(new Probe("overflow " + name, method, target, headers, overflow.getBytes(StandardCharsets.UTF_8),
                    expect));
        }
        // extra fields, keeping the base (which the context refuses) and dropping everything
        ObjectNode extra = base.deepCopy();
        extra.putObject("__proto__").put("admin", true);
        extra.put("$where", "1==1").put("role", "admin").put("province", "SX").put("state", "COMPLETED");
        probes.add(new Probe("extra fields", method, target, headers, bytes(extra), expect));
        ObjectNode onlyExtra = JSON.createObjectNode().put("unknown", MARKER_NAME).put("idNumber", MARKER_ID);
        probes.add(new Probe("only extra fields", method, target, headers, bytes(onlyExtra), expect));
    }

    /** Every property path of a schema, nested objects and the first item of arrays of objects included. */
    private static void collectFields(JsonNode schema, JsonNode components, String prefix, Map<String, JsonNode> into,
            int depth) {
        JsonNode resolved = resolve(schema, components);
        for (Iterator<Map.Entry<String, JsonNode>> it = resolved.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode value = resolve(property.getValue(), components);
            String name = prefix + property.getKey();
            into.put(name, value);
            if (depth < 2 && value.path("type").asText().equals("object") && value.has("properties")) {
                collectFields(value, components, name + ".", into, depth + 1);
            }
            if (depth < 2 && value.path("type").asText().equals("array")) {
                JsonNode items = resolve(value.path("items"), components);
                if (items.has("properties")) {
                    collectFields(items, components, name + ".0.", into, depth + 1);
                }
            }
        }
    }

    /** A body of the right shape that the endpoint's context refuses (an assigned number, another hall, no such order). */
    private ObjectNode baseBody(String template, JsonNode schema, JsonNode components, Fixture f) {
        if (template.equals("/orders")) {
            ObjectNode order = openingOrder(f.msisdn(), "GOTONE-88");
            ((ObjectNode) order.get("customer")).put("name", MARKER_NAME).put("idNumber", MARKER_ID);
            ((ArrayNode) order.get("documents")).removeAll().addObject().put("kind", "HOLDER_ID").put("number", MARKER_ID);
            order.putArray("parties").addObject().put("role", "PROXY").put("type", "PERSONAL").put("name", MARKER_NAME)
                    .put("idType", "ID_CARD").put("idNumber", MARKER_ID);
            return order;
        }
        ObjectNode body = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            body.set(property.getKey(), sample(resolve(property.getValue(), components), property.getKey(), f));
        }
        return body;
    }

    private static JsonNode sample(JsonNode property, String name, Fixture f) {
        if (property.has("enum")) {
            return JSON.getNodeFactory().textNode(property.path("enum").path(0).asText());
        }
        if (property.has("example")) {
            return property.path("example");
        }
        return switch (property.path("type").asText()) {
            case "integer", "number" -> JSON.getNodeFactory().numberNode(1);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "array" -> JSON.createArrayNode();
            case "object" -> JSON.createObjectNode();
            default -> JSON.getNodeFactory().textNode(name.equals("msisdn") ? f.msisdn() : name.equals("name")
                    ? MARKER_NAME : "x");
        };
    }

    private static void set(ObjectNode body, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = parts[i].matches("\\d+") ? node.path(Integer.parseInt(parts[i])) : node.path(parts[i]);
            if (next.isMissingNode() || next.isNull() || next.isValueNode()) {
                next = parts[i + 1].matches("\\d+") ? JSON.createArrayNode().addObject() : JSON.createObjectNode();
                if (node instanceof ObjectNode o) {
                    o.set(parts[i], parts[i + 1].matches("\\d+") ? JSON.createArrayNode().add(next) : next);
                }
            }
            node = next;
        }
        if (node instanceof ObjectNode o) {
            o.set(parts[parts.length - 1], value);
        }
    }

    private static void remove(ObjectNode body, String path) {
        String[] parts = path.split("\\.");
        JsonNode node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            node = parts[i].matches("\\d+") ? node.path(Integer.parseInt(parts[i])) : node.path(parts[i]);
        }
        if (node instanceof ObjectNode o) {
            o.remove(parts[parts.length - 1]);
        }
    }

    /** Requests of one province's staff at another province's subscriber, account, order, receipt and hall. */
    private void otherProvince(List<Probe> probes, Fixture f) {
        List<String> json = with(auth("op-sx"), List.of("Content-Type", "application/json"));
        byte[] empty = bytes(object());
        byte[] payment = bytes(object().put("method", "CASH").put("tenderedFen", 100));
        byte[] approval = bytes(object().put("step", "BIG_CUSTOMER_OFFICE").put("approved", true));
        String[][] reads = {{"/subscribers/" + f.msisdn()}, {"/subscribers/" + f.msisdn() + "/arrears"},
            {"/accounts/" + f.accountId()}, {"/accounts/" + f.accountId() + "/ledger"}, {"/orders/" + f.orderId()},
            {"/orders/" + f.orderId() + "/payments"}, {"/orders/" + f.orderId() + "/rating"}, {"/receipts/" + f.receipt()},
            {"/halls/SN-XA-001/settlements/" + f.date()}, {"/halls/SN-XA-001/ratings"}, {"/numbers?province=SN"},
            {"/devices?hall=SN-XA-001"}, {"/halls/SN-XA-001/number-kiosk/choice"},
            {"/admin/collection-runs/notices/" + f.msisdn()}};
        for (String[] read : reads) {
            probes.add(new Probe("other province", "GET", read[0], auth("op-sx"), null, Expect.REFUSED));
        }
        Object[][] writes = {{"/orders/" + f.orderId() + "/payments", payment}, {"/orders/" + f.orderId() + "/cancel", null},
            {"/orders/" + f.orderId() + "/confirmations", approval}, {"/receipts/" + f.receipt() + "/reprint", null},
            {"/numbers/" + f.msisdn() + "/reservations", empty},
            {"/subscribers/" + f.msisdn() + "/holder-check", bytes(object().put("name", MARKER_NAME))},
            {"/halls/SN-XA-001/queue/tickets", empty}, {"/halls/SN-XA-001/queue/calls", bytes(object().put("counter", "C1"))},
            {"/halls/SN-XA-001/settlements/" + f.date(), bytes(object().put("countedCashFen", 0))},
            {"/orders/" + f.orderId() + "/rating", bytes(object().put("score", 5))},
            {"/halls/SN-XA-001/number-kiosk/offers", bytes(object().put("prefix", "139"))}};
        for (Object[] write : writes) {
            probes.add(new Probe("other province", "POST", (String) write[0], write[1] == null ? auth("op-sx") : json,
                    (byte[]) write[1], Expect.REFUSED));
        }
        ObjectNode billPayment = object().put("procedure", "bill-payment").put("msisdn", f.msisdn());
        billPayment.putObject("params").put("amountFen", 100);
        probes.add(new Probe("other province", "POST", "/orders", json, bytes(billPayment), Expect.REFUSED));
        ObjectNode suspend = object().put("procedure", "suspend").put("msisdn", f.msisdn());
        suspend.set("customer", personalCustomer(MARKER_NAME).put("idNumber", MARKER_ID));
        suspend.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", MARKER_ID);
        probes.add(new Probe("other province", "POST", "/orders", json, bytes(suspend), Expect.REFUSED));
    }

    // ------------------------------------------------------------------ a raw HTTP client

    /** An answer read off the socket. */
    private record RawAnswer(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode problem() {
            String type = header("content-type");
            assertTrue(text(), type != null && type.startsWith("application/problem+json"));
            try {
                JsonNode problem = JSON.readTree(body);
                assertTrue(text(), CODE.matcher(problem.path("code").asText()).matches());
                assertEquals(text(), status, problem.path("status").asInt());
                return problem;
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }
    }

    private static List<String> auth(String user) {
        return List.of("Authorization", basic(user, user));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> with(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> withJson(List<String> headers, byte[] body) {
        return body == null ? new ArrayList<>(headers) : with(headers, List.of("Content-Type", "application/json"));
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bytesText(JsonNode body) {
        return new String(bytes(body), StandardCharsets.UTF_8);
    }

    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    /**
     * Sends a request exactly as given (path and query bytes untouched, any header value, any body) over a fresh
     * connection: the JDK's HTTP client refuses the malformed requests this class must send.
     */
    private static RawAnswer raw(String method, String target, List<String> headers, byte[] body) {
        int port = Integer.parseInt(System.getProperty("bizhall.http.port", "8181"));
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method).append(" /api/v1").append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n")
                    .append("Accept: application/json\r\n");
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
            }
            if (body != null || method.equals("POST") || method.equals("PUT")) {
                head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            return new RawAnswer(-1, Map.of(), ("no answer: " + e).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static RawAnswer parse(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = -1;
        for (int i = 0; i + 3 < all.length; i++) {
            if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return new RawAnswer(-1, Map.of(), all);
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rest = dechunk(rest);
        }
        return new RawAnswer(status, headers, rest);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(length, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + length + 2;
        }
        return out.toByteArray();
    }
}
