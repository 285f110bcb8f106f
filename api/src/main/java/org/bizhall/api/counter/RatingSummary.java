package org.bizhall.api.counter;

import java.time.LocalDate;
import java.util.List;

/** A hall's ratings of one business day: in all and per operator (by operator id); averages to two decimals. */
public record RatingSummary(String hall, LocalDate date, long count, double average, List<OperatorRating> operators) {
    public RatingSummary {
        operators = List.copyOf(operators);
    }
}
