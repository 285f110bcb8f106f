package org.bizhall.api.common;

/** Money is a {@code long} number of fen; this formats it and guards the limits every request is checked against. */
public final class Money {
    /** No single amount at a hall counter reaches one million yuan; larger values are typing errors. */
    public static final long MAX_FEN = 100_000_000L;

    private Money() {
    }

    /** Fen as yuan with two decimals ({@code -350} is {@code "-3.50"}), as receipts and quote lines show them. */
    public static String yuan(long fen) {
        String sign = fen < 0 ? "-" : "";
        long abs = Math.abs(fen);
        long cents = abs % 100;
        // not String.format: a quote formats its amounts on every order, and the formatter was 1.3 % of an opening
        return sign + (abs / 100) + (cents < 10 ? ".0" : ".") + cents;
    }

    /** Checks an amount given in {@code field}: zero or more and below {@link #MAX_FEN}. */
    public static long requireAmount(Long fen, String field) {
        if (fen == null) {
            throw ProblemException.badRequest("AMOUNT_MISSING", field + " is required", field);
        }
        if (fen < 0) {
            throw ProblemException.badRequest("AMOUNT_NEGATIVE", field + " must not be negative", field);
        }
        if (fen > MAX_FEN) {
            throw ProblemException.badRequest("AMOUNT_TOO_LARGE", field + " exceeds " + yuan(MAX_FEN) + " yuan", field);
        }
        return fen;
    }
}
