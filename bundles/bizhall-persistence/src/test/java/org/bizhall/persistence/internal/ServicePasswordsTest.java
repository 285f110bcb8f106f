package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.NewSubscriber;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Service passwords on the store (rulebook §11): counting, lock, reset, and what survives a rolled back order. */
public class ServicePasswordsTest {
    private static final String PASSWORD = "135790";
    private static final OffsetDateTime START = OffsetDateTime.parse("2026-11-05T10:00:00+08:00");
    private static TestDatabase db;
    private static int next;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    @After
    public void restore() {
        db.clock.moveTo(START);
        db.params.with(NationalParams.SERVICE_PASSWORD_MAX_ATTEMPTS, 5);
        db.params.with(NationalParams.SERVICE_PASSWORD_LOCK_MINUTES, 0);
    }

    /** A new subscriber with {@code password} (null: none). */
    private static Msisdn subscriber(String password) {
        String msisdn = "1389180" + String.format("%04d", 5000 + next++);
        db.subscribers.register(new NewSubscriber(msisdn, "SN", "SN-XA-001",
                new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, "11010519491231002X", null), "GOTONE-88",
                List.of(), 1L, password, "order-open-" + msisdn));
        return new Msisdn(msisdn);
    }

    private static ProblemException refused(Msisdn m, String password) {
        return assertThrows(ProblemException.class, () -> db.passwords.verify(m, password, "op-sn", "order-x"));
    }

    private static Object column(Msisdn m, String column) throws Exception {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT " + column + " FROM subscribers WHERE msisdn = ?")) {
            q.setString(1, m.value());
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return rs.getObject(1);
            }
        }
    }

    private static int failures(Msisdn m) throws Exception {
        return ((Number) column(m, "password_failures")).intValue();
    }

    @Test
    public void wrongAttemptIsCountedEvenThoughTheRefusedOrderRollsBack_rule11() throws Exception {
        Msisdn m = subscriber(PASSWORD);
        Hall hall = new Hall("PW-ROLLBACK", "厅", "SN", Set.of(HallKind.SELF_OWNED), false);
        ProblemException e = assertThrows(ProblemException.class, () -> db.transactions.required(() -> {
            db.halls.saveHall(hall); // what the order's transaction wrote
            db.passwords.verify(m, "246801", "op-sn", "order-rolled-back");
            return null;
        }));
        assertEquals(422, e.status());
        assertEquals("PASSWORD_WRONG", e.code());
        assertTrue("the order's transaction rolled back", db.halls.hall("PW-ROLLBACK").isEmpty());
        assertEquals("the wrong attempt stays counted", 1, failures(m));
        assertEquals(List.of("SERVICE_PASSWORD_WRONG"),
                db.audit.forOrder("order-rolled-back").stream().map(AuditEntry::action).toList());
    }

    @Test
    public void lockedAfterConsecutiveWrongAttemptsUntilTheEndOfTheBusinessDay_rule11() throws Exception {
        Msisdn m = subscriber(PASSWORD);
        for (int attempt = 1; attempt <= 4; attempt++) {
            ProblemException wrong = refused(m, "246801");
            assertEquals(422, wrong.status());
            assertEquals("PASSWORD_WRONG", wrong.code());
            assertTrue(wrong.detail(), wrong.detail().contains((5 - attempt) + " more wrong attempt"));
        }
        ProblemException fifth = refused(m, "246801");
        assertEquals(423, fifth.status());
        assertEquals("PASSWORD_LOCKED", fifth.code());

        // locked: even the right password is refused without being checked, and the failures stay as they were
        assertEquals("PASSWORD_LOCKED", refused(m, PASSWORD).code());
        assertEquals(5, failures(m));
        Instant until = ((Timestamp) column(m, "password_locked_until")).toLocalDateTime()
                .atZone(java.time.ZoneOffset.UTC).toInstant();
        assertEquals("the lock ends when the business day does", OffsetDateTime.parse("2026-11-06T00:00:00+08:00")
                .toInstant(), until);

        db.clock.moveTo(OffsetDateTime.parse("2026-11-05T23:59:00+08:00"));
        assertEquals("PASSWORD_LOCKED", refused(m, PASSWORD).code());
        db.clock.moveTo(OffsetDateTime.parse("2026-11-06T08:30:00+08:00"));
        db.passwords.verify(m, PASSWORD, "op-sn", "order-next-day");
        assertEquals(0, failures(m));
        assertNull(column(m, "password_locked_until"));
    }

    @Test
    public void rightPasswordResetsTheCount_rule11() throws Exception {
        db.params.with(NationalParams.SERVICE_PASSWORD_MAX_ATTEMPTS, 3);
        Msisdn m = subscriber(PASSWORD);
        refused(m, "246801");
        refused(m, "246801");
        db.passwords.verify(m, PASSWORD, "op-sn", "order-right");
        assertEquals(0, failures(m));
        assertEquals("PASSWORD_WRONG", refused(m, "246801").code());
        assertEquals("PASSWORD_WRONG", refused(m, "246801").code());
        assertEquals("only consecutive wrong attempts lock", "PASSWORD_LOCKED", refused(m, "246801").code());
    }

    @Test
    public void theProvinceMayLockForSomeMinutesInstead_rule11() throws Exception {
        db.params.with(NationalParams.SERVICE_PASSWORD_MAX_ATTEMPTS, 1);
        db.params.with(NationalParams.SERVICE_PASSWORD_LOCK_MINUTES, 30);
        Msisdn m = subscriber(PASSWORD);
        assertEquals("PASSWORD_LOCKED", refused(m, "246801").code());
        db.clock.moveTo(START.plusMinutes(29));
        assertEquals("PASSWORD_LOCKED", refused(m, PASSWORD).code());
        db.clock.moveTo(START.plusMinutes(31));
        db.passwords.verify(m, PASSWORD, "op-sn", "order-later");
        assertEquals(0, failures(m));
    }

    @Test
    public void settingANewPasswordLiftsTheLockAndReplacesTheOldOne_rule11() throws Exception {
        db.params.with(NationalParams.SERVICE_PASSWORD_MAX_ATTEMPTS, 2);
        Msisdn m = subscriber(PASSWORD);
        refused(m, "246801");
        assertEquals("PASSWORD_LOCKED", refused(m, "246801").code());

        db.passwords.set(m, "802461", "op-sn", "order-reset");
        assertEquals(0, failures(m));
        assertNull(column(m, "password_locked_until"));
        db.passwords.verify(m, "802461", "op-sn", "order-after");
        assertEquals("PASSWORD_WRONG", refused(m, PASSWORD).code());

        String stored = (String) column(m, "password_hash");
        assertFalse(stored.contains("802461"));
        List<AuditEntry> audit = db.audit.forOrder("order-reset");
        assertEquals(List.of("SERVICE_PASSWORD_SET"), audit.stream().map(AuditEntry::action).toList());
        assertTrue(audit.get(0).detail(), audit.get(0).detail().contains("lock is lifted"));
        for (String order : List.of("order-reset", "order-x")) {
            for (AuditEntry entry : db.audit.forOrder(order)) {
                assertFalse(entry.toString(), entry.toString().contains("802461") || entry.toString().contains("246801")
                        || entry.toString().contains(PASSWORD));
            }
        }
    }

    @Test
    public void aNumberWithoutPasswordHasNoneToCheckButMayGetOne_rule11() throws Exception {
        Msisdn m = subscriber(null);
        ProblemException none = refused(m, PASSWORD);
        assertEquals(422, none.status());
        assertEquals("PASSWORD_NOT_SET", none.code());
        assertEquals("nothing was counted", 0, failures(m));
        db.passwords.set(m, PASSWORD, "op-sn", "order-first");
        db.passwords.verify(m, PASSWORD, "op-sn", "order-check");
        assertTrue(db.subscribers.find(m).orElseThrow().servicePasswordSet());

        ProblemException unknown = refused(new Msisdn("13891809998"), PASSWORD);
        assertEquals(404, unknown.status());
    }

    @Test
    public void aNewPasswordIsSixDigitsAndNotTrivial() {
        Msisdn m = subscriber(PASSWORD);
        for (String bad : List.of("12345", "1234567", "abcdef", "000000", "888888", "123456", "654321", "456789")) {
            ProblemException e = assertThrows(bad, ProblemException.class, () -> db.passwords.set(m, bad, "op-sn", "o"));
            assertEquals(bad, 400, e.status());
            assertEquals(bad, "PASSWORD_INVALID", e.code());
        }
        db.passwords.set(m, "112233", "op-sn", "order-ok");
        db.passwords.verify(m, "112233", "op-sn", "order-ok-check");
    }

    @Test
    public void concurrentWrongAttemptsAreEachCounted_rule11() throws Exception {
        db.params.with(NationalParams.SERVICE_PASSWORD_MAX_ATTEMPTS, 100);
        Msisdn m = subscriber(PASSWORD);
        int attempts = 6;
        ExecutorService counters = Executors.newFixedThreadPool(attempts);
        try {
            List<Callable<String>> tries = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                tries.add(() -> refused(m, "246801").code());
            }
            for (Future<String> answer : counters.invokeAll(tries)) {
                assertEquals("PASSWORD_WRONG", answer.get());
            }
        } finally {
            counters.shutdownNow();
        }
        assertEquals(attempts, failures(m));
    }

    private static void storeHash(Msisdn m, String hash) throws Exception {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement u = c.prepareStatement("UPDATE subscribers SET password_hash = ? WHERE msisdn = ?")) {
            u.setString(1, hash);
            u.setString(2, m.value());
            assertEquals(1, u.executeUpdate());
        }
    }

    /** A hash of before the pepper (V6: PBKDF2 at 120,000 iterations) still verifies and is replaced once it has. */
    @Test
    public void anOldSchemeHashVerifiesAndIsRehashedAfterTheRightPassword_issue8() throws Exception {
        Msisdn m = subscriber(null);
        String old = PasswordHasher.unpeppered(PASSWORD, 120_000);
        storeHash(m, old);

        // a wrong attempt is counted and changes nothing of the hash
        assertEquals("PASSWORD_WRONG", refused(m, "246801").code());
        assertEquals(1, failures(m));
        assertEquals(old, column(m, "password_hash"));

        db.passwords.verify(m, PASSWORD, "op-sn", "order-upgrade");
        assertEquals(0, failures(m));
        String upgraded = (String) column(m, "password_hash");
        assertTrue(upgraded, upgraded.startsWith(PasswordHasher.PEPPERED + "$" + TestDatabase.PEPPER.id() + "$"
                + TestDatabase.TEST_ITERATIONS + "$"));
        assertEquals(PasswordHasher.Verdict.MATCH, db.hashing.hasher().verify(PASSWORD, upgraded));

        // the new hash is the password: the right one passes, a wrong one is counted as before
        db.passwords.verify(m, PASSWORD, "op-sn", "order-after-upgrade");
        assertEquals(upgraded, column(m, "password_hash"));
        assertEquals("PASSWORD_WRONG", refused(m, "246801").code());
        assertEquals(1, failures(m));
    }

    /**
     * A row copied from another installation (its hash made with another pepper) is not verified, not even with the
     * right password, and the attempt is not counted as wrong: the node cannot know.
     */
    @Test
    public void aHashMadeWithAnotherPepperDoesNotVerify_issue8() throws Exception {
        Msisdn m = subscriber(null);
        PasswordHasher elsewhere = PasswordHasher.forTests(PasswordHasher.Pepper.parse(PasswordHasher.Pepper.generate()),
                List.of(), TestDatabase.TEST_ITERATIONS);
        String foreign = elsewhere.hash(PASSWORD);
        storeHash(m, foreign);
        ProblemException e = refused(m, PASSWORD);
        assertEquals(503, e.status());
        assertEquals("PASSWORD_CHECK_UNAVAILABLE", e.code());
        assertEquals(0, failures(m));
        assertEquals(foreign, column(m, "password_hash"));
        // the same stolen row relabelled with this node's pepper id: the right password is simply wrong
        storeHash(m, foreign.replace("$" + elsewhere.currentPepperId() + "$", "$" + TestDatabase.PEPPER.id() + "$"));
        assertEquals("PASSWORD_WRONG", refused(m, PASSWORD).code());
    }
}
