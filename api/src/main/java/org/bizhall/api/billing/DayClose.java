package org.bizhall.api.billing;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A closed hall day as stored. */
public record DayClose(String hall, LocalDate date, long totalFen, long cashFen, long countedCashFen,
        long differenceFen, String closedBy, OffsetDateTime closedAt) {
}
