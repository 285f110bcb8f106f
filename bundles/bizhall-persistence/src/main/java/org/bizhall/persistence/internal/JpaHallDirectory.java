package org.bizhall.persistence.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.hall.StaffMember;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Halls and staff in the {@code halls} and {@code staff} tables. */
@Component(service = HallDirectory.class)
public class JpaHallDirectory implements HallDirectory {
    @Reference(service = TransactionScopedTemplate.class)
    TypedJpaTemplate jpa;
    /** The unit's pool, for the caller's read outside any transaction. */
    @Reference(target = "(osgi.jndi.service.name=bizhall)")
    DataSource dataSource;
    @Reference
    SchemaReady schema;

    /** The staff record's hall, joined: the caller in one statement. */
    private static final String CALLER = "SELECT h.id, h.province, h.kinds FROM staff s JOIN halls h ON h.id = s.hall_id"
            + " WHERE s.username = ?";

    private static final String HALL = "SELECT id, name, province, kinds, county FROM halls WHERE id = ?";

    @Override
    public Optional<Hall> hall(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Tx.call(jpa, em -> {
            HallEntity known = Tx.managed(em, HallEntity.class, id);
            if (known != null) {
                return Optional.of(toHall(known));
            }
            // every order's steps read their hall: a statement, not an entity load
            return Jdbc.one(em, HALL, s -> s.setString(1, id), rs -> new Hall(rs.getString(1), rs.getString(2),
                    rs.getString(3), kinds(rs.getString(4)), rs.getBoolean(5)));
        });
    }

    @Override
    public List<Hall> halls() {
        return Tx.call(jpa, em -> em.createQuery("select h from HallEntity h order by h.id", HallEntity.class)
                .getResultList().stream().map(JpaHallDirectory::toHall).toList());
    }

    @Override
    public Optional<StaffMember> staff(String user) {
        if (user == null) {
            return Optional.empty();
        }
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(StaffEntity.class, user))
                .map(s -> new StaffMember(s.username, s.hallId)));
    }

    /**
     * The staff record and its hall read in one transaction: the REST edge asks this on every request, and the
     * interface's default (staff, then hall, each in a transaction of its own) cost two transactions there.
     */
    @Override
    public Optional<Caller> caller(String user, Role role) {
        if (role == Role.ADMIN) {
            return Optional.of(Caller.admin(user));
        }
        if (user == null) {
            return Optional.empty();
        }
        if (!jpa.transactionActive()) {
            return callerOutsideTransaction(user, role);
        }
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(StaffEntity.class, user))
                .map(s -> s.hallId == null ? null : em.find(HallEntity.class, s.hallId))
                .map(h -> new Caller(user, role, h.id, h.province, kinds(h.kinds))));
    }

    /**
     * One statement outside any transaction ({@link Jdbc#outsideTransaction}), on every request the edge serves.
     * Nothing is remembered: a user moved to another hall acts for the new one from the next request, on every node.
     */
    private Optional<Caller> callerOutsideTransaction(String user, Role role) {
        return Jdbc.outsideTransaction(dataSource, "the caller " + user, c -> {
            try (PreparedStatement s = Jdbc.prepare(c, CALLER)) {
                s.setString(1, user);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new Caller(user, role, rs.getString(1), rs.getString(2),
                            kinds(rs.getString(3)))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void saveHall(Hall hall) {
        if (hall == null || blank(hall.id()) || blank(hall.name()) || blank(hall.province())) {
            throw ProblemException.badRequest("HALL_INVALID", "a hall needs an id, a name and a province", "hall");
        }
        Tx.run(jpa, em -> {
            HallEntity e = em.find(HallEntity.class, hall.id());
            boolean created = e == null;
            if (created) {
                e = new HallEntity();
                e.id = hall.id();
            }
            e.name = hall.name();
            e.province = hall.province();
            e.kinds = kinds(hall.kinds());
            e.county = hall.county();
            if (created) {
                em.persist(e);
            }
            // the hall's receipt numbering row comes with it, so its first receipts never race to make it
            ReceiptCounterEntity.Key numbering = new ReceiptCounterEntity.Key(hall.id(), JpaReceiptService.NUMBERING);
            if (em.find(ReceiptCounterEntity.class, numbering) == null) {
                ReceiptCounterEntity row = new ReceiptCounterEntity();
                row.hallId = hall.id();
                row.businessDate = JpaReceiptService.NUMBERING;
                row.lastSeq = 0;
                em.persist(row);
            }
        });
    }

    @Override
    public void saveStaff(StaffMember staff) {
        if (staff == null || blank(staff.user()) || blank(staff.hall())) {
            throw ProblemException.badRequest("STAFF_INVALID", "a staff member needs a user and a hall", "staff");
        }
        Tx.run(jpa, em -> {
            StaffEntity e = em.find(StaffEntity.class, staff.user());
            if (e == null) {
                e = new StaffEntity();
                e.username = staff.user();
                e.hallId = staff.hall();
                em.persist(e);
            } else {
                e.hallId = staff.hall();
            }
        });
    }

    private static String kinds(Set<HallKind> kinds) {
        // enum order keeps the stored text stable whatever set implementation came in
        return kinds.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    static Hall toHall(HallEntity e) {
        return new Hall(e.id, e.name, e.province, kinds(e.kinds), e.county);
    }

    private static Set<HallKind> kinds(String commaList) {
        Set<HallKind> kinds = EnumSet.noneOf(HallKind.class);
        for (String k : Codec.fromCommaList(commaList)) {
            kinds.add(HallKind.valueOf(k));
        }
        return kinds;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
