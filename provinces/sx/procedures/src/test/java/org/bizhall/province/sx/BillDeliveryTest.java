package org.bizhall.province.sx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.service.Subscriber;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.TestOrderContext;
import org.bizhall.testing.TestProvinceParams;
import org.junit.Test;

public class BillDeliveryTest {
    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final BillDelivery procedure = new BillDelivery(subscribers, new RecordingAuditLog());

    private TestOrderContext order(String msisdn) {
        TestOrderContext order = new TestOrderContext(BillDelivery.ID, new TestProvinceParams("SX"));
        order.hall = new org.bizhall.api.hall.Hall("SX-TY-001", "太原营业厅", "SX",
                java.util.Set.of(org.bizhall.api.hall.HallKind.SELF_OWNED), false);
        order.user = "op-sx";
        return order.msisdn(msisdn);
    }

    @Test
    public void theChosenChannelReplacesTheOthers() {
        subscribers.add("13935100001", "SX", "SX-TY-001", 1);
        TestOrderContext paper = order("13935100001").customer(InMemorySubscribers.HOLDER)
                .documents(DocumentKind.HOLDER_ID).params(Map.of("channel", "PAPER"));
        paper.submit(procedure);
        paper.payAndExecute(procedure, PaymentMethod.CASH, 0);
        TestOrderContext sms = order("13935100001").byServicePassword("135790").params(Map.of("channel", "SMS",
                "servicePassword", "135790"));
        sms.submit(procedure);
        sms.payAndExecute(procedure, PaymentMethod.CASH, 0);
        Subscriber after = subscribers.all().get(0);
        assertTrue(after.features().toString(), after.has("BILL_BY_SMS"));
        assertFalse(after.features().toString(), after.has("BILL_BY_PAPER"));
    }

    @Test
    public void anotherProvincesNumberOrAnUnknownChannelIsRefused() {
        subscribers.add("13891800001", "SN", "SN-XA-001", 2);
        TestOrderContext other = order("13891800001").customer(InMemorySubscribers.HOLDER)
                .documents(DocumentKind.HOLDER_ID).params(Map.of("channel", "SMS"));
        assertEquals(403, assertThrows(ProblemException.class, () -> other.submit(procedure)).status());
        subscribers.add("13935100002", "SX", "SX-TY-001", 3);
        TestOrderContext fax = order("13935100002").customer(InMemorySubscribers.HOLDER)
                .documents(DocumentKind.HOLDER_ID).params(Map.of("channel", "FAX"));
        assertEquals(400, assertThrows(ProblemException.class, () -> fax.submit(procedure)).status());
    }
}
