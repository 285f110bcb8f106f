package org.bizhall.api.order;

/** One priced item of a quote, e.g. {@code DEPOSIT} 10000 fen. */
public record QuoteItem(String code, String description, long amountFen) {
}
