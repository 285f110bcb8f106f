package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.osgi.framework.Bundle;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bills, payments and the hall's day over HTTP and the shell: a month billed twice charges once, arrears shown and
 * paid with bill-payment restore service, settlement totals equal the receipts, and bad input is refused. The business
 * clock only ever moves forward here, so the other suites in the same container keep a consistent time.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class BillingIT extends BizhallTestSupport {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    /** Opens a GOTONE-88 account with the default 100-yuan deposit; returns the completed order. */
    private JsonNode openAccount(String prefix) {
        String msisdn = availableNumber("op-sn", prefix, false);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        assertEquals(10000, order.path("quote").path("totalFen").asLong());
        post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", 10000), key()).expect(201);
        return get("op-sn", "/orders/" + order.path("id").asText()).expect(200).json();
    }

    private void moveClock(LocalDate day) {
        OffsetDateTime at = day.atTime(10, 0).atZone(ZONE).toOffsetDateTime();
        put("admin", "/admin/clock", object().put("now", at.toString())).expect(200);
    }

    private JsonNode billingRun(YearMonth month) {
        return post("admin", "/admin/billing-runs", object().put("month", month.toString())).expect(200).json();
    }

    private ObjectNode billPayment(String msisdn) {
        ObjectNode order = object().put("procedure", "bill-payment").put("msisdn", msisdn);
        order.putObject("params");
        return order;
    }

    @Test
    public void aMonthBilledTwiceIsChargedOnceAndArrearsPaidWithBillPaymentRestoreService() throws Exception {
        JsonNode opened = openAccount("13891803");
        String msisdn = opened.path("msisdn").asText();
        LocalDate joined = OffsetDateTime.parse(opened.path("createdAt").asText()).atZoneSameInstant(ZONE).toLocalDate();
        YearMonth first = YearMonth.from(joined);
        JsonNode subscriber = get("op-sn", "/subscribers/" + msisdn).expect(200).json();
        long account = subscriber.path("accountId").asLong();
        long firstRent = joined.getDayOfMonth() <= 15 ? 8800 : 4400;

        // the joining month can be billed only once it has ended
        post("admin", "/admin/billing-runs", object().put("month", first.toString())).problem(422, "MONTH_NOT_ENDED");
        post("op-sn", "/admin/billing-runs", object().put("month", first.minusMonths(1).toString()))
                .problem(403, "ROLE_NOT_ALLOWED");
        post("admin", "/admin/billing-runs", object().put("month", "2026-13")).problem(400, "MONTH_INVALID");

        moveClock(first.plusMonths(1).atDay(3));
        JsonNode run = billingRun(first);
        assertTrue(run.toString(), run.path("charged").asInt() >= 1);
        JsonNode repeat = billingRun(first);
        assertEquals(0, repeat.path("charged").asInt());
        assertEquals(0, repeat.path("totalFen").asLong());
        assertEquals(10000 - firstRent, get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong());
        assertTrue(shell("hall:bill-run " + first).contains("Charged          0"));

        moveClock(first.plusMonths(2).atDay(5));
        billingRun(first.plusMonths(1));
        long balance = 10000 - firstRent - 8800;
        assertEquals(balance, get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong());
        long ledgerSum = 0;
        for (JsonNode e : get("op-sn", "/accounts/" + account + "/ledger").expect(200).json()) {
            ledgerSum += e.path("amountFen").asLong();
        }
        assertEquals("the balance is the sum of the ledger", balance, ledgerSum);

        JsonNode arrears = get("op-sn", "/subscribers/" + msisdn + "/arrears").expect(200).json();
        assertEquals(-balance, arrears.path("totalFen").asLong());
        assertEquals(0, arrears.path("currentMonthFen").asLong());
        assertEquals(1, arrears.path("months").size());
        assertEquals(first.plusMonths(1).toString(), arrears.path("months").get(0).path("month").asText());
        get("op-sx", "/subscribers/" + msisdn + "/arrears").problem(403, "OTHER_PROVINCE");

        // collection: within the grace a reminder; after it, suspension for arrears
        post("admin", "/admin/collection-runs", object()).expect(200);
        assertEquals("ACTIVE", get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("status").asText());
        assertTrue(shell("hall:arrears").contains(msisdn));
        moveClock(first.plusMonths(1).atEndOfMonth().plusDays(32));
        JsonNode collection = post("admin", "/admin/collection-runs", object()).expect(200).json();
        assertTrue(collection.toString(), collection.path("suspended").asInt() >= 1);
        assertEquals("SUSPENDED_ARREARS", get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("status").asText());
        JsonNode notices = get("admin", "/admin/collection-runs/notices/" + msisdn).expect(200).json();
        assertEquals(2, notices.size());
        assertEquals("REMINDER", notices.get(0).path("kind").asText());
        assertEquals("SUSPENSION", notices.get(1).path("kind").asText());
        assertTrue(notices.get(1).path("text").asText().contains("欠费停机"));

        // the holder is confirmed without being revealed
        JsonNode match = post("op-sn", "/subscribers/" + msisdn + "/holder-check", object().put("name", "张三"))
                .expect(200).json();
        assertTrue(match.path("match").asBoolean());
        assertFalse(post("op-sn", "/subscribers/" + msisdn + "/holder-check", object().put("name", "李四"))
                .expect(200).json().path("match").asBoolean());

        // bad input writes nothing
        ObjectNode zero = billPayment(msisdn);
        ((ObjectNode) zero.get("params")).put("amountFen", 0);
        post("op-sn", "/orders", zero, key()).problem(422, "PAYMENT_AMOUNT_NOT_POSITIVE");
        ObjectNode negative = billPayment(msisdn);
        ((ObjectNode) negative.get("params")).put("amountFen", -5);
        post("op-sn", "/orders", negative, key()).problem(400, "AMOUNT_NEGATIVE");

        JsonNode order = post("op-sn", "/orders", billPayment(msisdn), key()).expect(201).json();
        assertEquals(-balance, order.path("quote").path("totalFen").asLong());
        String id = order.path("id").asText();
        // the hall's kiosk pushes the 30-yuan note back: nothing is taken
        post("op-sn", "/orders/" + id + "/payments", object().put("method", "KIOSK_CASH").set("notes",
                JSON.createArrayNode().add(30)), key()).problem(422, "TENDERED_TOO_LOW");
        long tendered = ((-balance) / 10000 + 1) * 10000;
        JsonNode payment = post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "CASH").put("tenderedFen", tendered), key()).expect(201).json();
        assertEquals(tendered + balance, payment.path("changeFen").asLong());
        assertFalse(payment.path("receipt").path("number").asText().isEmpty());
        assertEquals("ACTIVE", get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("status").asText());
        assertEquals(0, get("op-sn", "/subscribers/" + msisdn + "/arrears").expect(200).json().path("totalFen").asLong());
        assertEquals(0, get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong());
    }

    /**
     * Billing is a bundle an admin may stop or replace at runtime. The API is one JAX-RS application, so while billing
     * is gone only its own endpoints answer 503 {@code SERVICE_UNAVAILABLE} (and change nothing); the rest keeps
     * serving, and billing's endpoints serve again once it is back.
     */
    @Test
    public void whileBillingIsStoppedOnlyItsEndpointsAnswer503AndTheRestOfTheApiKeepsServing() throws Exception {
        JsonNode opened = openAccount("13891804");
        String msisdn = opened.path("msisdn").asText();
        String settlement = "/halls/SN-XA-001/settlements/"
                + OffsetDateTime.parse(opened.path("createdAt").asText()).atZoneSameInstant(ZONE).toLocalDate();
        Bundle billing = bundle("org.bizhall.billing");
        billing.stop();
        try {
            post("admin", "/admin/billing-runs", object().put("month", "2020-01")).problem(503, "SERVICE_UNAVAILABLE");
            post("admin", "/admin/collection-runs", object()).problem(503, "SERVICE_UNAVAILABLE");
            get("admin", "/admin/collection-runs/overdue").problem(503, "SERVICE_UNAVAILABLE");
            get("mgr-sn", settlement).problem(503, "SERVICE_UNAVAILABLE");
            post("mgr-sn", settlement, object().put("countedCashFen", 0), key()).problem(503, "SERVICE_UNAVAILABLE");
            get("op-sn", "/subscribers/" + msisdn + "/arrears").problem(503, "SERVICE_UNAVAILABLE");

            assertEquals(200, get(null, "/health").status());
            assertEquals("ACTIVE", get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("status").asText());
            openAccount("13891804");
        } finally {
            billing.start();
        }
        awaitPlatform();
        Answer back = get("mgr-sn", settlement);
        for (int i = 0; i < 60 && back.status() == 503; i++) {
            Thread.sleep(500); // billing's components bind as soon as their bundle has started
            back = get("mgr-sn", settlement);
        }
        JsonNode open = back.expect(200).json();
        assertFalse("the settlement POST while billing was stopped closed nothing", open.path("closed").asBoolean());
        assertEquals(0, get("op-sn", "/subscribers/" + msisdn + "/arrears").expect(200).json().path("totalFen").asLong());
        get("admin", "/admin/collection-runs/overdue").expect(200);
    }

    @Test
    public void settlementTotalsEqualTheReceiptsAndAClosedDayTakesNoMorePayments() throws Exception {
        JsonNode opened = openAccount("13891804");
        String msisdn = opened.path("msisdn").asText();
        LocalDate today = OffsetDateTime.parse(opened.path("createdAt").asText()).atZoneSameInstant(ZONE).toLocalDate();
        LocalDate day = today.plusDays(3);
        moveClock(day);
        // two payments on the fresh day: a cash top-up and a bank card top-up
        for (String method : new String[] {"CASH", "BANK_CARD"}) {
            ObjectNode topUp = billPayment(msisdn);
            ((ObjectNode) topUp.get("params")).put("amountFen", 2000);
            String id = post("op-sn", "/orders", topUp, key()).expect(201).json().path("id").asText();
            post("op-sn", "/orders/" + id + "/payments", object().put("method", method).put("tenderedFen", 5000), key())
                    .expect(201);
        }
        String path = "/halls/SN-XA-001/settlements/" + day;
        JsonNode settlement = get("mgr-sn", path).expect(200).json();
        assertFalse(settlement.path("closed").asBoolean());
        long receiptsTotal = 0;
        for (JsonNode r : settlement.path("receipts")) {
            receiptsTotal += r.path("totalFen").asLong();
        }
        assertEquals(receiptsTotal, settlement.path("totalFen").asLong());
        long operatorsTotal = 0;
        JsonNode opSn = null;
        for (JsonNode o : settlement.path("operators")) {
            long methods = 0;
            for (JsonNode amount : o.path("byMethod")) {
                methods += amount.asLong();
            }
            assertEquals(methods, o.path("totalFen").asLong());
            operatorsTotal += o.path("totalFen").asLong();
            if ("op-sn".equals(o.path("operator").asText())) {
                opSn = o;
            }
        }
        assertEquals(receiptsTotal, operatorsTotal);
        assertEquals(2000, opSn.path("byMethod").path("CASH").asLong());
        assertEquals(2000, opSn.path("byMethod").path("BANK_CARD").asLong());

        get("op-sn2", path).problem(403, "OTHER_HALL");
        get("mgr-sn", "/halls/SN-XA-001/settlements/" + day.plusDays(1)).problem(422, "SETTLEMENT_DATE_FUTURE");
        get("mgr-sn", "/halls/SN-XA-001/settlements/yesterday").problem(400, "DATE_INVALID");
        post("op-sn", path, object().put("countedCashFen", 2000)).problem(403, "ROLE_NOT_ALLOWED");
        post("mgr-sn", path, object()).problem(400, "AMOUNT_MISSING");

        long cash = settlement.path("cashFen").asLong();
        JsonNode closed = post("mgr-sn", path, object().put("countedCashFen", cash - 100), key()).expect(200).json();
        assertTrue(closed.path("closed").asBoolean());
        assertEquals(-100, closed.path("differenceFen").asLong());
        assertEquals(receiptsTotal, closed.path("totalFen").asLong());
        post("mgr-sn", path, object().put("countedCashFen", cash)).problem(409, "DAY_ALREADY_CLOSED");
        post("op-sn", path, object().put("countedCashFen", cash)).problem(403, "ROLE_NOT_ALLOWED");

        // a payment after closing goes to the next business day
        ObjectNode late = billPayment(msisdn);
        ((ObjectNode) late.get("params")).put("amountFen", 1000);
        String id = post("op-sn", "/orders", late, key()).expect(201).json().path("id").asText();
        JsonNode payment = post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "CASH").put("tenderedFen", 1000), key()).expect(201).json();
        String nextDay = day.plusDays(1).toString().replace("-", "");
        assertTrue(payment.toString(), payment.path("receipt").path("number").asText().contains("-" + nextDay + "-"));
        assertEquals(receiptsTotal, get("mgr-sn", path).expect(200).json().path("totalFen").asLong());
        assertTrue(shell("hall:settle SN-XA-001 " + day).contains("CLOSED"));

        // the next day is open for the suites that follow
        moveClock(day.plusDays(1));
    }

    @Test
    public void concurrentPaymentsForOneAccountFromTwoCountersLoseNoUpdate() throws Exception {
        JsonNode opened = openAccount("138918094");
        String msisdn = opened.path("msisdn").asText();
        long account = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asLong();
        long before = get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();
        int perCounter = 5;
        long topUp = 1000;
        java.util.concurrent.ExecutorService counters = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> paid = new java.util.ArrayList<>();
            for (String counter : java.util.List.of("op-sn", "op-sn2")) {
                paid.add(counters.submit(() -> {
                    for (int i = 0; i < perCounter; i++) {
                        ObjectNode order = billPayment(msisdn);
                        ((ObjectNode) order.get("params")).put("amountFen", topUp);
                        String id = post(counter, "/orders", order, key()).expect(201).json().path("id").asText();
                        post(counter, "/orders/" + id + "/payments", object().put("method", "CASH")
                                .put("tenderedFen", topUp), key()).expect(201);
                    }
                    return perCounter;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : paid) {
                f.get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            counters.shutdownNow();
        }
        long after = get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();
        assertEquals("every payment of both counters is on the balance", before + 2 * perCounter * topUp, after);
        long ledgerSum = 0;
        for (JsonNode entry : get("op-sn", "/accounts/" + account + "/ledger?limit=500").expect(200).json()) {
            ledgerSum += entry.path("amountFen").asLong();
        }
        assertEquals("the balance is the sum of its ledger entries", after, ledgerSum);
    }

}
