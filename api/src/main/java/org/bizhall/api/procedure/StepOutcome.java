package org.bizhall.api.procedure;

import java.time.OffsetDateTime;

import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.OrderState;

/** Where a step leaves its order: completed, or waiting for someone or a date. */
public record StepOutcome(OrderState state, Awaiting awaiting, OffsetDateTime dueAt, String note) {

    public static StepOutcome completed() {
        return new StepOutcome(OrderState.COMPLETED, null, null, null);
    }

    public static StepOutcome awaitingConfirmation(Awaiting awaiting, String note) {
        return new StepOutcome(OrderState.PENDING_CONFIRMATION, awaiting, null, note);
    }

    public static StepOutcome scheduled(OffsetDateTime dueAt, String note) {
        return new StepOutcome(OrderState.SCHEDULED, Awaiting.DATE, dueAt, note);
    }

    public static StepOutcome rejected(String note) {
        return new StepOutcome(OrderState.REJECTED, null, null, note);
    }
}
