package org.bizhall.billing.internal;

import java.time.LocalDate;
import java.time.YearMonth;

import org.bizhall.api.service.Product;

/**
 * The rent of one billing month (seed 002, rulebook §2). The billing month is the calendar month. A {@code PACKAGE}
 * product costs its monthly rent, except in the joining month: joined on the 1st–15th the full month, on the 16th or
 * later half of it (rounded down to the fen). A {@code DAILY} product is charged per day in service,
 * {@code rent × 12 / 365 × days}, rounded half up to the fen in one step on the exact product (so 10.00 yuan × 12 / 365
 * × 17 days = 5.589… yuan = 559 fen); over a whole year the days add up to twelve monthly rents. Both agree with the
 * first-month rent account opening quotes to the customer.
 */
final class MonthlyRent {
    static final String DAILY = "DAILY";
    static final int HALF_MONTH_FROM_DAY = 16;

    private MonthlyRent() {
    }

    /** The rent of {@code month} for a subscriber who joined on {@code joined}; 0 for a month before joining. */
    static long of(Product product, LocalDate joined, YearMonth month) {
        YearMonth joinedMonth = YearMonth.from(joined);
        if (month.isBefore(joinedMonth)) {
            return 0;
        }
        boolean joiningMonth = month.equals(joinedMonth);
        long rent = product.monthlyRentFen();
        if (DAILY.equals(product.rentKind())) {
            long days = joiningMonth ? month.lengthOfMonth() - joined.getDayOfMonth() + 1 : month.lengthOfMonth();
            return daily(rent, days);
        }
        if (joiningMonth && joined.getDayOfMonth() >= HALF_MONTH_FROM_DAY) {
            return rent / 2;
        }
        return rent;
    }

    /** {@code rent × 12 × days / 365} rounded half up, in integer arithmetic. */
    static long daily(long rentFen, long days) {
        return (rentFen * 12 * days * 2 + 365) / (365 * 2);
    }
}
