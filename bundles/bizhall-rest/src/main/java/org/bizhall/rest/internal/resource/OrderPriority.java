package org.bizhall.rest.internal.resource;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.order.Order;
import org.bizhall.api.service.CustomerCategories;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;

/**
 * The priority mark of an order (rulebook §14: VIP orders go first): {@code "priority":"VIP"} when the order's
 * customer is a big customer of the order's province now, or, for an order that names no customer (a bill payment),
 * when its number's subscriber is; {@code "NORMAL"} otherwise. Read when the order is shown, so a customer made VIP
 * while an order waits has that order go first; the edge knows categories, never a procedure.
 */
final class OrderPriority {
    static final String VIP = CustomerCategories.VIP;
    static final String NORMAL = CustomerCategories.NORMAL;

    private OrderPriority() {
    }

    /** The order as it leaves the system: masked, with its priority mark (none when categories cannot be read). */
    static Marked shown(Order order, CustomerCategories categories, SubscriberService subscribers) {
        return new Marked(order.masked(), mark(order, categories, subscribers));
    }

    /** Marks for a page of orders: a customer with several orders on the page is looked up once. */
    static java.util.function.Function<Order, Marked> shownAll(CustomerCategories categories,
            SubscriberService subscribers) {
        if (categories == null) {
            return order -> new Marked(order.masked(), null);
        }
        java.util.Map<String, Set<String>> seen = new java.util.HashMap<>();
        Lookup once = (province, customer) -> seen.computeIfAbsent(
                province + "|" + customer.idType() + "|" + customer.idNumber(),
                k -> categories.of(province, customer.idType(), customer.idNumber()));
        return order -> new Marked(order.masked(), mark(order, once, subscribers));
    }

    /** A customer's categories in a province (a function, so this bundle implements no api interface). */
    interface Lookup {
        Set<String> of(String province, Customer customer);
    }

    static String mark(Order order, CustomerCategories categories, SubscriberService subscribers) {
        return categories == null ? null
                : mark(order, (province, c) -> categories.of(province, c.idType(), c.idNumber()), subscribers);
    }

    private static String mark(Order order, Lookup categories, SubscriberService subscribers) {
        Customer customer = order.customer();
        Set<String> held;
        if (customer != null && customer.idType() != null && customer.idNumber() != null) {
            held = categories.of(order.province(), customer);
        } else if (order.msisdn() != null && subscribers != null && Msisdn.isValid(order.msisdn())) {
            held = subscribers.find(new Msisdn(order.msisdn())).filter(s -> s.province().equals(order.province()))
                    .map(Subscriber::categories).orElse(Set.of());
        } else {
            held = Set.of();
        }
        return held.contains(VIP) ? VIP : NORMAL;
    }

    /** An order with its mark: the order's own fields, then {@code priority}. */
    static final class Marked {
        private final Order order;
        private final String priority;

        Marked(Order order, String priority) {
            this.order = order;
            this.priority = priority;
        }

        @JsonUnwrapped
        public Order getOrder() {
            return order;
        }

        @JsonProperty("priority")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public String getPriority() {
            return priority;
        }
    }
}
