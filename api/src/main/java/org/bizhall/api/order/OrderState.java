package org.bizhall.api.order;

/** The states of the contract's order state machine. */
public enum OrderState {
    ACKNOWLEDGED, PENDING_PAYMENT, PENDING_CONFIRMATION, SCHEDULED, COMPLETED, REJECTED, CANCELLED, FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED || this == FAILED;
    }
}
