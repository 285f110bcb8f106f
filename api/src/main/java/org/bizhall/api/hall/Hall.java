package org.bizhall.api.hall;

import java.util.Set;

/** A retail branch; it belongs to one province. {@code county} halls may price some items differently. */
public record Hall(String id, String name, String province, Set<HallKind> kinds, boolean county) {
    public Hall {
        kinds = Set.copyOf(kinds);
    }
}
