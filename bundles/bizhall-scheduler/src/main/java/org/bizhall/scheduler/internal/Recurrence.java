package org.bizhall.scheduler.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.bizhall.api.common.ProblemException;

/**
 * When a recurring run comes, on the business clock. An occurrence is a key (the billing month; the date of a daily
 * run) and the business time it is due. The month-end billing run of month M is due when M has ended (the 1st of M+1,
 * 00:00); a daily run of date D at D 00:00. After an occurrence the next one follows: the next month (so months missed
 * while no node ran are billed one after another), or the next date but never one already past (a daily run caught up
 * once is enough).
 */
enum Recurrence {
    /** Month-end billing of the month in the key. */
    MONTHLY_BILLING {
        @Override
        String currentKey(LocalDate today) {
            return YearMonth.from(today).minusMonths(1).toString();
        }

        @Override
        String nextKey(String key, LocalDate today) {
            return YearMonth.parse(key).plusMonths(1).toString();
        }

        @Override
        OffsetDateTime dueAt(String key, ZoneId zone) {
            return YearMonth.parse(key).plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime();
        }

        @Override
        void checkStartable(String key, LocalDate today) {
            YearMonth month;
            try {
                month = YearMonth.parse(key);
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("JOB_KEY_INVALID", "the key of a billing run is its month, YYYY-MM", "key");
            }
            if (!month.isBefore(YearMonth.from(today))) {
                throw ProblemException.rule("MONTH_NOT_ENDED", "the month " + month + " has not ended (business date "
                        + today + "); a month is billed once it has ended", "key");
            }
        }
    },
    /** A run once a day, keyed by its date. */
    DAILY {
        @Override
        String currentKey(LocalDate today) {
            return today.toString();
        }

        @Override
        String nextKey(String key, LocalDate today) {
            LocalDate next = LocalDate.parse(key).plusDays(1);
            return (next.isBefore(today) ? today : next).toString();
        }

        @Override
        OffsetDateTime dueAt(String key, ZoneId zone) {
            return LocalDate.parse(key).atStartOfDay(zone).toOffsetDateTime();
        }

        @Override
        void checkStartable(String key, LocalDate today) {
            LocalDate date;
            try {
                date = LocalDate.parse(key);
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("JOB_KEY_INVALID", "the key of a daily run is its date, YYYY-MM-DD", "key");
            }
            if (date.isAfter(today)) {
                throw ProblemException.rule("JOB_NOT_DUE", "the run of " + date + " is not due (business date " + today
                        + ")", "key");
            }
        }
    };

    /** The latest occurrence due by {@code today}. */
    abstract String currentKey(LocalDate today);

    /** The occurrence after {@code key}. */
    abstract String nextKey(String key, LocalDate today);

    /** When the occurrence {@code key} is due. */
    abstract OffsetDateTime dueAt(String key, ZoneId zone);

    /** Refuses a key of the wrong form (400) or one that is not due yet (422). */
    abstract void checkStartable(String key, LocalDate today);
}
