package org.bizhall.api.hall;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The halls and the staff assigned to them. */
@ProviderType
public interface HallDirectory {
    Optional<Hall> hall(String id);

    List<Hall> halls();

    Optional<StaffMember> staff(String user);

    void saveHall(Hall hall);

    void saveStaff(StaffMember staff);

    /** The caller a user acts as, or empty when the user has no staff record (or its hall is unknown). */
    default Optional<Caller> caller(String user, Role role) {
        if (role == Role.ADMIN) {
            return Optional.of(Caller.admin(user));
        }
        return staff(user).flatMap(s -> hall(s.hall()))
                .map(h -> new Caller(user, role, h.id(), h.province(), h.kinds()));
    }
}
