package org.bizhall.engine.internal;

import org.bizhall.api.order.Order;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.procedure.StepOutcome;

/**
 * How much an order that pays money out pays when a step completes it: what its quote says, or less when the
 * completing step set {@link StepOutcome#payOutFen()} because it learnt the amount only then (the accounting office
 * confirming less than a bank refund claimed). The quote is the ceiling the counter and the customer saw: a step that
 * asks for more, or sets an amount on an order that pays nothing out, is the procedure's failure, and its order fails
 * with nothing paid.
 */
final class PayoutAmount {
    private PayoutAmount() {
    }

    /** The amount (positive fen, or 0 for nothing) to pay out for {@code order} completed by {@code outcome}. */
    static long of(Order order, StepOutcome outcome, Step step, ResolvedProcedure procedure) {
        long quoted = order.quote() == null ? 0 : Math.max(0, -order.quote().totalFen());
        Long asked = outcome.payOutFen();
        if (asked == null) {
            return quoted;
        }
        if (quoted == 0) {
            throw new ProcedureCrash(step, procedure.id(), procedure.provider(),
                    new IllegalStateException("a payout amount on an order whose quote pays nothing out"));
        }
        if (asked > quoted) {
            throw new ProcedureCrash(step, procedure.id(), procedure.provider(), new IllegalStateException(
                    "the step asked to pay out " + asked + " fen, more than the quote's " + quoted));
        }
        return asked;
    }
}
