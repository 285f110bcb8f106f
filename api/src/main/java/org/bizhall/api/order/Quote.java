package org.bizhall.api.order;

import java.util.List;

/** What an order costs; its total is what a payment must cover. */
public record Quote(List<QuoteItem> items, long totalFen) {
    public Quote {
        items = List.copyOf(items);
    }

    public static Quote of(List<QuoteItem> items) {
        return new Quote(items, items.stream().mapToLong(QuoteItem::amountFen).sum());
    }

    public static Quote free() {
        return new Quote(List.of(), 0);
    }
}
