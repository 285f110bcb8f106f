package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
 * The merchant butler (商户管家, rulebook §13) in the running distribution, over HTTP: the opening through the seven
 * steps by the Xi'an operator ({@code op-sn}) and the province's back office ({@code bo-sn}), the TD desk phone
 * registered through the hall's desk-phone device, the order SCHEDULED to the agreed date and billed once the business
 * clock passed it; then the tariff change at the month's turn, the number change at once and the cancellation at the
 * next turn. The business clock only moves forward (the suites share one container).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class MerchantButlerIT extends BizhallTestSupport {
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String CREDIT_CODE = "91350100M000100Y43";
    private static final String COMPANY = "西安某某餐饮有限公司";

    @Before
    public void platform() throws Exception {
        awaitPlatform();
    }

    private static ObjectNode company() {
        return object().put("type", "CORPORATE").put("name", COMPANY).put("idType", "BUSINESS_LICENCE")
                .put("idNumber", CREDIT_CODE).put("address", "西安市雁塔区");
    }

    /** An envelope of the company's proxy with every paper of the butler, {@code without} one kind left out. */
    private static ObjectNode butlerOrder(String procedure, String msisdn, String without) {
        ObjectNode order = object().put("procedure", procedure).put("msisdn", msisdn);
        order.set("customer", company());
        order.putArray("parties").addObject().put("role", "PROXY").put("type", "PERSONAL").put("name", "李四")
                .put("idType", "ID_CARD").put("idNumber", VALID_ID);
        ArrayNode docs = order.putArray("documents");
        for (String kind : new String[] {"BUSINESS_LICENCE", "UNIT_CERTIFICATE", "APPLICATION_FORM", "PROXY_ID",
                "COMPANY_AUTHORISATION"}) {
            if (!kind.equals(without)) {
                docs.addObject().put("kind", kind).put("number", kind.equals("BUSINESS_LICENCE") ? CREDIT_CODE : "D-1");
            }
        }
        order.putObject("params");
        return order;
    }

    /** A number of the company in service: a corporate account opening, paid by card when it costs anything. */
    private String companyNumber() {
        String msisdn = availableNumber("op-sn", "1389180", false);
        ObjectNode order = object().put("procedure", "account-opening").put("msisdn", msisdn);
        order.set("customer", company());
        order.putArray("parties").addObject().put("role", "PROXY").put("type", "PERSONAL").put("name", "李四")
                .put("idType", "ID_CARD").put("idNumber", VALID_ID);
        ArrayNode docs = order.putArray("documents");
        docs.addObject().put("kind", "UNIT_CERTIFICATE").put("number", "UC-1");
        docs.addObject().put("kind", "BUSINESS_LICENCE").put("number", CREDIT_CODE);
        docs.addObject().put("kind", "PROXY_ID").put("number", VALID_ID);
        docs.addObject().put("kind", "SEAL_CARD").put("number", "SEAL-1");
        order.putObject("params").put("package", "GOTONE-128").put("accountType", "CORPORATE_ACCOUNT")
                .put("bankConfirmed", true);
        JsonNode created = post("op-sn", "/orders", order, key()).expect(201).json();
        if (created.path("quote").path("totalFen").asLong() > 0) {
            post("op-sn", "/orders/" + created.path("id").asText() + "/payments", object().put("method", "BANK_CARD"),
                    key()).expect(201);
        }
        assertEquals("COMPLETED", order(created.path("id").asText()).path("state").asText());
        businessToday = businessDate(created);
        return msisdn;
    }

    /** The business date of the last number opened (the business clock may run apart from the machine's). */
    private LocalDate businessToday;

    private JsonNode order(String id) {
        return get("op-sn", "/orders/" + id).expect(200).json();
    }

    private JsonNode confirm(String user, String orderId, String step, boolean approved, String note) {
        ObjectNode body = object().put("step", step).put("approved", approved);
        if (note != null) {
            body.put("note", note);
        }
        return post(user, "/orders/" + orderId + "/confirmations", body, key()).expect(201).json();
    }

    private JsonNode confirmRefused(String user, String orderId, String step, int status, String code) {
        return post(user, "/orders/" + orderId + "/confirmations",
                object().put("step", step).put("approved", true).put("note", "ESOP-X"), key()).problem(status, code);
    }

    private static void assertAt(JsonNode order, String state, String awaiting, String stage, String step) {
        assertEquals(order.toString(), state, order.path("state").asText());
        assertEquals(order.toString(), awaiting, order.path("awaiting").asText(null));
        assertEquals(order.toString(), stage, order.path("result").path("stage").asText());
        assertEquals(order.toString(), step, order.path("result").path("awaitingStep").asText(null));
    }

    private JsonNode subscriber(String msisdn) {
        return get("op-sn", "/subscribers/" + msisdn).expect(200).json();
    }

    private static boolean has(JsonNode subscriber, String feature) {
        for (JsonNode f : subscriber.path("features")) {
            if (feature.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    private long butlerFees(long accountId) {
        long sum = 0;
        for (JsonNode e : get("op-sn", "/accounts/" + accountId + "/ledger?limit=500").expect(200).json()) {
            if ("MERCHANT_BUTLER_FEE".equals(e.path("kind").asText())) {
                sum += e.path("amountFen").asLong();
            }
        }
        return sum;
    }

    private long butlerOrders() {
        return Long.parseLong(get("op-sn", "/orders?procedure=merchant-butler-opening&limit=1").expect(200)
                .header("X-Total-Count"));
    }

    private void moveClock(OffsetDateTime to) {
        put("admin", "/admin/clock", object().put("now", to.toString())).expect(200);
    }

    private JsonNode await(String what, Supplier<JsonNode> ask, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = ask.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": last " + last);
    }

    private static LocalDate businessDate(JsonNode order) {
        return OffsetDateTime.parse(order.path("createdAt").asText()).atZoneSameInstant(BUSINESS_ZONE).toLocalDate();
    }

    private static OffsetDateTime startOf(LocalDate date) {
        return date.atStartOfDay(BUSINESS_ZONE).toOffsetDateTime();
    }

    @Test
    public void theButlerIsOpenedThroughItsSevenStepsBilledFromTheAgreedDateAndChangedAsRule13Says() throws Exception {
        JsonNode listed = null;
        for (JsonNode p : get("op-sn", "/procedures").expect(200).json()) {
            if ("merchant-butler-opening".equals(p.path("id").asText())) {
                listed = p;
            }
        }
        assertTrue("merchant-butler-opening is listed", listed != null);
        assertTrue(listed.toString(), listed.path("documents").toString().contains("APPLICATION_FORM"));

        String desk = companyNumber();
        String other = companyNumber();
        long account = subscriber(desk).path("accountId").asLong();

        // a refused submission stores nothing: the company's authorisation is missing
        long before = butlerOrders();
        ObjectNode opening = butlerOrder("merchant-butler-opening", desk, "COMPANY_AUTHORISATION");
        post("op-sn", "/orders", opening, key()).problem(422, "DOCUMENT_MISSING");
        assertEquals(before, butlerOrders());

        // 1. acceptance form: the proxy brings every paper; the order waits for the big-customer office
        opening = butlerOrder("merchant-butler-opening", desk, null);
        JsonNode noParams = post("op-sn", "/orders", butlerOrder("merchant-butler-opening", desk, null), key())
                .problem(400, "PARAM_MISSING"); // the schema names the first param missing
        assertTrue(noParams.toString(), noParams.path("field").asText().startsWith("params."));
        ObjectNode early = butlerOrder("merchant-butler-number-change", desk, null);
        ((ObjectNode) early.path("params")).put("newMsisdn", other);
        post("op-sn", "/orders", early, key()).problem(422, "BUTLER_NOT_OPEN");
        LocalDate now = businessToday;
        LocalDate billingFrom = now.plusDays(3);
        ((ObjectNode) opening.path("params")).put("tariff", "STANDALONE").put("billingFrom", billingFrom.toString())
                .put("contractMonths", 24).put("terminalManufacturer", "ZTE").put("terminalType", "TD-SCDMA")
                .put("terminalModel", "F100");
        JsonNode order = post("op-sn", "/orders", opening, key()).expect(201).json();
        String id = order.path("id").asText();
        assertEquals(0, order.path("quote").path("totalFen").asLong());
        assertAt(order, "PENDING_CONFIRMATION", "BACK_OFFICE", "REVIEW", "BIG_CUSTOMER_OFFICE");

        // 2. review: the office step is the back office's
        confirmRefused("op-sn", id, "BIG_CUSTOMER_OFFICE", 403, "ROLE_NOT_ALLOWED");
        confirmRefused("bo-sn", id, "WORK_ORDER", 409, "BUTLER_STEP_NOT_AWAITED");
        assertAt(confirm("bo-sn", id, "BIG_CUSTOMER_OFFICE", true, "资料齐全"), "PENDING_CONFIRMATION", "BACK_OFFICE",
                "WORK_ORDER", "WORK_ORDER");

        // 3. work order: recorded by the back office with its reference
        confirmRefused("op-sn", id, "WORK_ORDER", 403, "ROLE_NOT_ALLOWED");
        JsonNode worked = confirm("bo-sn", id, "WORK_ORDER", true, "ESOP-2026-0001");
        assertAt(worked, "PENDING_CONFIRMATION", "INSTALLATION", "INSTALLATION", "INSTALLATION");
        assertEquals("ESOP-2026-0001", worked.path("result").path("workOrder").path("note").asText());

        // 4. install and test: the TD desk phone registers through the hall's desk-phone device
        confirmRefused("bo-sn", id, "INSTALLATION", 403, "ROLE_NOT_ALLOWED");
        JsonNode installed = confirm("op-sn", id, "INSTALLATION", true, "调测通过");
        assertAt(installed, "PENDING_CONFIRMATION", "CUSTOMER_SIGNATURE", "DELIVERY", "DELIVERY");
        JsonNode registration = installed.path("result").path("installation");
        assertEquals(registration.toString(), "SN-XA-001-desk-phone", registration.path("device").asText());
        assertTrue(registration.toString(), registration.path("registered").asBoolean());
        assertEquals("F100", registration.path("model").asText());
        assertEquals(desk, registration.path("msisdn").asText());

        // 5. delivery signed: 6. billing waits for the agreed date
        JsonNode delivered = confirm("op-sn", id, "DELIVERY", true, "交付单已签字");
        assertEquals(delivered.toString(), "SCHEDULED", delivered.path("state").asText());
        assertEquals("DATE", delivered.path("awaiting").asText());
        assertEquals("BILLING", delivered.path("result").path("stage").asText());
        OffsetDateTime due = OffsetDateTime.parse(delivered.path("result").path("dueAt").asText());
        assertEquals(startOf(billingFrom).toInstant(), due.toInstant());
        assertFalse("not billed before the agreed date", has(subscriber(desk), "MERCHANT_BUTLER_STANDALONE"));
        assertEquals(0, butlerFees(account));
        post("op-sn", "/orders/" + id + "/cancel", object(), null).expect(200); // not billed yet: may still go
        assertEquals("CANCELLED", order(id).path("state").asText());

        // the same opening again, to the end
        JsonNode second = post("op-sn", "/orders", opening, key()).expect(201).json();
        id = second.path("id").asText();
        confirm("bo-sn", id, "BIG_CUSTOMER_OFFICE", true, null);
        confirm("bo-sn", id, "WORK_ORDER", true, "ESOP-2026-0002");
        confirm("op-sn", id, "INSTALLATION", true, null);
        assertEquals("SCHEDULED", confirm("op-sn", id, "DELIVERY", true, null).path("state").asText());

        moveClock(startOf(billingFrom).plusHours(1));
        String billed = id;
        JsonNode archiving = await("billing started", () -> order(billed),
                o -> "PENDING_CONFIRMATION".equals(o.path("state").asText()));
        assertAt(archiving, "PENDING_CONFIRMATION", "BACK_OFFICE", "ARCHIVE", "ARCHIVE");
        assertTrue(has(subscriber(desk), "MERCHANT_BUTLER_STANDALONE"));
        long monthly = archiving.path("result").path("monthlyFeeFen").asLong();
        long first = billingFrom.getDayOfMonth() >= 16 ? monthly / 2 : monthly;
        assertEquals("the first month charged through the ledger", -first, butlerFees(account));
        post("op-sn", "/orders/" + id + "/cancel", object(), null).problem(409, "BUTLER_ALREADY_BILLING");

        // 7. archive: the back office's, kept three years after the contract ends
        confirmRefused("op-sn", id, "ARCHIVE", 403, "ROLE_NOT_ALLOWED");
        JsonNode archived = confirm("bo-sn", id, "ARCHIVE", true, "纸质及电子归档");
        assertEquals("COMPLETED", archived.path("state").asText());
        assertEquals(billingFrom.plusMonths(24).plusYears(3).toString(),
                archived.path("result").path("archiveUntil").asText());

        // tariff change: taken now, effective at the month's turn
        ObjectNode change = butlerOrder("merchant-butler-tariff-change", desk, null);
        ((ObjectNode) change.path("params")).put("tariff", "NETWORK");
        JsonNode tariff = post("op-sn", "/orders", change, key()).expect(201).json();
        assertEquals(tariff.toString(), "SCHEDULED", tariff.path("state").asText());
        LocalDate turn = YearMonth.from(billingFrom).plusMonths(1).atDay(1);
        assertEquals(turn.toString(), tariff.path("result").path("effectiveFrom").asText());
        assertTrue("this month unchanged", has(subscriber(desk), "MERCHANT_BUTLER_STANDALONE"));
        moveClock(startOf(turn).plusHours(1));
        String tariffId = tariff.path("id").asText();
        await("tariff changed", () -> order(tariffId), o -> "COMPLETED".equals(o.path("state").asText()));
        assertTrue(has(subscriber(desk), "MERCHANT_BUTLER_NETWORK"));
        assertFalse(has(subscriber(desk), "MERCHANT_BUTLER_STANDALONE"));

        // number change: at once
        ObjectNode move = butlerOrder("merchant-butler-number-change", desk, null);
        ((ObjectNode) move.path("params")).put("newMsisdn", other);
        assertEquals("COMPLETED", post("op-sn", "/orders", move, key()).expect(201).json().path("state").asText());
        assertTrue(has(subscriber(other), "MERCHANT_BUTLER_NETWORK"));
        assertFalse(has(subscriber(desk), "MERCHANT_BUTLER_NETWORK"));

        // cancellation: next month
        JsonNode cancel = post("op-sn", "/orders", butlerOrder("merchant-butler-cancellation", other, null), key())
                .expect(201).json();
        assertEquals("SCHEDULED", cancel.path("state").asText());
        LocalDate nextTurn = turn.plusMonths(1);
        assertEquals(nextTurn.toString(), cancel.path("result").path("effectiveFrom").asText());
        moveClock(startOf(nextTurn).plusHours(1));
        String cancelId = cancel.path("id").asText();
        await("butler cancelled", () -> order(cancelId), o -> "COMPLETED".equals(o.path("state").asText()));
        assertFalse(has(subscriber(other), "MERCHANT_BUTLER_NETWORK"));
        assertEquals("ACTIVE", subscriber(other).path("status").asText());
    }
}
