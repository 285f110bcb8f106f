package org.bizhall.rest.internal.resource;

import static org.junit.Assert.assertEquals;

import java.time.OffsetDateTime;

import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.ReceiptRef;
import org.bizhall.rest.internal.json.Json;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code amountFen} of a payment is the money that moved: negative for money paid out (API.md "Money paid out"). */
public class PaymentViewTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-05T10:15:30+08:00");

    @Test
    public void moneyPaidOut_showsANegativeAmountFenWithMethodCash() throws Exception {
        Payment payout = new Payment("p-1", "o-1", PaymentMethod.CASH, -12_300, 0, 12_300, 0,
                new ReceiptRef("SN-XA-001-20261105-0001"), "SN-XA-001", "op-sn", AT);

        JsonNode shown = Json.mapper().valueToTree(Views.PaymentView.of(payout));

        assertEquals(-12_300, shown.get("amountFen").asLong());
        assertEquals("CASH", shown.get("method").asText());
        assertEquals(-12_300, shown.get("dueFen").asLong());
        assertEquals(12_300, shown.get("changeFen").asLong());
        assertEquals("SN-XA-001-20261105-0001", shown.get("receipt").get("number").asText());
    }

    @Test
    public void cashTakenShowsWhatStayedInTheTill() throws Exception {
        Payment paid = new Payment("p-2", "o-2", PaymentMethod.CASH, 25_000, 30_000, 5_000, 0,
                new ReceiptRef("SN-XA-001-20261105-0002"), "SN-XA-001", "op-sn", AT);

        JsonNode shown = Json.mapper().valueToTree(Views.PaymentView.of(paid));

        assertEquals(25_000, shown.get("amountFen").asLong());
        assertEquals(30_000, shown.get("tenderedFen").asLong());
    }
}
