package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * API.md Fixed detail "Money paid out" in the running distribution: an order whose quote is negative waits for no
 * payment; once the accounting office approves, the engine records a negative CASH payment with its receipt, the
 * ledger's negative entry, and the day's settlement counts it negative under CASH. The test procedure comes from
 * the fixture bundle and leaves with the test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class MoneyPaidOutIT extends BizhallTestSupport {
    private static final String FIXTURE = "org.bizhall.itest.scheduled";
    private static final long REFUND_FEN = 100;

    @Before
    public void platformWithTheRefundProcedure() throws Exception {
        awaitPlatform();
        if (bundle() == null) {
            File fixture = new File(System.getProperty("bizhall.fixture.scheduled"));
            assertTrue("fixture bundle built: " + fixture, fixture.isFile());
            bundleContext.installBundle(fixture.toURI().toString()).start();
        }
        for (int i = 0; i < 120 && !get("op-sn", "/procedures").raw().body().contains("\"test-refund\""); i++) {
            Thread.sleep(500);
        }
    }

    @After
    public void withoutTheRefundProcedure() throws Exception {
        Bundle fixture = bundle();
        if (fixture != null) {
            fixture.uninstall();
        }
    }

    private Bundle bundle() {
        for (Bundle b : bundleContext.getBundles()) {
            if (FIXTURE.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @Test
    public void moneyPaidOut_aNegativeCashPaymentWithReceiptLedgerEntryAndSettlement() {
        String msisdn = availableNumber("op-sn", "1389180", true);
        JsonNode opening = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sn", "/orders/" + opening.path("id").asText() + "/payments", object().put("method", "CASH")
                .put("tenderedFen", opening.path("quote").path("totalFen").asLong()), key()).expect(201);
        String account = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asText();
        long before = get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();
        assertTrue("the opening left money on the account: " + before, before >= REFUND_FEN);

        ObjectNode refund = object().put("procedure", "test-refund").put("msisdn", msisdn);
        refund.set("customer", personalCustomer("张三"));
        refund.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
        refund.putObject("params").put("refundFen", REFUND_FEN);
        JsonNode order = post("op-sn", "/orders", refund, key()).expect(201).json();
        String id = order.path("id").asText();
        assertEquals(-REFUND_FEN, order.path("quote").path("totalFen").asLong());
        assertEquals("no payment step", "PENDING_CONFIRMATION", order.path("state").asText());
        assertEquals(0, get("op-sn", "/orders/" + id + "/payments").expect(200).json().size());

        JsonNode done = post("bo-sn", "/orders/" + id + "/confirmations", object().put("step", "ACCOUNTING_OFFICE")
                .put("approved", true), key()).expect(201).json();
        assertEquals(done.toString(), "COMPLETED", done.path("state").asText());

        JsonNode payments = get("op-sn", "/orders/" + id + "/payments").expect(200).json();
        assertEquals(1, payments.size());
        JsonNode payout = payments.get(0);
        assertEquals(-REFUND_FEN, payout.path("amountFen").asLong());
        assertEquals("CASH", payout.path("method").asText());
        String receipt = payout.path("receipt").path("number").asText();
        assertFalse(receipt.isEmpty());
        JsonNode printed = get("op-sn", "/receipts/" + receipt).expect(200).json();
        assertEquals(-REFUND_FEN, printed.path("totalFen").asLong());

        assertEquals(before - REFUND_FEN,
                get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong());
        boolean posted = false;
        for (JsonNode entry : get("op-sn", "/accounts/" + account + "/ledger?limit=500").expect(200).json()) {
            posted |= id.equals(entry.path("orderId").asText()) && entry.path("amountFen").asLong() == -REFUND_FEN;
        }
        assertTrue("the ledger's negative entry", posted);

        String date = printed.path("businessDate").asText();
        JsonNode day = get("mgr-sn", "/halls/SN-XA-001/settlements/" + date).expect(200).json();
        long sum = 0;
        boolean listed = false;
        for (JsonNode r : day.path("receipts")) {
            sum += r.path("totalFen").asLong();
            listed |= receipt.equals(r.path("number").asText()) && r.path("totalFen").asLong() == -REFUND_FEN;
        }
        assertTrue("the payout is among the day's receipts", listed);
        assertEquals("the settlement still equals its receipts", sum, day.path("totalFen").asLong());
    }
}
