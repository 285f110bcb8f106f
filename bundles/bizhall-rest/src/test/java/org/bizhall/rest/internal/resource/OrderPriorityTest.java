package org.bizhall.rest.internal.resource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Quote;
import org.bizhall.rest.internal.json.Json;
import org.junit.Test;

/**
 * Rulebook §14: an order shows the priority mark the engine gave it at submission, beside the order's own fields; the
 * edge reads no category.
 */
public class OrderPriorityTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-05T10:00:00+08:00");

    private static Order order(String priority) {
        Customer zhang = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, "11010519491231002X", null);
        return new Order("o-1", "account-opening", "test/1.0.0", "SN", "SN-XA-001", "op-sn", "13891800001", zhang,
                List.of(), List.of(), Map.of(), OrderState.PENDING_PAYMENT, null, Quote.of(List.of()), Map.of(), null,
                AT, AT, List.of(), priority);
    }

    @Test
    public void rules14_anOrderOfAVipCustomerIsShownMarkedVip() {
        JsonNode shown = Json.mapper().valueToTree(order(Order.VIP).masked());
        assertEquals("VIP", shown.path("priority").asText());
        assertEquals("the order's own fields stay at the top level", "o-1", shown.path("id").asText());
        assertEquals("account-opening", shown.path("procedure").asText());
        assertEquals("the customer is masked", "张*", shown.path("customer").path("name").asText());
        assertFalse(shown.has("order"));
    }

    @Test
    public void rules14_everyOtherOrderIsShownNormal() {
        assertEquals("NORMAL", Json.mapper().valueToTree(order(Order.NORMAL).masked()).path("priority").asText());
        assertEquals("an order built without a mark is NORMAL", "NORMAL",
                Json.mapper().valueToTree(order(null).masked()).path("priority").asText());
    }
}
