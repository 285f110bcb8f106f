package org.bizhall.api.common;

/** Money is a {@code long} number of fen; this formats it and guards the limits every request is checked against. */
public final class Money {
    /** No single amount at a hall counter reaches one million yuan; larger values are typing errors. */
    public static final long MAX_FEN = 100_000_000L;

    private Money() {
    }

    public static String yuan(long fen) {
        String sign = fen < 0 ? "-" : "";
        long abs = Math.abs(fen);
        return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
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
