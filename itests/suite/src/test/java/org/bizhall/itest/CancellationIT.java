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

import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.StaffMember;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cancellation over HTTP (rulebook §3) and termination for arrears (§13): an account manager at the designated hall
 * pre-cancels a number (an operator may not, 403; a personal holder may not send a proxy, 422); three months later on
 * the business clock the holder cancels it formally, the deposit left is paid out in cash (a negative payment with a
 * receipt, a PAYOUT ledger entry, the day's settlement still the sum of its receipts), the number is CANCELLED and
 * not offered until its quarantine has passed. A number left suspended for arrears 60 days is terminated by the
 * collection run the scheduler carries out; one whose arrears were paid is not. The business clock only ever moves
 * forward here, and every date is taken from it, so the other suites in the same container keep a consistent time.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class CancellationIT extends BizhallTestSupport {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    /** Opens a GOTONE-88 number under {@code prefix} with the default deposit (100 yuan); returns the order. */
    private JsonNode openAccount(String prefix) {
        String msisdn = availableNumber("op-sn", prefix, false);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        assertEquals(10000, order.path("quote").path("totalFen").asLong());
        post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", 10000), key()).expect(201);
        return get("op-sn", "/orders/" + order.path("id").asText()).expect(200).json();
    }

    private static ObjectNode holderOrder(String procedure, String msisdn) {
        ObjectNode order = object().put("procedure", procedure).put("msisdn", msisdn);
        order.set("customer", personalCustomer("张三"));
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
        order.putObject("params");
        return order;
    }

    private static ObjectNode preCancellation(String msisdn) {
        ObjectNode order = holderOrder("pre-cancellation", msisdn);
        ((ObjectNode) order.get("params")).put("reason", "出国定居").put("retentionOffer", "改用神州行低月租套餐，优先选号");
        return order;
    }

    private JsonNode subscriber(String msisdn) {
        return get("op-sn", "/subscribers/" + msisdn).expect(200).json();
    }

    private long balance(long account) {
        return get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();
    }

    private boolean offered(String msisdn) {
        for (JsonNode n : get("op-sn", "/numbers?prefix=" + msisdn + "&limit=10").expect(200).json()) {
            if (msisdn.equals(n.path("msisdn").asText())) {
                return true;
            }
        }
        return false;
    }

    private void moveClock(LocalDate day) {
        OffsetDateTime at = day.atTime(10, 0).atZone(ZONE).toOffsetDateTime();
        put("admin", "/admin/clock", object().put("now", at.toString())).expect(200);
    }

    private static LocalDate businessDate(JsonNode order) {
        return OffsetDateTime.parse(order.path("createdAt").asText()).atZoneSameInstant(ZONE).toLocalDate();
    }

    private int ordersOf(String procedure, String msisdn) {
        return get("mgr-sn", "/orders?procedure=" + procedure + "&msisdn=" + msisdn).expect(200).json().size();
    }

    @Test
    public void proceduresListBothCancellations() {
        boolean pre = false;
        boolean formal = false;
        for (JsonNode p : get("mgr-sn", "/procedures").expect(200).json()) {
            String id = p.path("id").asText();
            if (id.equals("pre-cancellation") || id.equals("formal-cancellation")) {
                assertEquals("*", p.path("province").asText());
                assertTrue(p.toString(), p.path("provider").asText().startsWith("org.bizhall.procedure.cancellation/"));
                assertEquals("[\"HOLDER_ID\"]", p.path("documents").toString());
                assertEquals("object", p.path("paramsSchema").path("type").asText());
            }
            if (id.equals("pre-cancellation")) {
                pre = true;
                assertEquals("[\"reason\",\"retentionOffer\"]", p.path("paramsSchema").path("required").toString());
                assertEquals("an account manager's", "[\"manager\"]", p.path("roles").toString());
            }
            if (id.equals("formal-cancellation")) {
                formal = true;
                assertEquals("boolean", p.path("paramsSchema").path("properties").path("restore").path("type").asText());
                assertEquals("any counter role", "[]", p.path("roles").toString());
            }
        }
        assertTrue("pre-cancellation listed", pre);
        assertTrue("formal-cancellation listed", formal);
    }

    @Test
    public void preCancelledByTheManagerThenFormallyCancelledThreeMonthsLaterWithTheDepositPaidOut() throws Exception {
        JsonNode opened = openAccount("138918071");
        String msisdn = opened.path("msisdn").asText();
        long account = subscriber(msisdn).path("accountId").asLong();
        assertEquals(10000, balance(account));

        // refusals store nothing: an operator may not (403 first, even at the partner hall), nor a proxy for a person
        post("op-sn", "/orders", preCancellation(msisdn), key()).problem(403, "ROLE_NOT_ALLOWED");
        post("op-sn2", "/orders", preCancellation(msisdn), key()).problem(403, "ROLE_NOT_ALLOWED");
        ObjectNode byProxy = preCancellation(msisdn);
        String proxyId = "61010319800101001";
        proxyId += checkCharacter(proxyId);
        byProxy.putArray("parties").addObject().put("role", "PROXY").put("type", "PERSONAL").put("name", "李四")
                .put("idType", "ID_CARD").put("idNumber", proxyId);
        ((com.fasterxml.jackson.databind.node.ArrayNode) byProxy.get("documents")).addObject().put("kind", "PROXY_ID");
        assertEquals("parties", post("mgr-sn", "/orders", byProxy, key()).problem(422, "PROXY_NOT_ALLOWED")
                .path("field").asText());
        ObjectNode noReason = preCancellation(msisdn);
        ((ObjectNode) noReason.get("params")).remove("reason");
        post("mgr-sn", "/orders", noReason, key()).problem(400, "PARAM_MISSING");
        // the formal cancellation needs a pre-cancellation first
        post("op-sn", "/orders", holderOrder("formal-cancellation", msisdn), key())
                .problem(422, "PRE_CANCELLATION_REQUIRED");
        assertEquals(0, ordersOf("pre-cancellation", msisdn));
        assertEquals("ACTIVE", subscriber(msisdn).path("status").asText());

        // 预销号: no roaming, no high bills: nothing to pay, pending at once
        JsonNode pre = post("mgr-sn", "/orders", preCancellation(msisdn), key()).expect(201).json();
        assertEquals(pre.toString(), "COMPLETED", pre.path("state").asText());
        assertEquals(0, pre.path("quote").path("totalFen").asLong());
        LocalDate cancellableFrom = businessDate(pre).plusMonths(3);
        assertEquals(cancellableFrom.toString(), pre.path("result").path("cancellableFrom").asText());
        assertEquals("出国定居", pre.path("result").path("reason").asText());
        assertFalse(pre.path("result").path("retained").asBoolean());
        JsonNode pending = subscriber(msisdn);
        assertEquals("PENDING_CANCELLATION", pending.path("status").asText());
        assertEquals(cancellableFrom.toString(), pending.path("cancellableFrom").asText());
        String shown = shell("hall:subscriber " + msisdn);
        assertTrue(shown, shown.contains("PENDING_CANCELLATION") && shown.contains(cancellableFrom.toString()));
        assertTrue(shell("hall:orders --state COMPLETED --procedure pre-cancellation").contains(pre.path("id").asText()));
        post("mgr-sn", "/orders", preCancellation(msisdn), key()).problem(409, "CANCELLATION_ALREADY_PENDING");

        // 正式销号 too early, at any hall: refused, nothing changes
        JsonNode early = post("op-sn2", "/orders", holderOrder("formal-cancellation", msisdn), key())
                .problem(422, "CANCELLATION_NOT_DUE");
        assertTrue(early.toString(), early.path("detail").asText().contains(cancellableFrom.toString()));
        assertEquals("PENDING_CANCELLATION", subscriber(msisdn).path("status").asText());
        assertEquals(10000, balance(account));

        // three months on the business clock: the deposit left is paid out in cash
        moveClock(cancellableFrom);
        JsonNode formal = post("op-sn", "/orders", holderOrder("formal-cancellation", msisdn), key()).expect(201).json();
        assertEquals(formal.toString(), "COMPLETED", formal.path("state").asText());
        assertEquals(-10000, formal.path("quote").path("totalFen").asLong());
        assertEquals("DEPOSIT_REFUND", formal.path("quote").path("items").get(0).path("code").asText());
        assertEquals("REFUND", formal.path("result").path("settlement").asText());
        String formalId = formal.path("id").asText();
        JsonNode payments = get("op-sn", "/orders/" + formalId + "/payments").expect(200).json();
        assertEquals(1, payments.size());
        JsonNode payout = payments.get(0);
        assertEquals("CASH", payout.path("method").asText());
        assertEquals(-10000, payout.path("amountFen").asLong());
        String receipt = payout.path("receipt").path("number").asText();
        assertFalse(receipt.isEmpty());
        assertEquals(-10000, get("op-sn", "/receipts/" + receipt).expect(200).json().path("totalFen").asLong());
        assertEquals(0, balance(account));
        boolean payoutEntry = false;
        long ledgerSum = 0;
        for (JsonNode e : get("op-sn", "/accounts/" + account + "/ledger?limit=500").expect(200).json()) {
            ledgerSum += e.path("amountFen").asLong();
            payoutEntry |= "PAYOUT".equals(e.path("kind").asText()) && e.path("amountFen").asLong() == -10000
                    && formalId.equals(e.path("orderId").asText());
        }
        assertTrue("a PAYOUT ledger entry of the order", payoutEntry);
        assertEquals("the balance is the sum of the ledger", 0, ledgerSum);
        JsonNode settlement = get("mgr-sn", "/halls/SN-XA-001/settlements/" + cancellableFrom).expect(200).json();
        long receipts = 0;
        boolean counted = false;
        for (JsonNode r : settlement.path("receipts")) {
            receipts += r.path("totalFen").asLong();
            counted |= receipt.equals(r.path("number").asText());
        }
        assertTrue(settlement.toString(), counted);
        assertEquals("the day's settlement is the sum of its receipts", receipts, settlement.path("totalFen").asLong());

        JsonNode cancelled = subscriber(msisdn);
        assertEquals("CANCELLED", cancelled.path("status").asText());
        assertTrue(cancelled.toString(), cancelled.path("cancellableFrom").isMissingNode()
                || cancelled.path("cancellableFrom").isNull());
        assertFalse("a cancelled number rests in quarantine", offered(msisdn));
        post("op-sn", "/orders", holderOrder("formal-cancellation", msisdn), key()).problem(422, "NOTHING_TO_RECOVER");
        post("mgr-sn", "/orders", preCancellation(msisdn), key()).problem(422, "SUBSCRIBER_CANCELLED");

        // numberQuarantineDays (90) later the pool offers it again by itself
        moveClock(cancellableFrom.plusDays(89));
        assertFalse(offered(msisdn));
        moveClock(cancellableFrom.plusDays(91));
        assertTrue("back in the pool after the quarantine", offered(msisdn));
    }

    /**
     * The demo has no manager outside the designated hall: one is added for this test, a user of the karaf realm
     * (with the shell's jaas commands, as an admin would) who is staff of the partner hall SN-XA-002.
     */
    @Test
    public void aManagerAtAPartnerHallMayNotPreCancel() throws Exception {
        String msisdn = openAccount("138918072").path("msisdn").asText();
        String added = shell("jaas:realm-manage --realm karaf ; jaas:user-add mgr-sn2 mgr-sn2 ; "
                + "jaas:role-add mgr-sn2 manager ; jaas:update");
        assertFalse(added, added.contains("EXCEPTION"));
        ServiceReference<HallDirectory> ref = bundleContext.getServiceReference(HallDirectory.class);
        bundleContext.getService(ref).saveStaff(new StaffMember("mgr-sn2", "SN-XA-002"));
        bundleContext.ungetService(ref);
        JsonNode me = await("the partner hall's manager can log in", () -> get("mgr-sn2", "/me"),
                a -> a.status() == 200).json();
        assertEquals("manager", me.path("role").asText());
        assertEquals("[\"PARTNER\"]", me.path("hallKinds").toString());

        JsonNode refused = post("mgr-sn2", "/orders", preCancellation(msisdn), key()).problem(422, "HALL_KIND_NOT_ALLOWED");
        assertTrue(refused.toString(), refused.path("detail").asText().contains("designated"));
        assertEquals("nothing stored", 0, ordersOf("pre-cancellation", msisdn));
        assertEquals("ACTIVE", subscriber(msisdn).path("status").asText());
    }

    @Test
    public void aCustomerWhoAcceptsTheRetentionOfferOrWantsTheNumberBackKeepsIt() {
        String msisdn = openAccount("138918073").path("msisdn").asText();
        ObjectNode retained = preCancellation(msisdn);
        ((ObjectNode) retained.get("params")).put("retentionAccepted", true);
        JsonNode kept = post("mgr-sn", "/orders", retained, key()).expect(201).json();
        assertEquals("COMPLETED", kept.path("state").asText());
        assertTrue(kept.path("result").path("retained").asBoolean());
        assertEquals("ACTIVE", subscriber(msisdn).path("status").asText());

        post("mgr-sn", "/orders", preCancellation(msisdn), key()).expect(201);
        assertEquals("PENDING_CANCELLATION", subscriber(msisdn).path("status").asText());
        ObjectNode restore = holderOrder("formal-cancellation", msisdn);
        ((ObjectNode) restore.get("params")).put("restore", true);
        JsonNode restored = post("op-sn", "/orders", restore, key()).expect(201).json();
        assertEquals("COMPLETED", restored.path("state").asText());
        assertTrue(restored.path("result").path("restored").asBoolean());
        JsonNode after = subscriber(msisdn);
        assertEquals("ACTIVE", after.path("status").asText());
        assertTrue(after.path("cancellableFrom").isMissingNode() || after.path("cancellableFrom").isNull());
    }

    @Test
    public void aNumberLeftSuspendedForArrearsSixtyDaysIsTerminatedByTheCollectionRun() throws Exception {
        JsonNode opened = openAccount("138918074");
        String unpaid = opened.path("msisdn").asText();
        String paid = openAccount("138918074").path("msisdn").asText();
        YearMonth joined = YearMonth.from(businessDate(opened));

        // two months billed: 100 yuan of deposit do not cover them
        moveClock(joined.plusMonths(2).atDay(5));
        post("admin", "/admin/billing-runs", object().put("month", joined.toString())).expect(200);
        post("admin", "/admin/billing-runs", object().put("month", joined.plusMonths(1).toString())).expect(200);
        long owed = get("op-sn", "/subscribers/" + unpaid + "/arrears").expect(200).json().path("totalFen").asLong();
        assertTrue("in arrears: " + owed, owed > 0);

        // past the grace: suspended for arrears
        LocalDate suspendedOn = joined.plusMonths(1).atEndOfMonth().plusDays(32);
        moveClock(suspendedOn);
        post("admin", "/admin/collection-runs", object()).expect(200);
        assertEquals("SUSPENDED_ARREARS", subscriber(unpaid).path("status").asText());
        assertEquals("SUSPENDED_ARREARS", subscriber(paid).path("status").asText());

        // one holder pays: bill-payment restores the number at once
        ObjectNode payment = object().put("procedure", "bill-payment").put("msisdn", paid);
        payment.putObject("params");
        JsonNode bill = post("op-sn", "/orders", payment, key()).expect(201).json();
        post("op-sn", "/orders/" + bill.path("id").asText() + "/payments", object().put("method", "CASH")
                .put("tenderedFen", bill.path("quote").path("totalFen").asLong()), key()).expect(201);
        assertEquals("ACTIVE", subscriber(paid).path("status").asText());

        // a day short of 60: nothing is terminated
        moveClock(suspendedOn.plusDays(59));
        JsonNode early = runCollectionJob();
        assertTrue(early.toString(), early.path("result").asText().contains("terminated"));
        assertEquals("SUSPENDED_ARREARS", subscriber(unpaid).path("status").asText());

        // 60 days after the suspension: the scheduler's collection run terminates it
        moveClock(suspendedOn.plusDays(60));
        JsonNode done = runCollectionJob();
        assertFalse(done.toString(), done.path("result").asText().contains("terminated 0"));
        assertEquals("CANCELLED", subscriber(unpaid).path("status").asText());
        assertEquals("ACTIVE", subscriber(paid).path("status").asText());
        assertFalse("quarantined", offered(unpaid));
        JsonNode notices = get("admin", "/admin/collection-runs/notices/" + unpaid).expect(200).json();
        JsonNode last = notices.get(notices.size() - 1);
        assertEquals("TERMINATION", last.path("kind").asText());
        assertTrue(last.path("text").asText().contains("销号"));

        // what it owed is recovered by a formal cancellation of the cancelled number (销号费用回收)
        long account = subscriber(unpaid).path("accountId").asLong();
        assertEquals(-owed, balance(account));
        JsonNode recovery = post("op-sn", "/orders", holderOrder("formal-cancellation", unpaid), key()).expect(201)
                .json();
        assertEquals("PENDING_PAYMENT", recovery.path("state").asText());
        assertEquals(owed, recovery.path("quote").path("totalFen").asLong());
        assertEquals("FEE_RECOVERY", recovery.path("quote").path("items").get(0).path("code").asText());
        post("op-sn", "/orders/" + recovery.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", owed), key()).expect(201);
        assertEquals(0, balance(account));
        assertEquals("CANCELLED", subscriber(unpaid).path("status").asText());
    }

    /** Starts today's collection run as a scheduler job and waits until it is done. */
    private JsonNode runCollectionJob() throws InterruptedException {
        Answer accepted = post("admin", "/admin/jobs", object().put("kind", "COLLECTION_RUN")).expect(202);
        String location = accepted.header("Location");
        String path = location.substring(location.indexOf("/api/v1") + "/api/v1".length());
        return await("the collection run ends", () -> get("admin", path),
                a -> a.status() == 200 && "DONE".equals(a.json().path("state").asText())).json();
    }

    private Answer await(String what, Supplier<Answer> ask, Predicate<Answer> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
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

    private static char checkCharacter(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        char[] check = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return check[sum % 11];
    }
}
