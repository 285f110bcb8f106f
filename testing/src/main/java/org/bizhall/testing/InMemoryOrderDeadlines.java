package org.bizhall.testing;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bizhall.platform.schedule.OrderDeadlines;

/**
 * Due times of orders in memory, one per order and kind, taking part in {@link DirectTransactions} rollbacks like the
 * store's table does.
 */
public final class InMemoryOrderDeadlines implements OrderDeadlines, DirectTransactions.Participant {
    private Map<String, OffsetDateTime> due = new LinkedHashMap<>();

    @Override
    public void schedule(String kind, String orderId, OffsetDateTime dueAt) {
        due.put(kind + ' ' + orderId, dueAt);
    }

    @Override
    public void clear(String orderId) {
        due.keySet().removeIf(key -> key.endsWith(' ' + orderId));
    }

    /** The due time of {@code kind} ({@link #DATE}, {@link #TIMEOUT}) the order has now. */
    public Optional<OffsetDateTime> dueAt(String kind, String orderId) {
        return Optional.ofNullable(due.get(kind + ' ' + orderId));
    }

    /** Whether any due time is kept for the order. */
    public boolean has(String orderId) {
        return due.keySet().stream().anyMatch(key -> key.endsWith(' ' + orderId));
    }

    /** Whether no order has a due time. */
    public boolean isEmpty() {
        return due.isEmpty();
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(due);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        due = new LinkedHashMap<>((Map<String, OffsetDateTime>) snapshot);
    }
}
