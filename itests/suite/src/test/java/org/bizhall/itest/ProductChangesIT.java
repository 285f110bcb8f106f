package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Product changes over HTTP in the distribution (rulebook §9, §10): a package change waits, SCHEDULED, for the month's
 * turn, which the scheduler carries out once the business clock passes it, and the billing runs charge the old
 * package for the month before and the new one from its month on; a cancelled change leaves the package; the demo
 * subscribers bound by each commitment are refused with nothing stored; international roaming opens with its deposit
 * (ledger entry, receipt) and the guarantee letter and closes freely; the long-distance level changes at once. The
 * business clock only moves forward here (the suites share one container). Numbers: 138918098xx and the demo's
 * 13891810001-4.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ProductChangesIT extends BizhallTestSupport {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String SEGMENT = "138918098";

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    /** An envelope of {@code procedure} for the demo holder 张三 who came in person, showing {@code documents}. */
    private static ObjectNode change(String procedure, String msisdn, String... documents) {
        ObjectNode order = object().put("procedure", procedure).put("msisdn", msisdn);
        order.set("customer", personalCustomer("张三"));
        var shown = order.putArray("documents");
        for (String kind : documents) {
            shown.addObject().put("kind", kind);
        }
        order.putObject("params");
        return order;
    }

    /** A change for one of the demo's own subscribers (its holder, by the ID number the demo data lists). */
    private static ObjectNode demoChange(String msisdn, String name, String idNumber, String packageCode) {
        ObjectNode order = object().put("procedure", "package-change").put("msisdn", msisdn);
        order.set("customer", object().put("type", "PERSONAL").put("name", name).put("idType", "ID_CARD")
                .put("idNumber", idNumber));
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", idNumber);
        order.putObject("params").put("package", packageCode);
        return order;
    }

    /** A new GOTONE-88 subscriber of 张三, paid; returns the completed opening order. */
    private JsonNode opened() {
        String msisdn = availableNumber("op-sn", SEGMENT, false);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", order.path("quote").path("totalFen").asLong()), key())
                .expect(201);
        JsonNode done = get("op-sn", "/orders/" + order.path("id").asText()).expect(200).json();
        assertEquals(done.toString(), "COMPLETED", done.path("state").asText());
        return done;
    }

    private JsonNode subscriber(String msisdn) {
        return get("op-sn", "/subscribers/" + msisdn).expect(200).json();
    }

    private static List<String> words(JsonNode list) {
        List<String> words = new ArrayList<>();
        list.forEach(w -> words.add(w.asText()));
        return words;
    }

    private List<JsonNode> ledger(long accountId) {
        List<JsonNode> entries = new ArrayList<>();
        get("op-sn", "/accounts/" + accountId + "/ledger?limit=500").expect(200).json().forEach(entries::add);
        return entries;
    }

    /** The rent charged to the account for {@code month} (billing notes name the month), 0 when none. */
    private long rentOf(long accountId, YearMonth month) {
        return ledger(accountId).stream().filter(e -> "RENT".equals(e.path("kind").asText()))
                .filter(e -> e.path("note").asText().endsWith(" " + month))
                .mapToLong(e -> e.path("amountFen").asLong()).sum();
    }

    private long ordersOf(String msisdn) {
        return Long.parseLong(get("op-sn", "/orders?msisdn=" + msisdn).expect(200).header("X-Total-Count"));
    }

    private Answer await(String what, Supplier<Answer> ask, Predicate<Answer> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        Answer last = null;
        while (System.currentTimeMillis() < deadline) {
            last = ask.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": last answer " + (last == null ? "none" : last.status() + " " + last.raw().body()));
    }

    @Test
    public void aPackageChangeWaitsForTheMonthsTurnAndIsBilledFromIt_rules10() throws Exception {
        JsonNode opening = opened();
        String msisdn = opening.path("msisdn").asText();
        long accountId = opening.path("result").path("accountId").asLong();
        LocalDate joined = OffsetDateTime.parse(opening.path("createdAt").asText()).atZoneSameInstant(ZONE).toLocalDate();

        ObjectNode asked = change("package-change", msisdn, "HOLDER_ID");
        ((ObjectNode) asked.get("params")).put("package", "GOTONE-128");
        JsonNode order = post("op-sn", "/orders", asked, key()).expect(201).json();
        String id = order.path("id").asText();
        assertEquals(order.toString(), "SCHEDULED", order.path("state").asText());
        assertEquals("DATE", order.path("awaiting").asText());
        assertEquals(0, order.path("quote").path("totalFen").asLong());
        LocalDate effective = joined.withDayOfMonth(1).plusMonths(1);
        JsonNode result = order.path("result");
        assertEquals(effective.toString(), result.path("effectiveFrom").asText());
        assertTrue(result.toString(), result.path("oldPackageGiftsStop").asBoolean());
        assertTrue(result.toString(), result.path("notice").toString().contains("gifts"));
        assertTrue(result.toString(), result.path("notice").toString().contains("next month"));
        OffsetDateTime due = OffsetDateTime.parse(result.path("dueAt").asText());
        assertEquals(effective.atStartOfDay(ZONE).toInstant(), due.toInstant());
        assertEquals("GOTONE-88", subscriber(msisdn).path("package").asText());

        // the shell lists it among the scheduled orders, with its due date
        String scheduled = shell("hall:orders --state SCHEDULED --limit 500");
        assertTrue(scheduled, scheduled.contains(id));
        assertTrue(scheduled, scheduled.contains(effective + " 00:00:00"));

        // a second change, cancelled before the turn, changes nothing
        ObjectNode other = change("package-change", msisdn, "HOLDER_ID");
        ((ObjectNode) other.get("params")).put("package", "MZONE-38");
        String cancelled = post("op-sn", "/orders", other, key()).expect(201).json().path("id").asText();
        JsonNode gone = post("op-sn", "/orders/" + cancelled + "/cancel", object()).expect(200).json();
        assertEquals("CANCELLED", gone.path("state").asText());

        // just before the turn nothing happens; past it the scheduler carries the change out
        put("admin", "/admin/clock", object().put("now", due.minusMinutes(5).toString())).expect(200);
        Thread.sleep(3_000);
        assertEquals("SCHEDULED", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());
        assertEquals("GOTONE-88", subscriber(msisdn).path("package").asText());
        put("admin", "/admin/clock", object().put("now", due.plusMinutes(30).toString())).expect(200);
        JsonNode done = await("the package change is carried out", () -> get("op-sn", "/orders/" + id),
                a -> a.status() == 200 && "COMPLETED".equals(a.json().path("state").asText())).json();
        assertEquals("GOTONE-88", done.path("result").path("packageBefore").asText());
        assertEquals("GOTONE-128", subscriber(msisdn).path("package").asText());
        assertEquals("CANCELLED", get("op-sn", "/orders/" + cancelled).expect(200).json().path("state").asText());

        // the month before the turn is the old package's (whether the scheduler billed it first or the admin does)
        YearMonth before = YearMonth.from(joined);
        post("admin", "/admin/billing-runs", object().put("month", before.toString())).expect(200);
        long oldRent = joined.getDayOfMonth() >= 16 ? 4400 : 8800;
        assertEquals(-oldRent, rentOf(accountId, before));

        // the month of the turn is billed, once it has ended, at the new package's rent
        YearMonth from = YearMonth.from(effective);
        put("admin", "/admin/clock", object().put("now", from.plusMonths(1).atDay(2).atTime(9, 0).atZone(ZONE)
                .toOffsetDateTime().toString())).expect(200);
        post("admin", "/admin/billing-runs", object().put("month", from.toString())).expect(200);
        assertEquals(-12800, rentOf(accountId, from));
    }

    @Test
    public void eachCommitmentRefusesAPackageChangeAndStoresNothing_rules10() {
        String[][] bound = {
            {"13891810002", "李强", "610103197606200032", "PACKAGE_AGREEMENT_NUMBER"},
            {"13891810003", "赵敏", "610103199011080042", "PACKAGE_BOUND_TO_PHONE"},
            {"13891810004", "孙丽", "61010319880229005X", "PREPAID_PROMOTION_UNFINISHED"}};
        for (String[] b : bound) {
            JsonNode problem = post("op-sn", "/orders", demoChange(b[0], b[1], b[2], "MZONE-18"), key())
                    .problem(422, b[3]);
            assertEquals(problem.toString(), "msisdn", problem.path("field").asText());
            assertEquals(b[0], 0, ordersOf(b[0]));
            JsonNode s = subscriber(b[0]);
            assertEquals("GOTONE-88", s.path("package").asText());
            assertFalse(s.toString(), words(s.path("commitments")).isEmpty());
        }
        // the demo's free subscriber: an unknown package is refused, a known one accepted
        JsonNode unknown = post("op-sn", "/orders", demoChange("13891810001", "王芳", "610103198003150026", "GOTONE-999"),
                key()).problem(422, "PACKAGE_UNKNOWN");
        assertEquals("params.package", unknown.path("field").asText());
        assertEquals(0, ordersOf("13891810001"));
        JsonNode accepted = post("op-sn", "/orders", demoChange("13891810001", "王芳", "610103198003150026", "MZONE-18"),
                key()).expect(201).json();
        assertEquals("SCHEDULED", accepted.path("state").asText());
        post("op-sn", "/orders/" + accepted.path("id").asText() + "/cancel", object()).expect(200);
        assertEquals("GOTONE-88", subscriber("13891810001").path("package").asText());
    }

    @Test
    public void roamingOpensWithDepositAndLetterAndClosesFreely_rules9() {
        JsonNode listed = get("op-sn", "/procedures").expect(200).json();
        boolean announced = false;
        for (JsonNode p : listed) {
            if ("roaming-change".equals(p.path("id").asText())) {
                announced = words(p.path("documentsByCase").path("INTL_ROAMING_OPEN")).equals(List.of("GUARANTEE_LETTER"));
            }
        }
        assertTrue("roaming-change announces the guarantee letter: " + listed, announced);

        JsonNode opening = opened();
        String msisdn = opening.path("msisdn").asText();
        long accountId = opening.path("result").path("accountId").asLong();
        long balance = get("op-sn", "/accounts/" + accountId).expect(200).json().path("balanceFen").asLong();
        int entries = ledger(accountId).size();

        ObjectNode noLetter = change("roaming-change", msisdn, "HOLDER_ID");
        ((ObjectNode) noLetter.get("params")).put("action", "OPEN");
        JsonNode missing = post("op-sn", "/orders", noLetter, key()).problem(422, "DOCUMENT_MISSING");
        assertTrue(missing.toString(), missing.path("detail").asText().contains("GUARANTEE_LETTER"));
        assertEquals(1, ordersOf(msisdn)); // the opening only

        ObjectNode open = change("roaming-change", msisdn, "HOLDER_ID", "GUARANTEE_LETTER");
        ((ObjectNode) open.get("params")).put("action", "OPEN");
        JsonNode order = post("op-sn", "/orders", open, key()).expect(201).json();
        assertEquals(order.toString(), "PENDING_PAYMENT", order.path("state").asText());
        assertEquals(50000, order.path("quote").path("totalFen").asLong());
        assertEquals("INTL_ROAMING_DEPOSIT", order.path("quote").path("items").get(0).path("code").asText());
        assertFalse(words(subscriber(msisdn).path("features")).contains("INTL_ROAMING"));
        String id = order.path("id").asText();
        JsonNode payment = post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "CASH").put("tenderedFen", 60000), key()).expect(201).json();
        assertEquals(10000, payment.path("changeFen").asLong());
        String receipt = payment.path("receipt").path("number").asText();
        assertEquals(50000, get("op-sn", "/receipts/" + receipt).expect(200).json().path("totalFen").asLong());
        assertEquals("COMPLETED", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());
        assertTrue(words(subscriber(msisdn).path("features")).contains("INTL_ROAMING"));
        List<JsonNode> deposit = ledger(accountId).stream()
                .filter(e -> "INTL_ROAMING_DEPOSIT".equals(e.path("kind").asText())).toList();
        assertEquals(deposit.toString(), 1, deposit.size());
        assertEquals(50000, deposit.get(0).path("amountFen").asLong());
        assertEquals(id, deposit.get(0).path("orderId").asText());
        assertEquals(balance + 50000, get("op-sn", "/accounts/" + accountId).expect(200).json().path("balanceFen").asLong());

        // opening again is refused; closing is free, at once, and refunds nothing
        post("op-sn", "/orders", open, key()).problem(422, "INTL_ROAMING_ALREADY_OPEN");
        ObjectNode close = change("roaming-change", msisdn, "HOLDER_ID");
        ((ObjectNode) close.get("params")).put("action", "CLOSE");
        JsonNode closed = post("op-sn", "/orders", close, key()).expect(201).json();
        assertEquals(closed.toString(), "COMPLETED", closed.path("state").asText());
        assertEquals(0, closed.path("quote").path("totalFen").asLong());
        assertFalse(words(subscriber(msisdn).path("features")).contains("INTL_ROAMING"));
        assertEquals(entries + 1, ledger(accountId).size());
        assertEquals(balance + 50000, get("op-sn", "/accounts/" + accountId).expect(200).json().path("balanceFen").asLong());
        post("op-sn", "/orders", close, key()).problem(422, "INTL_ROAMING_NOT_OPEN");
    }

    @Test
    public void theLongDistanceLevelChangesAtOnce_rules9() {
        String msisdn = opened().path("msisdn").asText();
        ObjectNode up = change("long-distance-change", msisdn, "HOLDER_ID");
        ((ObjectNode) up.get("params")).put("level", "INTERNATIONAL");
        JsonNode done = post("op-sn", "/orders", up, key()).expect(201).json();
        assertEquals(done.toString(), "COMPLETED", done.path("state").asText());
        assertEquals("DOMESTIC", done.path("result").path("levelBefore").asText());
        // rulebook §4: a transfer of this number now demands 500 yuan
        assertEquals(50000, done.path("result").path("transferMinDepositFen").asLong());
        assertTrue(words(subscriber(msisdn).path("features")).contains("INTL_LONG_DISTANCE"));

        JsonNode same = post("op-sn", "/orders", up, key()).problem(422, "LONG_DISTANCE_LEVEL_UNCHANGED");
        assertEquals("params.level", same.path("field").asText());
        ObjectNode bad = change("long-distance-change", msisdn, "HOLDER_ID");
        ((ObjectNode) bad.get("params")).put("level", "GALACTIC");
        post("op-sn", "/orders", bad, key()).problem(400, "PARAM_INVALID");

        ObjectNode down = change("long-distance-change", msisdn, "HOLDER_ID");
        ((ObjectNode) down.get("params")).put("level", "DOMESTIC");
        assertEquals("COMPLETED", post("op-sn", "/orders", down, key()).expect(201).json().path("state").asText());
        assertFalse(words(subscriber(msisdn).path("features")).contains("INTL_LONG_DISTANCE"));
    }
}
