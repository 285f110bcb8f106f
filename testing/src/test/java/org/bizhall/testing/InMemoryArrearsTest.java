package org.bizhall.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Set;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.junit.Test;

/** The arrears fake answers as the billing bundle does for a simple ledger, refusals included. */
public class InMemoryArrearsTest {
    private final SettableClock clock = new SettableClock();
    private final InMemorySubscribers subscribers = new InMemorySubscribers(clock);
    private final InMemoryAccounts accounts = new InMemoryAccounts(clock);
    private final InMemoryArrears arrears = new InMemoryArrears(subscribers, accounts, clock);
    private final Caller opSn = new Caller("op-sn", Role.OPERATOR, "SN-XA-001", "SN", Set.of(HallKind.SELF_OWNED));

    @Test
    public void oweTheNegativePartOfTheBalance_currentMonthFirst() {
        subscribers.add("13891800001", "SN", "SN-XA-001", accounts.seed(1, -3_500).id());
        arrears.currentMonthFen = 1_000;

        Arrears owed = arrears.of(opSn, new Msisdn("13891800001"));

        assertEquals(3_500, owed.totalFen());
        assertEquals(1_000, owed.currentMonthFen());
        assertEquals(2_500, owed.previousMonthsFen());
        assertEquals("2026-10", owed.oldestMonth());
        accounts.post(1, "PAYMENT", 3_500, "o-1", "paid");
        assertEquals(0, arrears.of(opSn, new Msisdn("13891800001")).totalFen());
    }

    @Test
    public void refusesAnUnknownNumberAndAnotherProvince() {
        subscribers.add("13935100001", "SX", "SX-TY-001", accounts.seed(2, -100).id());

        assertEquals("SUBSCRIBER_NOT_FOUND",
                assertThrows(ProblemException.class, () -> arrears.of(opSn, new Msisdn("13891800009"))).code());
        assertEquals(403, assertThrows(ProblemException.class,
                () -> arrears.of(opSn, new Msisdn("13935100001"))).status());
    }
}
