package org.bizhall.api.procedure;

import java.time.OffsetDateTime;

import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.OrderState;

/**
 * Where a step leaves its order: completed, or waiting for someone or a date. {@code dueAt} is the date a
 * {@code SCHEDULED} order waits for, or the deadline of an awaited confirmation (past it the order ends
 * {@code REJECTED} with {@code CONFIRMATION_TIMEOUT}); the engine hands it to the scheduler.
 */
public record StepOutcome(OrderState state, Awaiting awaiting, OffsetDateTime dueAt, String note) {

    public static StepOutcome completed() {
        return new StepOutcome(OrderState.COMPLETED, null, null, null);
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
