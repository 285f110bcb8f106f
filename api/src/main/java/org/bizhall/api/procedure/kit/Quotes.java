package org.bizhall.api.procedure.kit;

import java.util.Optional;

import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.OrderContext;

/** Building a quote's items and reading back what a stored quote priced under one code. */
public final class Quotes {
    private Quotes() {
    }

    /** One priced item, e.g. {@code item("SIM_CARD", "SIM卡费", 1000)}; a negative amount pays money out. */
    public static QuoteItem item(String code, String description, long amountFen) {
        return new QuoteItem(code, description, amountFen);
    }

    /** What {@code quote} prices under {@code code} (0 when none of its items has it). */
    public static long sum(Quote quote, String code) {
        return quote == null ? 0 : quote.items().stream().filter(i -> code.equals(i.code()))
                .mapToLong(QuoteItem::amountFen).sum();
    }

    /**
     * What the order's stored quote prices under {@code code}: the amount that was paid, whichever provider priced
     * it and whatever the province's parameters say now.
     */
    public static long quoted(OrderContext order, String code) {
        Optional<Quote> quote = order.quote();
        return sum(quote.orElse(null), code);
    }
}
