package org.bizhall.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.Payment;
import org.bizhall.platform.store.OrderStore;
import org.bizhall.testing.DirectTransactions;

/** Orders and payments in memory, with the store's one-payment-per-order rule. */
final class FakeOrderStore implements OrderStore, DirectTransactions.Participant {
    private Map<String, Order> orders = new LinkedHashMap<>();
    private Map<String, Payment> payments = new LinkedHashMap<>();

    @Override
    public void insert(Order order) {
        if (orders.putIfAbsent(order.id(), order) != null) {
            throw new IllegalStateException("duplicate order id");
        }
    }

    @Override
    public Optional<Order> find(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    @Override
    public Optional<Order> lock(String id) {
        return find(id);
    }

    @Override
    public void update(Order order) {
        if (!orders.containsKey(order.id())) {
            throw new IllegalStateException("no such order to update");
        }
        orders.put(order.id(), order);
    }

    @Override
    public Page<Order> query(String province, OrderQuery query) {
        List<Order> matching = orders.values().stream()
                .filter(o -> province == null || o.province().equals(province))
                .filter(o -> query.state() == null || o.state() == query.state())
                .filter(o -> query.procedure() == null || o.procedure().equals(query.procedure()))
                .filter(o -> query.msisdn() == null || query.msisdn().equals(o.msisdn()))
                .sorted(Comparator.comparing(Order::createdAt).reversed()).toList();
        return new Page<>(matching.stream().skip(query.offset()).limit(query.limit()).toList(), matching.size());
    }

    @Override
    public void insertPayment(Payment payment) {
        if (payments.values().stream().anyMatch(p -> p.orderId().equals(payment.orderId()))) {
            throw ProblemException.conflict("ORDER_ALREADY_PAID", "the order has been paid");
        }
        payments.put(payment.id(), payment);
    }

    @Override
    public List<Payment> payments(String orderId) {
        return payments.values().stream().filter(p -> p.orderId().equals(orderId)).toList();
    }

    List<Order> all() {
        return new ArrayList<>(orders.values());
    }

    int paymentCount() {
        return payments.size();
    }

    @Override
    public Object snapshot() {
        return List.of(new LinkedHashMap<>(orders), new LinkedHashMap<>(payments));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        List<Object> both = (List<Object>) snapshot;
        orders = new LinkedHashMap<>((Map<String, Order>) both.get(0));
        payments = new LinkedHashMap<>((Map<String, Payment>) both.get(1));
    }
}
