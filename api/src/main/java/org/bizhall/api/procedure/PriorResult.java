package org.bizhall.api.procedure;

import java.util.List;
import java.util.Objects;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.QuoteItem;

/**
 * What a step hook decided before a step (Kill Bill's prior-call result): proceed, refuse the order, or, before the
 * {@link Step#QUOTE QUOTE} step only, adjust the quote the procedure will make.
 * <p>
 * Adjustments are applied after the procedure's own quote, hook by hook in the order hooks run (highest
 * {@code service.ranking} first): an item whose {@code code} the quote already has replaces it, any other is added
 * (a discount is an item with a negative amount); the total is recomputed. Adjustments may not turn a quote that costs
 * something into money paid out. The engine records each adjustment in the order's history with the hook's bundle.
 *
 * @param refusal the refusal, or null
 * @param items   items to add or replace (empty to leave the quote alone)
 * @param note    why, shown in the order's history (e.g. "陕西省城市附加费")
 */
public record PriorResult(ProblemException refusal, List<QuoteItem> items, String note) {
    private static final PriorResult PROCEED = new PriorResult(null, List.of(), null);

    public PriorResult {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** The step goes ahead as it is. */
    public static PriorResult proceed() {
        return PROCEED;
    }

    /** The order is refused with {@code refusal} (as if the hook had thrown it); nothing is stored. */
    public static PriorResult refuse(ProblemException refusal) {
        return new PriorResult(Objects.requireNonNull(refusal, "refusal"), List.of(), null);
    }

    /** Before QUOTE: adds these items to the procedure's quote, or replaces the items of the same code. */
    public static PriorResult adjust(String note, QuoteItem... items) {
        if (items.length == 0) {
            throw new IllegalArgumentException("an adjustment names at least one item");
        }
        return new PriorResult(null, List.of(items), note);
    }

    public boolean refuses() {
        return refusal != null;
    }

    public boolean adjusts() {
        return !items.isEmpty();
    }
}
