package org.bizhall.api.common;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The 18-character resident identity number (GB 11643): region, birth date, sequence and an ISO 7064 MOD 11-2 check
 * character ({@code 0-9} or {@code X}).
 */
public final class ResidentId {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    /** Compiled once: an opening checks the holder's number several times, and {@code String.matches} compiles anew. */
    private static final Pattern FORMAT = Pattern.compile("[0-9]{17}[0-9Xx]");

    private ResidentId() {
    }

    /** The check character the first 17 digits call for. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Validates an ID number given in {@code field}; returns it upper-cased. */
    public static String validate(String number, String field) {
        if (number == null || !FORMAT.matcher(number).matches()) {
            throw ProblemException.badRequest("ID_NUMBER_INVALID", "a resident ID number has 17 digits and a check character", field);
        }
        String normalised = number.toUpperCase();
        try {
            LocalDate.of(Integer.parseInt(normalised.substring(6, 10)), Integer.parseInt(normalised.substring(10, 12)),
                    Integer.parseInt(normalised.substring(12, 14)));
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("ID_NUMBER_INVALID", "the ID number does not hold a valid birth date", field);
        }
        if (checkCharacter(normalised) != normalised.charAt(17)) {
            throw ProblemException.badRequest("ID_NUMBER_CHECK_FAILED", "the ID number's check character is wrong", field);
        }
        return normalised;
    }

    public static boolean isValid(String number) {
        try {
            validate(number, null);
            return true;
        } catch (ProblemException e) {
            return false;
        }
    }
}
