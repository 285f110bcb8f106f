package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
}
