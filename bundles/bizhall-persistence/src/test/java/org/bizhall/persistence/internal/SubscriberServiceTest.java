package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class SubscriberServiceTest {
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    private static NewSubscriber subscriber(String msisdn, String password) {
        return new NewSubscriber(msisdn, "SN", "SN-XA-001",
                new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, "11010519491231002X", null), "GOTONE-88",
                List.of("VOICE", "DATA"), 1L, password, "order-s");
    }

    @Test
    public void servicePasswordIsStoredOnlyAsASaltedHash_rule1_6() throws Exception {
        Subscriber s = db.subscribers.register(subscriber("13891800001", "123456"));
        assertTrue(s.servicePasswordSet());
        String stored;
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT password_hash FROM subscribers WHERE msisdn = ?")) {
            q.setString(1, "13891800001");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                stored = rs.getString(1);
            }
        }
        assertNotEquals("123456", stored);
        assertFalse(stored.contains("123456"));
        assertTrue(db.subscribers.servicePasswordMatches(new Msisdn("13891800001"), "123456"));
        assertFalse(db.subscribers.servicePasswordMatches(new Msisdn("13891800001"), "654321"));
        assertEquals("scheme, pepper id, cost, salt and hash are kept", 5, stored.split("\\$").length);
        assertTrue(stored, stored.startsWith(PasswordHasher.PEPPERED + "$" + TestDatabase.PEPPER.id() + "$"));
    }

    @Test
    public void registeringANumberInServiceAgainIsSubscriberExists() {
        db.subscribers.register(subscriber("13891800002", null));
        try {
            db.subscribers.register(subscriber("13891800002", null));
            fail();
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals("SUBSCRIBER_EXISTS", e.code());
        }
    }

    @Test
    public void newSubscriberIsActiveNormalAndKeepsItsFeatures() {
        Subscriber s = db.subscribers.register(subscriber("13891800003", null));
        assertEquals(SubscriberStatus.ACTIVE, s.status());
        assertEquals(Set.of("NORMAL"), s.categories());
        assertEquals(List.of("VOICE", "DATA"), s.features());
        assertFalse(s.servicePasswordSet());
        assertEquals(s, db.subscribers.find(new Msisdn("13891800003")).orElseThrow());
        assertEquals(SubscriberStatus.SUSPENDED_LOSS, db.subscribers.changeStatus(new Msisdn("13891800003"),
                Set.of(SubscriberStatus.ACTIVE), SubscriberStatus.SUSPENDED_LOSS, "o-loss").status());
        assertEquals(SubscriberStatus.SUSPENDED_LOSS, db.subscribers.find(new Msisdn("13891800003")).orElseThrow().status());
    }

    @Test
    public void statusChangeDecidedOnAnOlderStatusIsRefusedAndChangesNothing() {
        db.subscribers.register(subscriber("13891800009", null));
        Msisdn m = new Msisdn("13891800009");
        db.subscribers.changeStatus(m, Set.of(SubscriberStatus.ACTIVE), SubscriberStatus.SUSPENDED_LOSS, "o-loss");

        // an arrears suspension decided while the number was still ACTIVE must not overwrite the loss report
        ProblemException refused = assertThrows(ProblemException.class, () -> db.subscribers.changeStatus(m,
                Set.of(SubscriberStatus.ACTIVE), SubscriberStatus.SUSPENDED_ARREARS, null));
        assertEquals("SUBSCRIBER_STATUS_CHANGED", refused.code());
        assertEquals(409, refused.status());
        assertEquals(SubscriberStatus.SUSPENDED_LOSS, db.subscribers.find(m).orElseThrow().status());
    }

    @Test
    public void holderCheckComparesTheTrimmedNameExactly_rule2_1() {
        db.subscribers.register(subscriber("13891800004", null));
        Msisdn m = new Msisdn("13891800004");
        assertTrue(db.subscribers.holderMatches(m, " 张三 "));
        assertFalse(db.subscribers.holderMatches(m, "张"));
        assertFalse(db.subscribers.holderMatches(m, "张三丰"));
        assertFalse(db.subscribers.holderMatches(m, null));
    }

    @Test
    public void listPagesAProvincesSubscribers() {
        db.subscribers.register(subscriber("13891800005", null));
        long total = db.subscribers.list("SN", 0, 2).total();
        assertTrue(total >= 1);
        assertEquals(0, db.subscribers.list("SX", 0, 10).total());
    }

    @Test
    public void pendingCancellationKeepsItsDateAndAnyOtherStatusClearsIt() {
        Msisdn m = new Msisdn("13891800020");
        db.subscribers.register(subscriber(m.value(), null));
        Subscriber pending = db.subscribers.changeStatus(m, Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.PENDING_CANCELLATION, LocalDate.of(2027, 2, 5), "o-pre");
        assertEquals(LocalDate.of(2027, 2, 5), pending.cancellableFrom());
        assertEquals(LocalDate.of(2027, 2, 5), db.subscribers.find(m).orElseThrow().cancellableFrom());
        Subscriber restored = db.subscribers.changeStatus(m, Set.of(SubscriberStatus.PENDING_CANCELLATION),
                SubscriberStatus.ACTIVE, "o-restore");
        assertNull(restored.cancellableFrom());
        assertNull(db.subscribers.find(m).orElseThrow().cancellableFrom());
    }

    @Test
    public void featuresPackageAndCommitmentsChangeUnderTheRowAndAreAudited() {
        Msisdn m = new Msisdn("13891800021");
        db.subscribers.register(subscriber(m.value(), null));
        Subscriber s = db.subscribers.changeFeatures(m, Set.of("INTL_ROAMING"), Set.of("DATA"), "o-f");
        assertEquals(List.of("VOICE", "INTL_ROAMING"), s.features());
        assertTrue(db.subscribers.find(m).orElseThrow().has("INTL_ROAMING"));
        assertEquals("GOTONE-58", db.subscribers.changePackage(m, "GOTONE-58", "o-p").packageCode());
        assertEquals(Set.of("SUBSIDISED_PHONE"),
                db.subscribers.changeCommitments(m, Set.of("SUBSIDISED_PHONE"), "o-c").commitments());
        assertEquals(Set.of("SUBSIDISED_PHONE"), db.subscribers.find(m).orElseThrow().commitments());
        assertEquals(List.of("SUBSCRIBER_FEATURES_CHANGED"),
                db.audit.forOrder("o-f").stream().map(a -> a.action()).toList());
        assertEquals(List.of("SUBSCRIBER_PACKAGE_CHANGED"),
                db.audit.forOrder("o-p").stream().map(a -> a.action()).toList());
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> db.subscribers.changePackage(new Msisdn("13891800099"), "GOTONE-58", "o-x"));
        assertEquals("SUBSCRIBER_NOT_FOUND", unknown.code());
    }

    @Test
    public void aNewHolderTakesTheNumberWithItsAccountAndWithoutTheOldPassword() {
        Msisdn m = new Msisdn("13891800022");
        db.subscribers.register(subscriber(m.value(), "135790"));
        Customer newHolder = new Customer(CustomerType.PERSONAL, "李四", IdType.ID_CARD, "11010519491231002X", "西安");
        Subscriber s = db.subscribers.changeHolder(m, newHolder, 77L, "o-t");
        assertEquals(77L, s.accountId());
        assertFalse(s.servicePasswordSet());
        assertTrue(db.subscribers.holderMatches(m, "李四"));
        assertFalse(db.subscribers.holderMatches(m, "张三"));
        assertFalse(db.subscribers.servicePasswordMatches(m, "135790"));
        String audited = db.audit.forOrder("o-t").get(0).detail();
        assertFalse("holders are masked in the audit: " + audited, audited.contains("张三") || audited.contains("李四"));
    }

    @Test
    public void inStatusFindsNumbersInAStatusSinceBeforeATime() {
        Msisdn early = new Msisdn("13891800023");
        Msisdn late = new Msisdn("13891800024");
        db.subscribers.register(subscriber(early.value(), null));
        db.subscribers.register(subscriber(late.value(), null));
        OffsetDateTime start = db.clock.now();
        db.subscribers.changeStatus(early, Set.of(SubscriberStatus.ACTIVE), SubscriberStatus.SUSPENDED_ARREARS, "o-a");
        db.clock.plusDays(30);
        db.subscribers.changeStatus(late, Set.of(SubscriberStatus.ACTIVE), SubscriberStatus.SUSPENDED_ARREARS, "o-b");
        try {
            List<String> found = db.subscribers.inStatus("SN", SubscriberStatus.SUSPENDED_ARREARS, start.plusDays(10), 0,
                    50).items().stream().map(Subscriber::msisdn).toList();
            assertTrue(found.contains(early.value()));
            assertFalse(found.contains(late.value()));
            assertEquals(0, db.subscribers.inStatus("SX", SubscriberStatus.SUSPENDED_ARREARS, db.clock.now().plusDays(1),
                    0, 50).total());
        } finally {
            db.clock.set(start);
        }
    }

    @Test
    public void aCancelledNumberCanBeRegisteredAgain() {
        Msisdn m = new Msisdn("13891800025");
        db.subscribers.register(subscriber(m.value(), null));
        db.subscribers.changeStatus(m, Set.of(SubscriberStatus.ACTIVE), SubscriberStatus.CANCELLED, "o-c");
        Subscriber again = db.subscribers.register(subscriber(m.value(), null));
        assertEquals(SubscriberStatus.ACTIVE, again.status());
    }
}
