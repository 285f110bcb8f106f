package org.bizhall.api.hall;

import java.util.Set;

import org.bizhall.api.common.ProblemException;

/** A retail branch; it belongs to one province. {@code county} halls may price some items differently. */
public record Hall(String id, String name, String province, Set<HallKind> kinds, boolean county) {
    public Hall {
        kinds = Set.copyOf(kinds);
    }

    /** {@code id} as given at {@code field}, trimmed; 400 {@code HALL_INVALID} unless 1–32 letters, digits, - or _. */
    public static String validId(String id, String field) {
        String trimmed = id == null ? "" : id.trim();
        if (!trimmed.matches("[A-Za-z0-9_-]{1,32}")) {
            throw ProblemException.badRequest("HALL_INVALID", "hall is a hall id", field);
        }
        return trimmed;
    }
}
