package org.bizhall.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.StaffMember;

/**
 * Halls and staff in memory. {@link #demo()} holds the demo halls and staff the core bundle loads; the caller a user
 * acts as comes from the interface's default, as in production.
 */
public class InMemoryHallDirectory implements HallDirectory {
    private final Map<String, Hall> halls = new LinkedHashMap<>();
    private final Map<String, StaffMember> staff = new LinkedHashMap<>();
    private Runnable beforeWrite = () -> { };

    /** The demo halls SN-XA-001, SN-XA-002, SX-TY-001 and their staff op-sn, op-sn2, mgr-sn, bo-sn, op-sx. */
    public static InMemoryHallDirectory demo() {
        return new InMemoryHallDirectory().withDemoData();
    }

    /** Adds the demo halls and staff (for a subclass that adds behaviour of its own). */
    protected final InMemoryHallDirectory withDemoData() {
        InMemoryHallDirectory d = this;
        d.saveHall(new Hall("SN-XA-001", "西安高新营业厅", "SN",
                Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION), false));
        d.saveHall(new Hall("SN-XA-002", "西安小寨合作营业厅", "SN", Set.of(HallKind.PARTNER), false));
        d.saveHall(new Hall("SX-TY-001", "太原迎泽营业厅", "SX", Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED), false));
        d.saveStaff(new StaffMember("op-sn", "SN-XA-001"));
        d.saveStaff(new StaffMember("op-sn2", "SN-XA-002"));
        d.saveStaff(new StaffMember("mgr-sn", "SN-XA-001"));
        d.saveStaff(new StaffMember("bo-sn", "SN-XA-001"));
        d.saveStaff(new StaffMember("op-sx", "SX-TY-001"));
        return d;
    }

    /** Runs {@code check} before every write, e.g. {@link DirectTransactions#requireActive}. */
    public InMemoryHallDirectory beforeWrite(Runnable check) {
        this.beforeWrite = check;
        return this;
    }

    @Override
    public Optional<Hall> hall(String id) {
        return Optional.ofNullable(id == null ? null : halls.get(id));
    }

    @Override
    public List<Hall> halls() {
        return List.copyOf(halls.values());
    }

    @Override
    public Optional<StaffMember> staff(String user) {
        return Optional.ofNullable(user == null ? null : staff.get(user));
    }

    /** Every staff member, in the order saved. */
    public List<StaffMember> staffMembers() {
        return List.copyOf(staff.values());
    }

    @Override
    public void saveHall(Hall hall) {
        beforeWrite.run();
        halls.put(hall.id(), hall);
    }

    @Override
    public void saveStaff(StaffMember member) {
        beforeWrite.run();
        staff.put(member.user(), member);
    }
}
