package org.bizhall.platform.schedule;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the scheduler asks the engine to do when an order's due time has come on the business clock. Each call runs
 * the order's procedure in a transaction of the engine's; an order that has meanwhile left its waiting state is left
 * alone. Implemented by the engine.
 */
@ProviderType
public interface DueOrders {
    /** The date a {@code SCHEDULED} order waits for has come: the procedure's {@code dateReached} step. */
    void dateReached(String orderId);

    /** The order waited for a confirmation past its deadline: it ends {@code REJECTED} with {@code CONFIRMATION_TIMEOUT}. */
    void timedOut(String orderId);
}
