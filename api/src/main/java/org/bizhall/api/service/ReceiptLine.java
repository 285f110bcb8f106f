package org.bizhall.api.service;

/** One item on a receipt. */
public record ReceiptLine(String code, String description, long amountFen) {
}
