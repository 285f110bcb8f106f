package org.bizhall.platform.schedule;

import java.time.OffsetDateTime;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the engine writes the time an order waits for (a {@code SCHEDULED} order's date, the deadline of an awaited
 * confirmation), in the transaction that moves the order, so that the scheduler finds it after a restart and on any
 * node. Implemented by the store.
 */
@ProviderType
public interface OrderDeadlines {
    /** Work kind: the date a {@code SCHEDULED} order waits for. */
    String DATE = "ORDER_DATE";
    /** Work kind: the deadline of an order waiting for a confirmation. */
    String TIMEOUT = "ORDER_TIMEOUT";

    /** Sets (or moves) the due time of {@code kind} for the order. */
    void schedule(String kind, String orderId, OffsetDateTime dueAt);

    /** Forgets every due time of the order (it left its waiting state). */
    void clear(String orderId);
}
