package org.bizhall.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.YearMonth;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.loyalty.Gift;
import org.junit.Test;

/** The fake refuses and counts as the database does (LoyaltyStoreTest in the persistence bundle). */
public class InMemoryLoyaltyTest {
    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final InMemoryLoyalty loyalty = new InMemoryLoyalty(subscribers, new SettableClock());

    @Test
    public void rules8_neverBelowZero_refusalTakesNothing_giveBackOnce() {
        subscribers.add("13891800001", "SN", "SN-XA-001", 1);
        loyalty.addGift(new Gift("UMBRELLA", "雨伞", 500, 1, 0));
        assertTrue(loyalty.earn("13891800001", YearMonth.of(2026, 10), 600, "run").isPresent());
        assertTrue(loyalty.earn("13891800001", YearMonth.of(2026, 10), 600, "run").isEmpty());
        assertEquals("POINTS_INSUFFICIENT",
                assertThrows(ProblemException.class, () -> loyalty.adjust("13891800001", -601, "x", "bo")).code());
        loyalty.redeem("13891800001", "UMBRELLA", 1, "o1");
        assertEquals(100, loyalty.balance("13891800001"));
        assertEquals("GIFT_OUT_OF_STOCK",
                assertThrows(ProblemException.class, () -> loyalty.redeem("13891800001", "UMBRELLA", 1, "o2")).code());
        assertTrue(loyalty.giveBack("o1", "declined").isPresent());
        assertTrue(loyalty.giveBack("o1", "declined").isEmpty());
        assertEquals(600, loyalty.balance("13891800001"));
        assertEquals(1, loyalty.gift("UMBRELLA").orElseThrow().stock());
        assertEquals("SUBSCRIBER_NOT_FOUND",
                assertThrows(ProblemException.class, () -> loyalty.balance("13891800009")).code());
    }
}
