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
import org.bizhall.testing.InMemoryCustomerCategories;
import org.bizhall.testing.InMemorySubscribers;
import org.junit.Test;

/** Rulebook §14: an order of a big customer is marked for priority; the mark sits beside the order's own fields. */
public class OrderPriorityTest {
    private static final String ID = "11010519491231002X";
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-05T10:00:00+08:00");

    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final InMemoryCustomerCategories categories = new InMemoryCustomerCategories();

    private static Order order(String province, Customer customer, String msisdn) {
        return new Order("o-1", "account-opening", "test/1.0.0", province, "SN-XA-001", "op-sn", msisdn, customer,
                List.of(), List.of(), Map.of(), OrderState.PENDING_PAYMENT, null, Quote.of(List.of()), Map.of(), null,
                AT, AT, List.of());
    }

    private static Customer zhang() {
        return new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, ID, null);
    }

    @Test
    public void rules14_anOrderOfAVipCustomerOfTheProvinceIsMarkedVip() throws Exception {
        categories.put("SN", IdType.ID_CARD, ID, "VIP", "BLACKLIST");
        JsonNode shown = Json.mapper().valueToTree(OrderPriority.shown(order("SN", zhang(), "13891800001"), categories, subscribers));
        assertEquals("VIP", shown.path("priority").asText());
        assertEquals("the order's own fields stay at the top level", "o-1", shown.path("id").asText());
        assertEquals("account-opening", shown.path("procedure").asText());
        assertEquals("the customer is masked", "张*", shown.path("customer").path("name").asText());
        assertFalse(shown.has("order"));
        assertEquals("NORMAL", OrderPriority.mark(order("SX", zhang(), null), categories, subscribers));
    }

    @Test
    public void rules14_anOrderWithoutCustomerTakesTheMarkOfItsNumbersSubscriber() {
        subscribers.add(subscribers.add("13891800001", "SN", "SN-XA-001", 1).withCategories(java.util.Set.of("VIP")));
        assertEquals("VIP", OrderPriority.mark(order("SN", null, "13891800001"), categories, subscribers));
        assertEquals("NORMAL", OrderPriority.mark(order("SN", null, "13891800002"), categories, subscribers));
        assertEquals("NORMAL", OrderPriority.mark(order("SN", zhang(), null), categories, subscribers));
    }

    @Test
    public void withoutCategoriesAnOrderShowsNoMark() {
        JsonNode shown = Json.mapper().valueToTree(OrderPriority.shown(order("SN", zhang(), null), null, subscribers));
        assertFalse(shown.has("priority"));
        assertEquals("o-1", shown.path("id").asText());
    }
}
