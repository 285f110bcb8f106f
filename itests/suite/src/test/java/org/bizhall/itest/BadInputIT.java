package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Each kind of bad input gets a 4xx problem with a stable code, and nothing is written. */
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

    @Override
    protected boolean checksAnswersAgainstOpenApi() {
        return true;
    }
}
