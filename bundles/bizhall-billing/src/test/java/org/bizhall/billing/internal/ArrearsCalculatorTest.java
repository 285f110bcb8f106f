package org.bizhall.billing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.MonthArrears;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.testing.SettableClock;
import org.junit.Test;

public class ArrearsCalculatorTest {
    private static final YearMonth NOW = YearMonth.of(2026, 12);
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-05T10:00:00+08:00");

    @Test
    public void aPaymentSettlesTheOldestMonthFirst() {
        List<LedgerEntry> entries = List.of(entry(1, "RENT", -8800), entry(2, "RENT", -8800), entry(3, "PAYMENT", 10000));
        Arrears a = ArrearsCalculator.compute("13891800001", 1, entries,
                Map.of(1L, YearMonth.of(2026, 10), 2L, YearMonth.of(2026, 11)), NOW, SettableClock.ZONE);
        assertEquals(List.of(new MonthArrears("2026-11", 7600)), a.months());
        assertEquals(7600, a.totalFen());
    }

    @Test
    public void aChargeOfTheCurrentMonthIsShownApartFromPreviousMonths() {
        List<LedgerEntry> entries = List.of(entry(1, "RENT", -8800), entry(2, "ORDER_PAYMENT", -500));
        Arrears a = ArrearsCalculator.compute("13891800001", 1, entries, Map.of(1L, YearMonth.of(2026, 11)), NOW,
                SettableClock.ZONE);
        assertEquals(8800, a.previousMonthsFen());
        assertEquals(500, a.currentMonthFen());
        assertEquals(9300, a.totalFen());
    }

    /**
     * Property: over many random sequences of deposits, payments and monthly charges, the balance is the sum of the
     * ledger entries and what is owed is exactly the negative part of the balance, spread over months without gaps in
     * order (only the newest owed months can be partly paid).
     */
    @Test
    public void overRandomSequencesEveryBalanceIsTheSumOfItsEntriesAndArrearsAreItsNegativePart() {
        Random random = new Random(20261122L);
        for (int run = 0; run < 2000; run++) {
            FakeWorld world = new FakeWorld();
            long account = world.accounts.open(AccountType.CASH_PREPAID, "SN", null, null).id();
            int steps = 1 + random.nextInt(40);
            int month = 0;
            for (int i = 0; i < steps; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> world.accounts.post(account, "PAYMENT", 1 + random.nextInt(20000), "o" + i, null);
                    case 1 -> world.accounts.post(account, "ORDER_PAYMENT", -(1 + random.nextInt(3000)), "o" + i, null);
                    default -> {
                        YearMonth m = YearMonth.of(2025, 1).plusMonths(month % 23);
                        // repeats of a month are refused by the claim and post nothing
                        world.chargeOnce(account, "13891800001", m, "RENT", "RENT", 1 + random.nextInt(12800), null);
                        month += random.nextInt(2);
                    }
                }
            }
            long sum = world.ledger().stream().mapToLong(LedgerEntry::amountFen).sum();
            long balance = world.accounts.find(account).orElseThrow().balanceFen();
            assertEquals("run " + run, sum, balance);
            Arrears a = ArrearsCalculator.compute("13891800001", account, world.ledger(), world.chargeMonths, NOW,
                    SettableClock.ZONE);
            assertEquals("run " + run, Math.max(0, -balance), a.totalFen());
            assertEquals(a.totalFen(), a.previousMonthsFen() + a.currentMonthFen());
            assertTrue(a.months().stream().allMatch(m -> m.amountFen() > 0));
            for (int i = 1; i < a.months().size(); i++) {
                assertTrue(a.months().get(i - 1).month().compareTo(a.months().get(i).month()) < 0);
            }
        }
    }

    private static LedgerEntry entry(long id, String kind, long amount) {
        return new LedgerEntry(id, 1, kind, amount, 0, AT, null, null);
    }
}
