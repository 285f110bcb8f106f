package org.bizhall.engine.internal;

import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.order.Order;
import org.bizhall.api.service.CustomerCategories;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;

/**
 * The priority an order is submitted with (rulebook §14: VIP orders go first): {@link Order#VIP} when the order's
 * customer is a big customer of the hall's province, or, for an order that names no customer (a bill payment), when its
 * number's subscriber there is; {@link Order#NORMAL} otherwise, and when no categories are kept on this node. Fixed at
 * submission and kept with the order, so every edge (HTTP, shell) shows the same mark; a customer made VIP later
 * marks the orders submitted from then on.
 */
final class OrderPriorities {
    private OrderPriorities() {
    }

    static String of(String province, Customer customer, Msisdn msisdn, CustomerCategories categories,
            SubscriberService subscribers) {
        if (categories == null) {
            return Order.NORMAL;
        }
        Set<String> held;
        if (customer != null && customer.idType() != null && customer.idNumber() != null) {
            held = categories.of(province, customer.idType(), customer.idNumber());
        } else if (msisdn != null && subscribers != null) {
            held = subscribers.find(msisdn).filter(s -> s.province().equals(province)).map(Subscriber::categories)
                    .orElse(Set.of());
        } else {
            held = Set.of();
        }
        return held.contains(CustomerCategories.VIP) ? Order.VIP : Order.NORMAL;
    }
}
