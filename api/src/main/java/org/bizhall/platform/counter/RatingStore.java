package org.bizhall.platform.counter;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.bizhall.api.counter.OperatorRating;
import org.bizhall.api.counter.Rating;
import org.osgi.annotation.versioning.ProviderType;

/** Where ratings are kept; implemented by the persistence bundle. Calls join the caller's transaction. */
@ProviderType
public interface RatingStore {
    /**
     * Stores a rating, one per order: 409 {@code RATING_EXISTS} when the order has one. Two counters rating one order
     * at once meet on the order row; the primary key on the order id stands behind.
     */
    Rating insert(Rating rating);

    Optional<Rating> find(String orderId);

    /** The per-operator counts and averages of a hall's ratings of one business day, by operator id. */
    List<OperatorRating> byOperator(String hall, LocalDate businessDate);
}
