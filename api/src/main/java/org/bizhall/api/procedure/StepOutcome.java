package org.bizhall.api.procedure;

import java.time.OffsetDateTime;

import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.OrderState;

/**
 * Where a step leaves its order: completed, or waiting for someone or a date. {@code dueAt} is the date a
 * {@code SCHEDULED} order waits for, or the deadline of an awaited confirmation (past it the order ends
 * {@code REJECTED} with {@code CONFIRMATION_TIMEOUT}); the engine hands it to the scheduler.
 * <p>
 * {@code payOutFen}, only on a completed outcome of an order that pays money out (a negative quote): what the engine
 * pays out instead of the quoted amount, because the step learnt the amount only now (the accounting office confirms
 * less than was claimed). It may lower the payout, never raise it; null pays the quoted amount.
 */
public record StepOutcome(OrderState state, Awaiting awaiting, OffsetDateTime dueAt, String note, Long payOutFen) {

    public StepOutcome {
        if (payOutFen != null && (state != OrderState.COMPLETED || payOutFen < 0)) {
            throw new IllegalArgumentException("a payout amount is 0 or more and belongs to a completed outcome");
        }
    }

    /** An outcome that pays out what the quote says (if it pays anything out). */
    public StepOutcome(OrderState state, Awaiting awaiting, OffsetDateTime dueAt, String note) {
        this(state, awaiting, dueAt, note, null);
    }

    public static StepOutcome completed() {
        return new StepOutcome(OrderState.COMPLETED, null, null, null);
    }

    /**
     * Completed, paying out {@code payOutFen} (0 or more, at most what the negative quote pays out) instead of the
     * quoted amount: e.g. a bank refund the accounting office confirmed lower than claimed. A payout above the quote's
     * fails the order; 0 completes it paying nothing.
     */
    public static StepOutcome completedPayingOut(long payOutFen, String note) {
        return new StepOutcome(OrderState.COMPLETED, null, null, note, payOutFen);
    }

    /** Waits for a confirmation without a deadline. */
    public static StepOutcome awaitingConfirmation(Awaiting awaiting, String note) {
        return new StepOutcome(OrderState.PENDING_CONFIRMATION, awaiting, null, note);
    }

    /** Waits for a confirmation until {@code deadline} (business time); then the order times out. */
    public static StepOutcome awaitingConfirmation(Awaiting awaiting, OffsetDateTime deadline, String note) {
        return new StepOutcome(OrderState.PENDING_CONFIRMATION, awaiting, deadline, note);
    }

    public static StepOutcome scheduled(OffsetDateTime dueAt, String note) {
        return new StepOutcome(OrderState.SCHEDULED, Awaiting.DATE, dueAt, note);
    }

    public static StepOutcome rejected(String note) {
        return new StepOutcome(OrderState.REJECTED, null, null, note);
    }
}
