package org.bizhall.api.counter;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The customer's satisfaction score (1..5) of the operator who served a completed order (rules §1.8), at most one per
 * order. {@code device} is the pad that took it (null when entered by hand); {@code recordedBy} the user who asked.
 */
public record Rating(String orderId, String hall, String province, String operator, int score, RatingSource source,
        String device, String recordedBy, OffsetDateTime at, LocalDate businessDate) {
    public static final int MIN_SCORE = 1;
    public static final int MAX_SCORE = 5;
}
