package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 8 defect 2, over HTTP in a hall with a cash kiosk (the demo's SN-XA-001 has a simulated one): a
 * {@code KIOSK_CASH} payment with {@code tenderedFen} takes the kiosk's count as it is (API.md Fixed details,
 * Payments), instead of asking the kiosk driver about notes nobody gave.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class KioskCashIT extends BizhallTestSupport {
    private static final String NUMBERS = "138918096";

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    private String openedNumber() {
        String msisdn = availableNumber("op-sn", NUMBERS, false);
        post("op-sn", "/numbers/" + msisdn + "/reservations", object(), key()).expect(201);
        JsonNode opening = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sn", "/orders/" + opening.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", opening.path("quote").path("totalFen").asLong()),
                key()).expect(201);
        return msisdn;
    }

    private JsonNode billOf(String msisdn, long amountFen) {
        ObjectNode bill = object().put("procedure", "bill-payment").put("msisdn", msisdn);
        bill.putObject("params").put("amountFen", amountFen);
        return post("op-sn", "/orders", bill, key()).expect(201).json();
    }

    @Test
    public void kioskCashWithTenderedFenIsTheKiosksCountInAHallWithACashKiosk_issue8Defect2() {
        String msisdn = openedNumber();
        long account = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asLong();
        long before = get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();
        String id = billOf(msisdn, 5000).path("id").asText();

        JsonNode payment = post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "KIOSK_CASH").put("tenderedFen", 5000), key()).expect(201).json();

        assertEquals(payment.toString(), 5000, payment.path("tenderedFen").asLong());
        assertEquals(0, payment.path("changeFen").asLong());
        assertEquals(0, payment.path("surplusFen").asLong());
        assertTrue("no driver report for a counted amount", payment.path("kiosk").isMissingNode()
                || payment.path("kiosk").isNull());
        assertEquals("COMPLETED", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());
        assertEquals(before + 5000, get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen")
                .asLong());
    }

    @Test
    public void kioskCashWithBothFormsOrBelowTheAmountDuePaysNothing_issue8Defect2() {
        String msisdn = openedNumber();
        String id = billOf(msisdn, 5000).path("id").asText();
        ObjectNode both = object().put("method", "KIOSK_CASH").put("tenderedFen", 5000);
        both.putArray("notes").add(50);
        post("op-sn", "/orders/" + id + "/payments", both, key()).problem(400, "KIOSK_TENDER_AMBIGUOUS");
        JsonNode low = post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "KIOSK_CASH").put("tenderedFen", 4000), key()).problem(422, "TENDERED_TOO_LOW");
        assertEquals("tenderedFen", low.path("field").asText());
        assertEquals(0, get("op-sn", "/orders/" + id + "/payments").expect(200).json().size());
        assertEquals("PENDING_PAYMENT", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());
        post("op-sn", "/orders/" + id + "/cancel", null, key()).expect(200);
    }
}
