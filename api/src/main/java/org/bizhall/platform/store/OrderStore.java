package org.bizhall.platform.store;

import java.util.List;
import java.util.Optional;

import org.bizhall.api.common.Page;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.Payment;
import org.osgi.annotation.versioning.ProviderType;

/** Where the engine keeps orders, their history and payments. Calls join the caller's transaction. */
@ProviderType
public interface OrderStore {
    void insert(Order order);

    Optional<Order> find(String id);

    /** Reads an order and locks it until the transaction ends, so two counters act on it one after the other. */
    Optional<Order> lock(String id);

    /**
     * Writes the order's state, awaiting, params (the engine erases write-only ones when an order ends), quote, result,
     * problem and provider, and appends new history entries.
     */
    void update(Order order);

    /** Orders of a province (all provinces when null) matching the query, newest first. */
    Page<Order> query(String province, OrderQuery query);

    /** Records a payment; one per order: a second one is a 409 {@code ORDER_ALREADY_PAID}. */
    void insertPayment(Payment payment);

    List<Payment> payments(String orderId);
}
