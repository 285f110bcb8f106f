package org.bizhall.api.hall;

import java.util.Set;

import org.bizhall.api.common.ProblemException;

/** Who is asking: the authenticated user, its role, and the hall and province it acts in (none for an admin). */
public record Caller(String user, Role role, String hall, String province, Set<HallKind> hallKinds) {
    public Caller {
        hallKinds = hallKinds == null ? Set.of() : Set.copyOf(hallKinds);
    }

    public static Caller admin(String user) {
        return new Caller(user, Role.ADMIN, null, null, Set.of());
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Admins act everywhere; everyone else only within its own province. */
    public void requireProvince(String otherProvince) {
        if (!isAdmin() && !province.equals(otherProvince)) {
            throw ProblemException.forbidden("OTHER_PROVINCE", "this belongs to another province");
        }
    }

    /** Admins act for every hall; everyone else only for its own (403 {@code OTHER_HALL}). */
    public void requireHall(String otherHall) {
        if (!isAdmin() && (hall == null || !hall.equals(otherHall))) {
            throw ProblemException.forbidden("OTHER_HALL", "staff act for their own hall only");
        }
    }

    public void requireRole(Role... allowed) {
        for (Role r : allowed) {
            if (r == role) {
                return;
            }
        }
        throw ProblemException.forbidden("ROLE_NOT_ALLOWED", "the role " + role.wireName() + " may not do this");
    }
}
