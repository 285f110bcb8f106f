package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.StaffMember;
import org.bizhall.api.service.Product;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class TransactionsTest {
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    private static Hall hall(String id) {
        return new Hall(id, "厅 " + id, "SN", Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED), false);
    }

    @Test
    public void aProblemThrownInTheWorkReachesTheCallerAsItselfAndRollsBack() {
        ProblemException thrown = ProblemException.rule("TRANSFER_DEPOSIT_TOO_LOW", "too low", "depositFen");
        for (boolean wrap : List.of(false, true)) {
            String id = "TX-" + wrap;
            db.jpa.wrapExceptions = wrap;
            try {
                db.transactions.required(() -> {
                    db.halls.saveHall(hall(id));
                    throw thrown;
                });
                fail("no exception");
            } catch (ProblemException e) {
                assertSame(thrown, e);
            } finally {
                db.jpa.wrapExceptions = false;
            }
            assertTrue("rolled back", db.halls.hall(id).isEmpty());
        }
    }

    @Test
    public void storeCallsJoinTheCallersTransaction() {
        try {
            db.transactions.required(() -> {
                db.halls.saveHall(hall("TX-JOIN"));
                db.halls.saveStaff(new StaffMember("op-join", "TX-JOIN"));
                throw ProblemException.conflict("CHANGED_MIND", "no");
            });
            fail();
        } catch (ProblemException e) {
            assertEquals("CHANGED_MIND", e.code());
        }
        assertTrue(db.halls.hall("TX-JOIN").isEmpty());
        assertTrue(db.halls.staff("op-join").isEmpty());
    }

    /** Reads by key go past Hibernate to a statement; what the transaction wrote and has not flushed is still seen. */
    @Test
    public void readsByKeySeeTheTransactionsOwnUnflushedWrites() {
        String hall = db.transactions.required(() -> {
            db.halls.saveHall(hall("TX-READBACK"));
            return db.halls.hall("TX-READBACK").map(Hall::id).orElse("not seen");
        });
        assertEquals("TX-READBACK", hall);
        assertEquals("and committed", "TX-READBACK", db.halls.hall("TX-READBACK").orElseThrow().id());
    }

    @Test
    public void requiresNewCommitsEvenWhenTheOuterTransactionRollsBack() {
        try {
            db.transactions.required(() -> {
                db.halls.saveHall(hall("TX-OUTER"));
                db.transactions.requiresNew(() -> {
                    db.halls.saveHall(hall("TX-INNER"));
                    return null;
                });
                throw ProblemException.conflict("CHANGED_MIND", "no");
            });
            fail();
        } catch (ProblemException e) {
            assertEquals("CHANGED_MIND", e.code());
        }
        assertTrue(db.halls.hall("TX-OUTER").isEmpty());
        assertTrue(db.halls.hall("TX-INNER").isPresent());
    }

    @Test
    public void hallsStaffAndProductsRoundTrip() {
        Hall h = new Hall("SN-XA-001", "西安高新营业厅", "SN",
                Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION), false);
        db.halls.saveHall(h);
        db.halls.saveStaff(new StaffMember("op-sn", "SN-XA-001"));
        assertEquals(h, db.halls.hall("SN-XA-001").orElseThrow());
        assertEquals(Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION),
                db.halls.caller("op-sn", org.bizhall.api.hall.Role.OPERATOR).orElseThrow().hallKinds());
        Hall changed = new Hall("SN-XA-001", "西安高新营业厅", "SN", Set.of(HallKind.PARTNER), true);
        db.halls.saveHall(changed);
        assertEquals(changed, db.halls.hall("SN-XA-001").orElseThrow());

        Product p = new Product("GOTONE-88", "全球通88元套餐", "全球通", 8800, "PACKAGE", List.of("VOICE", "DATA"));
        db.products.save(p);
        db.products.save(new Product("EASYOWN-BASIC", "神州行畅听卡", "神州行", 1000, "DAILY", List.of()));
        assertEquals(p, db.products.find("GOTONE-88").orElseThrow());
        assertEquals(List.of("EASYOWN-BASIC", "GOTONE-88"), db.products.products().stream().map(Product::code).toList());
    }

    /**
     * The REST edge resolves the caller of every request: staff record and hall in one statement outside any
     * transaction (a transaction of its own cost more than the reads); inside a transaction the same answer from that
     * transaction; nothing remembered, so a move to another hall counts from the next request; unknown users, a hall
     * that is gone and admins as before.
     */
    @Test
    public void theCallerOfARequestIsReadOutsideAnyTransactionAndNeverRemembered() {
        db.halls.saveHall(new Hall("TX-CALLER", "厅", "GD", Set.of(HallKind.PARTNER), true));
        db.halls.saveHall(new Hall("TX-CALLER-2", "厅二", "GD", Set.of(HallKind.SELF_OWNED), false));
        db.halls.saveStaff(new StaffMember("op-caller", "TX-CALLER"));
        db.halls.saveStaff(new StaffMember("op-nohall", "TX-NO-SUCH-HALL"));
        org.bizhall.api.hall.Caller expected = new org.bizhall.api.hall.Caller("op-caller",
                org.bizhall.api.hall.Role.MANAGER, "TX-CALLER", "GD", Set.of(HallKind.PARTNER));
        int before = db.jpa.begun.get();
        assertEquals(expected, db.halls.caller("op-caller", org.bizhall.api.hall.Role.MANAGER).orElseThrow());
        assertEquals(0, db.jpa.begun.get() - before);
        org.bizhall.api.hall.Caller moved = new org.bizhall.api.hall.Caller("op-caller",
                org.bizhall.api.hall.Role.MANAGER, "TX-CALLER-2", "GD", Set.of(HallKind.SELF_OWNED));
        // in a transaction that moved the user: that transaction's answer, not the one committed before it
        assertEquals(moved, Tx.call(db.jpa, em -> {
            db.halls.saveStaff(new StaffMember("op-caller", "TX-CALLER-2"));
            return db.halls.caller("op-caller", org.bizhall.api.hall.Role.MANAGER).orElseThrow();
        }));
        assertEquals(moved, db.halls.caller("op-caller", org.bizhall.api.hall.Role.MANAGER).orElseThrow());
        assertTrue(db.halls.caller("nobody", org.bizhall.api.hall.Role.OPERATOR).isEmpty());
        assertTrue(db.halls.caller("op-nohall", org.bizhall.api.hall.Role.OPERATOR).isEmpty());
        assertTrue(db.halls.caller(null, org.bizhall.api.hall.Role.OPERATOR).isEmpty());
        assertEquals(org.bizhall.api.hall.Caller.admin("root"),
                db.halls.caller("root", org.bizhall.api.hall.Role.ADMIN).orElseThrow());
    }
}
