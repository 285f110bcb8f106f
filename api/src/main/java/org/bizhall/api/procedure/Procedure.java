package org.bizhall.api.procedure;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Quote;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One service type's rules. Register as a service with {@link ProcedureProperties#PROCEDURE} and
 * {@link ProcedureProperties#PROVINCE}; the engine resolves the provider on every call, so installing or removing a
 * bundle changes which rules new orders use without a restart. Write one with the kit
 * ({@link org.bizhall.api.procedure.kit.KitProcedure} and {@link org.bizhall.api.procedure.kit.ProcedureProvider}),
 * which names it once and reads its descriptor from the bundle.
 * <p>
 * The engine drives: {@link #quote} when the order is submitted (refuse with a {@link ProblemException} and nothing is
 * stored); the payment when the quote has a total; {@link #execute} once paid; and, for procedures that wait,
 * {@link #confirm} and {@link #dateReached}. Each call runs inside the engine's transaction.
 */
@ConsumerType
public interface Procedure {
    ProcedureDescriptor descriptor();

    /** Checks the rules, takes what the order needs (a number reservation) and prices it. */
    Quote quote(OrderContext order);

    /** Carries the order out after payment (or at once when nothing is due). */
    StepOutcome execute(OrderContext order);

    /** A confirmation the order waits for. */
    default StepOutcome confirm(OrderContext order, Confirmation confirmation) {
        throw ProblemException.conflict("CONFIRMATION_NOT_AWAITED", "this procedure awaits no confirmation");
    }

    /** The date a scheduled order waits for has come. */
    default StepOutcome dateReached(OrderContext order) {
        return StepOutcome.completed();
    }

    /** The order is cancelled before completion: give back what {@link #quote} took. */
    default void cancel(OrderContext order) {
    }
}
