package org.bizhall.api.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The time every business fact is stamped with: order and receipt times, settlement dates, due times, billing months.
 * It can be moved only where the clock configuration says {@code adjustable=true} (demo and test distributions).
 */
@ProviderType
public interface BusinessClock {
    OffsetDateTime now();

    ZoneId zone();

    default LocalDate today() {
        return now().atZoneSameInstant(zone()).toLocalDate();
    }

    default YearMonth month() {
        return YearMonth.from(today());
    }

    boolean adjustable();

    /** Moves the clock so that {@link #now()} answers {@code now} at this instant; refused when not adjustable. */
    void moveTo(OffsetDateTime now);
}
