package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.StaffMember;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cancellation, ownership transfer and refunds over HTTP, in one container.
 * <p>
 * Cancellation over HTTP (rulebook §3) and termination for arrears (§13): an account manager at the designated hall
 * pre-cancels a number (an operator may not, 403; a personal holder may not send a proxy, 422); three months later on
 * the business clock the holder cancels it formally, the deposit left is paid out in cash (a negative payment with a
 * receipt, a PAYOUT ledger entry, the day's settlement still the sum of its receipts), the number is CANCELLED and
 * not offered until its quarantine has passed. A number left suspended for arrears 60 days is terminated by the
 * collection run the scheduler carries out; one whose arrears were paid is not. The business clock only ever moves
 * forward here, and every date is taken from it, so the other suites in the same container keep a consistent time.
 * <p>
 * Ownership transfer (rulebook §4) and the refund of over-deducted bank debits (§5) over HTTP in the distribution: a
 * number opened for 张三 passes to 李四 on a new prepaid account with the deposit, the holder check following it, the
 * audit masked; a deposit below the minimum is refused and changes nothing; the demo's bank-collection subscriber is
 * refunded what the accounting office confirmed (less than claimed), paid out in cash and counted in the day's
 * settlement; an operator may not confirm for the office; a declined refund ends REJECTED with nothing paid.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class CancellationTransferRefundIT extends BizhallTestSupport {
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

    /** The new holder's resident ID (check character valid). */
    private static final String NEW_HOLDER_ID = "610113199008080044";
    /** The demo's personal bank-collection subscriber and its holder. */
    private static final String BANK_NUMBER = "13891810005";
    private static final String BANK_HOLDER_ID = "610103198503150022";

    private String openAccount() {
        String msisdn = availableNumber("op-sn", "138918067", false);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", order.path("quote").path("totalFen").asLong()), key())
                .expect(201);
        return msisdn;
    }

    private static ObjectNode transfer(String msisdn, long depositFen) {
        ObjectNode order = object().put("procedure", "ownership-transfer").put("msisdn", msisdn);
        order.set("customer", personalCustomer("张三"));
        order.putArray("parties").addObject().put("role", "NEW_HOLDER").put("type", "PERSONAL").put("name", "李四")
                .put("idType", "ID_CARD").put("idNumber", NEW_HOLDER_ID);
        ArrayNode documents = order.putArray("documents");
        documents.addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
        documents.addObject().put("kind", "NEW_HOLDER_ID").put("number", NEW_HOLDER_ID);
        order.putObject("params").put("depositFen", depositFen);
        return order;
    }

    private static ObjectNode refund(long claimedFen) {
        ObjectNode order = object().put("procedure", "bank-refund").put("msisdn", BANK_NUMBER);
        order.putObject("customer").put("type", "PERSONAL").put("name", "刘洋").put("idType", "ID_CARD")
                .put("idNumber", BANK_HOLDER_ID);
        ArrayNode documents = order.putArray("documents");
        for (String kind : List.of("HOLDER_ID", "REFUND_FORM", "BANK_HOLDER_ID", "BANK_PASSBOOK")) {
            documents.addObject().put("kind", kind);
        }
        order.putObject("params").put("claimedFen", claimedFen);
        return order;
    }

    private boolean holderIs(String msisdn, String name) {
        return post("op-sn", "/subscribers/" + msisdn + "/holder-check", object().put("name", name), null).expect(200)
                .json().path("match").asBoolean();
    }

    private long balance(String account) {
        return get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();
    }

    private int orders(String procedure, String msisdn) {
        return get("op-sn", "/orders?procedure=" + procedure + "&msisdn=" + msisdn).expect(200).json().size();
    }

    private List<AuditEntry> audit(String orderId) {
        ServiceReference<AuditLog> ref = bundleContext.getServiceReference(AuditLog.class);
        assertNotNull(ref);
        try {
            return bundleContext.getService(ref).forOrder(orderId);
        } finally {
            bundleContext.ungetService(ref);
        }
    }

    @Test
    public void proceduresListTransferAndRefundWithTheirDocuments() {
        boolean transfer = false;
        boolean refund = false;
        for (JsonNode p : get("op-sn", "/procedures").expect(200).json()) {
            if ("ownership-transfer".equals(p.path("id").asText())) {
                transfer = true;
                assertTrue(p.path("provider").asText().startsWith("org.bizhall.procedure.transfer/"));
                assertEquals("[\"HOLDER_ID\",\"NEW_HOLDER_ID\"]", p.path("documents").toString());
                assertEquals("[\"BUSINESS_LICENCE\",\"UNIT_CERTIFICATE\"]",
                        p.path("documentsByCase").path("NEW_HOLDER_CORPORATE").toString());
                assertEquals("[\"BANK_HOLDER_ID\"]", p.path("documentsByCase").path("BANK_COLLECTION").toString());
            }
            if ("bank-refund".equals(p.path("id").asText())) {
                refund = true;
                assertTrue(p.path("provider").asText().startsWith("org.bizhall.procedure.refund/"));
                assertEquals("[\"HOLDER_ID\",\"REFUND_FORM\",\"BANK_HOLDER_ID\",\"BANK_PASSBOOK\"]",
                        p.path("documents").toString());
                assertEquals("integer", p.path("paramsSchema").path("properties").path("claimedFen").path("type").asText());
            }
        }
        assertTrue(transfer && refund);
    }

    @Test
    public void ownershipTransfer_theNewHolderTakesTheNumberOnANewAccountWithTheDeposit() {
        String msisdn = openAccount();
        JsonNode before = get("op-sn", "/subscribers/" + msisdn).expect(200).json();
        String oldAccount = before.path("accountId").asText();
        long oldBalance = balance(oldAccount);
        assertTrue(holderIs(msisdn, "张三"));

        // below the 200-yuan minimum: refused, nothing stored, nothing changed
        JsonNode problem = post("op-sn", "/orders", transfer(msisdn, 19_999), key())
                .problem(422, "TRANSFER_DEPOSIT_TOO_LOW");
        assertEquals("params.depositFen", problem.path("field").asText());
        assertEquals(0, orders("ownership-transfer", msisdn));
        assertTrue(holderIs(msisdn, "张三"));
        assertFalse(holderIs(msisdn, "李四"));
        assertEquals(oldAccount, get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asText());
        assertEquals(oldBalance, balance(oldAccount));

        // the minimum: quoted, nothing changes before the payment
        JsonNode order = post("op-sn", "/orders", transfer(msisdn, 20_000), key()).expect(201).json();
        String id = order.path("id").asText();
        assertEquals("PENDING_PAYMENT", order.path("state").asText());
        assertEquals(20_000, order.path("quote").path("totalFen").asLong());
        assertEquals("DEPOSIT", order.path("quote").path("items").get(0).path("code").asText());
        assertFalse(order.toString(), order.toString().contains(NEW_HOLDER_ID) || order.toString().contains("李四"));
        assertTrue("nothing changes before the payment", holderIs(msisdn, "张三"));

        JsonNode payment = post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "CASH").put("tenderedFen", 30_000), key()).expect(201).json();
        assertEquals(10_000, payment.path("changeFen").asLong());
        assertFalse(payment.path("receipt").path("number").asText().isEmpty());

        JsonNode done = get("op-sn", "/orders/" + id).expect(200).json();
        assertEquals("COMPLETED", done.path("state").asText());
        JsonNode after = get("op-sn", "/subscribers/" + msisdn).expect(200).json();
        String newAccount = after.path("accountId").asText();
        assertNotEquals(oldAccount, newAccount);
        assertEquals(newAccount, done.path("result").path("newAccountId").asText());
        assertEquals("李*", after.path("holder").path("name").asText(after.toString()));
        assertFalse(after.toString(), after.toString().contains(NEW_HOLDER_ID));
        assertTrue(holderIs(msisdn, "李四"));
        assertFalse(holderIs(msisdn, "张三"));
        assertEquals(20_000, balance(newAccount));
        JsonNode ledger = get("op-sn", "/accounts/" + newAccount + "/ledger").expect(200).json();
        assertEquals(1, ledger.size());
        assertEquals("DEPOSIT", ledger.get(0).path("kind").asText());
        assertEquals(20_000, ledger.get(0).path("amountFen").asLong());
        assertEquals(id, ledger.get(0).path("orderId").asText());
        assertEquals("the old holder's account keeps its balance", oldBalance, balance(oldAccount));

        List<AuditEntry> trail = audit(id);
        assertTrue(trail.toString(), trail.stream().anyMatch(e -> e.action().equals("OWNERSHIP_TRANSFERRED")));
        assertTrue(trail.toString(), trail.stream().anyMatch(e -> e.action().equals("SUBSCRIBER_HOLDER_CHANGED")));
        String text = trail.toString();
        assertTrue(text, text.contains("张*") && text.contains("李*"));
        assertFalse("both holders masked: " + text, text.contains("张三") || text.contains("李四")
                || text.contains(VALID_ID) || text.contains(NEW_HOLDER_ID));
    }

    /** Rulebook §4: with international long distance open the new holder's deposit is at least 500 yuan. */
    @Test
    public void ownershipTransfer_500YuanWithInternationalLongDistance() {
        String msisdn = availableNumber("op-sn", "138918068", false);
        ObjectNode opening = openingOrder(msisdn, "GOTONE-88");
        ((ObjectNode) opening.get("params")).putArray("features").add("INTL_LONG_DISTANCE");
        JsonNode opened = post("op-sn", "/orders", opening, key()).expect(201).json();
        post("op-sn", "/orders/" + opened.path("id").asText() + "/payments", object().put("method", "CASH")
                .put("tenderedFen", opened.path("quote").path("totalFen").asLong()), key()).expect(201);

        JsonNode problem = post("op-sn", "/orders", transfer(msisdn, 49_999), key())
                .problem(422, "TRANSFER_DEPOSIT_TOO_LOW");

        assertTrue(problem.path("detail").asText(), problem.path("detail").asText().contains("500.00"));
        assertEquals(0, orders("ownership-transfer", msisdn));
        ObjectNode byDefault = transfer(msisdn, 0);
        ((ObjectNode) byDefault.get("params")).remove("depositFen");
        JsonNode quoted = post("op-sn", "/orders", byDefault, key()).expect(201).json();
        assertEquals("the province minimum by default", 50_000, quoted.path("quote").path("totalFen").asLong());
    }

    /**
     * Rulebook §4 with arrears: two months billed after the opening leave the old holder owing; the transfer's quote
     * settles what GET /arrears shows before the new deposit, and after payment the old account owes nothing.
     */
    @Test
    public void ownershipTransfer_settlesTheOldHoldersArrearsFirst() {
        String msisdn = openAccount();
        JsonNode opening = get("op-sn", "/orders?procedure=account-opening&msisdn=" + msisdn).expect(200).json().get(0);
        LocalDate joined = OffsetDateTime.parse(opening.path("createdAt").asText()).atZoneSameInstant(ZONE)
                .toLocalDate();
        YearMonth first = YearMonth.from(joined);
        put("admin", "/admin/clock", object().put("now",
                first.plusMonths(2).atDay(5).atTime(10, 0).atZone(ZONE).toOffsetDateTime().toString())).expect(200);
        post("admin", "/admin/billing-runs", object().put("month", first.toString())).expect(200);
        post("admin", "/admin/billing-runs", object().put("month", first.plusMonths(1).toString())).expect(200);
        String oldAccount = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asText();
        long owed = get("op-sn", "/subscribers/" + msisdn + "/arrears").expect(200).json().path("totalFen").asLong();
        assertTrue("two months of GOTONE-88 rent exceed the opening deposit: " + owed, owed > 0);
        assertEquals(-owed, balance(oldAccount));

        JsonNode order = post("op-sn", "/orders", transfer(msisdn, 20_000), key()).expect(201).json();
        long arrears = 0;
        for (JsonNode item : order.path("quote").path("items")) {
            arrears += "ARREARS".equals(item.path("code").asText()) ? item.path("amountFen").asLong() : 0;
        }
        assertEquals("the arrears are settled first", owed, arrears);
        assertEquals(owed + 20_000, order.path("quote").path("totalFen").asLong());
        post("op-sn", "/orders/" + order.path("id").asText() + "/payments", object().put("method", "CASH")
                .put("tenderedFen", owed + 20_000), key()).expect(201);

        assertEquals("the arrears paid to the old account", 0, balance(oldAccount));
        String newAccount = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asText();
        assertEquals("the deposit to the new one", 20_000, balance(newAccount));
        assertEquals(0, get("op-sn", "/subscribers/" + msisdn + "/arrears").expect(200).json().path("totalFen").asLong());
        assertTrue(holderIs(msisdn, "李四"));
    }

    @Test
    public void bankRefund_confirmedLowerThanClaimed_paysOutTheConfirmedAmountInCash() {
        String account = get("op-sn", "/subscribers/" + BANK_NUMBER).expect(200).json().path("accountId").asText();
        long before = balance(account);
        assertTrue("the demo subscriber holds money: " + before, before >= 8_000);

        JsonNode order = post("op-sn", "/orders", refund(8_000), key()).expect(201).json();
        String id = order.path("id").asText();
        assertEquals("PENDING_CONFIRMATION", order.path("state").asText());
        assertEquals("BACK_OFFICE", order.path("awaiting").asText());
        assertEquals(-8_000, order.path("quote").path("totalFen").asLong());
        assertEquals(0, get("op-sn", "/orders/" + id + "/payments").expect(200).json().size());

        ObjectNode confirmation = object().put("step", "ACCOUNTING_OFFICE").put("approved", true)
                .put("note", "帐务室核实多扣50元").put("confirmedFen", 5_000);
        post("op-sn", "/orders/" + id + "/confirmations", confirmation, key()).problem(403, "ROLE_NOT_ALLOWED");
        assertEquals("PENDING_CONFIRMATION", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());
        assertEquals(before, balance(account));

        JsonNode done = post("bo-sn", "/orders/" + id + "/confirmations", confirmation, key()).expect(201).json();
        assertEquals(done.toString(), "COMPLETED", done.path("state").asText());
        assertEquals(5_000, done.path("result").path("refundFen").asLong());
        assertEquals(5_000, done.path("result").path("paidOutFen").asLong());

        JsonNode payments = get("op-sn", "/orders/" + id + "/payments").expect(200).json();
        assertEquals(1, payments.size());
        JsonNode payout = payments.get(0);
        assertEquals("never more than confirmed", -5_000, payout.path("amountFen").asLong());
        assertEquals("CASH", payout.path("method").asText());
        String receipt = payout.path("receipt").path("number").asText();
        JsonNode printed = get("op-sn", "/receipts/" + receipt).expect(200).json();
        assertEquals(-5_000, printed.path("totalFen").asLong());
        assertEquals(before - 5_000, balance(account));
        boolean posted = false;
        for (JsonNode entry : get("op-sn", "/accounts/" + account + "/ledger?limit=500").expect(200).json()) {
            posted |= id.equals(entry.path("orderId").asText()) && entry.path("amountFen").asLong() == -5_000
                    && "PAYOUT".equals(entry.path("kind").asText());
        }
        assertTrue("the ledger's PAYOUT entry", posted);

        JsonNode day = get("mgr-sn", "/halls/SN-XA-001/settlements/" + printed.path("businessDate").asText())
                .expect(200).json();
        long sum = 0;
        boolean listed = false;
        for (JsonNode r : day.path("receipts")) {
            sum += r.path("totalFen").asLong();
            listed |= receipt.equals(r.path("number").asText()) && r.path("totalFen").asLong() == -5_000;
        }
        assertTrue("the refund is among the day's receipts", listed);
        assertEquals("the settlement still equals its receipts", sum, day.path("totalFen").asLong());
        boolean countedUnderCash = false;
        for (JsonNode operator : day.path("operators")) {
            countedUnderCash |= "bo-sn".equals(operator.path("operator").asText())
                    && operator.path("byMethod").path("CASH").asLong() <= -5_000;
        }
        assertTrue(day.toString(), countedUnderCash);
    }

    @Test
    public void bankRefund_aDeclinedConfirmationEndsRejectedAndPaysNothing() {
        String account = get("op-sn", "/subscribers/" + BANK_NUMBER).expect(200).json().path("accountId").asText();
        JsonNode order = post("op-sn", "/orders", refund(3_000), key()).expect(201).json();
        String id = order.path("id").asText();
        long before = balance(account);

        JsonNode rejected = post("bo-sn", "/orders/" + id + "/confirmations",
                object().put("step", "ACCOUNTING_OFFICE").put("approved", false).put("note", "未多扣"), key())
                .expect(201).json();

        assertEquals("REJECTED", rejected.path("state").asText());
        assertEquals(0, get("op-sn", "/orders/" + id + "/payments").expect(200).json().size());
        assertEquals(before, balance(account));
    }

    @Test
    public void bankRefund_onlyForABankCollectionAccount() {
        String msisdn = openAccount();
        ObjectNode order = refund(1_000).put("msisdn", msisdn);
        order.set("customer", personalCustomer("张三"));

        post("op-sn", "/orders", order, key()).problem(422, "REFUND_NOT_BANK_COLLECTION");

        assertEquals(0, orders("bank-refund", msisdn));
    }
}
