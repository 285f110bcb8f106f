package org.bizhall.engine.internal;

import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.ProcedureDescriptor;

/**
 * Whether a paid order may still be cancelled. A paid order has had its execute step: what was paid for is done, so
 * it is not cancelled, with one exception its procedure opts in to by listing the step {@value #STEP} in its
 * descriptor (and so in {@code GET /procedures}): a {@code SCHEDULED} order that runs on month by month after a paid
 * first part (keep-number suspension). Cancelling it stops what is still to come (the procedure's {@code cancel}
 * undoes the lasting effect, such as a suspension); what was paid stays paid, for the part already served.
 */
final class PaidOrderCancel {
    /** The step word a procedure lists when its paid, scheduled orders may be cancelled. */
    static final String STEP = "cancel";

    private PaidOrderCancel() {
    }

    static boolean allowed(Order order, ProcedureDescriptor descriptor) {
        return order.state() == OrderState.SCHEDULED && descriptor != null && descriptor.steps().contains(STEP);
    }
}
