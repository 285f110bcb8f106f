package org.bizhall.procedure.opening.internal;

import java.time.LocalDate;

import org.bizhall.api.service.Product;

/**
 * The rent of the joining month, told to the customer with the quote (seed 001 C1-F6: product, action and time give
 * the price; seed 002 for the proration). Package users joining on the 1st–15th pay the full month, from the 16th
 * half; daily-rent products pay {@code rent × 12 / 365} per remaining day, rounded to the nearest fen.
 */
final class FirstMonthRent {
    static final String DAILY = "DAILY";
    private static final int HALF_MONTH_FROM_DAY = 16;

    private FirstMonthRent() {
    }

    static long of(Product product, LocalDate joined) {
        long rent = product.monthlyRentFen();
        if (DAILY.equals(product.rentKind())) {
            long days = joined.lengthOfMonth() - joined.getDayOfMonth() + 1;
            return (rent * 12 * days * 2 + 365) / (365 * 2);
        }
        return joined.getDayOfMonth() < HALF_MONTH_FROM_DAY ? rent : rent / 2;
    }
}
