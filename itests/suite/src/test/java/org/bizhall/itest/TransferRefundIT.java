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
 * Ownership transfer (rulebook §4) and the refund of over-deducted bank debits (§5) over HTTP in the distribution: a
 * number opened for 张三 passes to 李四 on a new prepaid account with the deposit, the holder check following it, the
 * audit masked; a deposit below the minimum is refused and changes nothing; the demo's bank-collection subscriber is
 * refunded what the accounting office confirmed (less than claimed), paid out in cash and counted in the day's
 * settlement; an operator may not confirm for the office; a declined refund ends REJECTED with nothing paid.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class TransferRefundIT extends BizhallTestSupport {
    /** The new holder's resident ID (check character valid). */
    private static final String NEW_HOLDER_ID = "610113199008080044";
    /** The demo's personal bank-collection subscriber and its holder. */
    private static final String BANK_NUMBER = "13891810005";
    private static final String BANK_HOLDER_ID = "610103198503150022";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

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
