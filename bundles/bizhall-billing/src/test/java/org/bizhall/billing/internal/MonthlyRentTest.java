package org.bizhall.billing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.bizhall.api.service.Product;
import org.junit.Test;

public class MonthlyRentTest {
    private static final Product GOTONE_88 = new Product("GOTONE-88", "全球通88元套餐", "全球通", 8800, "PACKAGE", List.of());
    private static final Product EASYOWN = new Product("EASYOWN-BASIC", "神州行畅听卡", "神州行", 1000, "DAILY", List.of());
    private static final YearMonth NOV = YearMonth.of(2026, 11);

    @Test
    public void packageJoinedOnThe1stTo15thPaysTheFullMonth_rule2() {
        assertEquals(8800, MonthlyRent.of(GOTONE_88, LocalDate.of(2026, 11, 1), NOV));
        assertEquals(8800, MonthlyRent.of(GOTONE_88, LocalDate.of(2026, 11, 15), NOV));
    }

    @Test
    public void packageJoinedOnThe16thOrLaterPaysHalfAMonth_rule2() {
        assertEquals(4400, MonthlyRent.of(GOTONE_88, LocalDate.of(2026, 11, 16), NOV));
        assertEquals(4400, MonthlyRent.of(GOTONE_88, LocalDate.of(2026, 11, 30), NOV));
    }

    @Test
    public void packagePaysTheFullRentEveryMonthAfterJoining_rule2() {
        assertEquals(8800, MonthlyRent.of(GOTONE_88, LocalDate.of(2026, 10, 20), NOV));
    }

    @Test
    public void nothingIsChargedForAMonthBeforeJoining() {
        assertEquals(0, MonthlyRent.of(GOTONE_88, LocalDate.of(2026, 12, 1), NOV));
        assertEquals(0, MonthlyRent.of(EASYOWN, LocalDate.of(2026, 12, 1), NOV));
    }

    @Test
    public void dailyRentIsRentTimes12Over365PerDayInServiceRoundedHalfUp_rule2() {
        // joined 15 November: 16 days; 10.00 × 12 / 365 × 16 = 5.2603 yuan
        assertEquals(526, MonthlyRent.of(EASYOWN, LocalDate.of(2026, 11, 15), NOV));
        // 14 days: 4.6027 → 460; 17 days: 5.589 → 559 (half up)
        assertEquals(460, MonthlyRent.of(EASYOWN, LocalDate.of(2026, 11, 17), NOV));
        assertEquals(559, MonthlyRent.of(EASYOWN, LocalDate.of(2026, 12, 15), YearMonth.of(2026, 12)));
        // a whole 30-day month: 9.863 → 986; February 2027: 28 days 9.205 → 921
        assertEquals(986, MonthlyRent.of(EASYOWN, LocalDate.of(2026, 10, 1), NOV));
        assertEquals(921, MonthlyRent.of(EASYOWN, LocalDate.of(2026, 10, 1), YearMonth.of(2027, 2)));
    }

    @Test
    public void dailyRentOverAWholeYearAddsUpToTwelveMonthlyRentsWithinRounding_rule2() {
        long year = 0;
        for (int m = 1; m <= 12; m++) {
            year += MonthlyRent.of(EASYOWN, LocalDate.of(2026, 1, 1), YearMonth.of(2027, m));
        }
        assertTrue("a year of daily rent is " + year, Math.abs(year - 12 * 1000) <= 12);
    }

    @Test
    public void joiningMonthRentAgreesWithTheOpeningQuote() {
        // account opening quotes (rent × 12 × days × 2 + 365) / 730 for DAILY, rent / 2 from the 16th for PACKAGE
        for (int day = 1; day <= 30; day++) {
            LocalDate joined = LocalDate.of(2026, 11, day);
            long days = 30 - day + 1;
            assertEquals((1000L * 12 * days * 2 + 365) / 730, MonthlyRent.of(EASYOWN, joined, NOV));
            assertEquals(day < 16 ? 8800 : 4400, MonthlyRent.of(GOTONE_88, joined, NOV));
        }
    }
}
