package org.bizhall.api.common;

/** How personal data appears in responses and logs: names keep their first character, ID numbers their last four. */
public final class Masking {
    private Masking() {
    }

    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        int rest = name.codePointCount(first, name.length());
        return name.substring(0, first) + "*".repeat(Math.max(rest, 1));
    }

    public static String idNumber(String number) {
        if (number == null) {
            return null;
        }
        if (number.length() <= 4) {
            return "*".repeat(number.length());
        }
        return "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }
}
