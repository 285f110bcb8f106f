package org.bizhall.api.hall;

import java.util.Locale;
import java.util.Optional;

/** The one role each user has; the JAAS realm carries it in lower case. */
public enum Role {
    OPERATOR, MANAGER, BACKOFFICE, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
