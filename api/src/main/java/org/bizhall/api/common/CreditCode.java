package org.bizhall.api.common;

/**
 * The 18-character unified social credit code of an organisation (GB 32100), whose last character is a MOD 31 check
 * over the alphabet {@code 0-9 A-H J-N P-R T-U W-Y}.
 */
public final class CreditCode {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a credit-code character: " + first17.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** Validates a code given in {@code field}; returns it upper-cased. */
    public static String validate(String code, String field) {
        String normalised = code == null ? "" : code.toUpperCase();
        if (!normalised.matches("[0-9A-HJ-NPQRTUWXY]{18}")) {
            throw ProblemException.badRequest("CREDIT_CODE_INVALID", "a unified social credit code has 18 characters", field);
        }
        if (checkCharacter(normalised) != normalised.charAt(17)) {
            throw ProblemException.badRequest("CREDIT_CODE_CHECK_FAILED", "the credit code's check character is wrong", field);
        }
        return normalised;
    }
}
