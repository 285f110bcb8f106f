package org.bizhall.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.junit.Test;

/** The fake behaves as the store does in what procedure tests rely on (rulebook §14). */
public class InMemoryCustomerCategoriesTest {
    private static final Caller MGR_SN = new Caller("mgr-sn", Role.MANAGER, "SN-XA-001", "SN", Set.of());
    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final InMemoryCustomerCategories categories = new InMemoryCustomerCategories(subscribers, new SettableClock());

    @Test
    public void rules14_setCategoriesShowOnTheCustomersSubscribersOfTheProvince() {
        subscribers.add("13891800001", "SN", "SN-XA-001", 1);
        subscribers.add("13591800001", "SX", "SX-TY-001", 2);
        assertEquals(List.of("VIP", "BLACKLIST"), categories.set(MGR_SN, IdType.ID_CARD,
                InMemorySubscribers.HOLDER.idNumber(), Set.of("BLACKLIST", "NORMAL", "VIP"), "原因").categories());
        assertEquals(Set.of("VIP", "BLACKLIST"), subscribers.find(new Msisdn("13891800001")).orElseThrow().categories());
        assertEquals(Set.of("NORMAL"), subscribers.find(new Msisdn("13591800001")).orElseThrow().categories());
        assertEquals(Set.of("VIP", "BLACKLIST"), categories.of("SN", IdType.ID_CARD, InMemorySubscribers.HOLDER.idNumber()));
        assertEquals(Set.of("NORMAL"), categories.of("SX", IdType.ID_CARD, InMemorySubscribers.HOLDER.idNumber()));
    }

    @Test
    public void rules14_refusalsAsTheStoreAnswersThem() {
        Caller operator = new Caller("op-sn", Role.OPERATOR, "SN-XA-001", "SN", Set.of());
        String id = InMemorySubscribers.HOLDER.idNumber();
        assertEquals("ROLE_NOT_ALLOWED", assertThrows(ProblemException.class,
                () -> categories.set(operator, IdType.ID_CARD, id, Set.of("VIP"), "x")).code());
        assertEquals("CATEGORY_INVALID", assertThrows(ProblemException.class,
                () -> categories.set(MGR_SN, IdType.ID_CARD, id, Set.of("GOLD"), "x")).code());
        assertEquals("REASON_MISSING", assertThrows(ProblemException.class,
                () -> categories.set(MGR_SN, IdType.ID_CARD, id, Set.of("VIP"), "")).code());
        assertEquals(Set.of("NORMAL"), categories.of("SN", IdType.ID_CARD, id));
    }
}
