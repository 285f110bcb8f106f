package org.bizhall.api.order;

/** The receipt a payment was given. */
public record ReceiptRef(String number) {
}
