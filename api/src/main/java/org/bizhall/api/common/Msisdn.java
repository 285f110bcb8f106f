package org.bizhall.api.common;

import java.util.regex.Pattern;

/** A mainland mobile number: 11 digits starting 13–19. */
public record Msisdn(String value) {
    private static final Pattern FORMAT = Pattern.compile("1[3-9][0-9]{9}");

    public Msisdn {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw ProblemException.badRequest("MSISDN_INVALID",
                    "a mobile number has 11 digits and starts with 13 to 19", "msisdn");
        }
    }

    /** Parses a number given in {@code field} of a request, naming that field when it is wrong. */
    public static Msisdn parse(String value, String field) {
        try {
            return new Msisdn(value);
        } catch (ProblemException e) {
            throw ProblemException.badRequest(e.code(), e.detail(), field);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
