package org.bizhall.api.counter;

import java.time.LocalDate;
import java.util.Optional;

import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Satisfaction ratings (rules §1.8). Only a {@code COMPLETED} order of the caller's province (409
 * {@code ORDER_NOT_COMPLETED}) and, for staff, of the caller's hall (403 {@code OTHER_HALL}) is rated, once (409
 * {@code RATING_EXISTS}); the operator rated is the one who took the order.
 */
@ProviderType
public interface RatingService {
    /**
     * Rates an order: with {@code score} (1..5, 400 {@code SCORE_INVALID} otherwise) as entered by hand
     * ({@link RatingSource#MANUAL}); without, as the customer presses it on the hall's rating pad
     * ({@link RatingSource#PAD}). No pad bound or a failing one: 503 {@link DeviceUnavailableException#CODE}; a customer
     * who does not press: 422 {@code RATING_NOT_GIVEN}. Either way the counter may then enter the score by hand.
     */
    Rating rate(Caller caller, String orderId, Integer score);

    /** The order's rating, if it has one; the order must be visible to the caller. */
    Optional<Rating> find(Caller caller, String orderId);

    /**
     * A hall's ratings of one business day by operator. Managers of the hall's province, admins, and staff of the hall
     * may read it (403 otherwise); 404 {@code HALL_NOT_FOUND}.
     */
    RatingSummary summary(Caller caller, String hall, LocalDate date);
}
