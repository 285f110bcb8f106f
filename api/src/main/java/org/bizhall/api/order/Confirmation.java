package org.bizhall.api.order;

/** A back-office decision or a member's answer that an order was waiting for. */
public record Confirmation(String step, Boolean approved, String note, String msisdn) {
}
