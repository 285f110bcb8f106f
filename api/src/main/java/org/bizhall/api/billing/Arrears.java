package org.bizhall.api.billing;

import java.util.List;

/**
 * What a number owes: unpaid charges of previous months (oldest first), of the current month, and their total. The
 * total is never more than the account's negative balance: credits pay the oldest charges first.
 */
public record Arrears(String msisdn, long accountId, List<MonthArrears> months, long currentMonthFen, long totalFen) {
    public Arrears {
        months = List.copyOf(months);
    }

    /** The previous months' part, which a customer may pay alone (rulebook §2). */
    public long previousMonthsFen() {
        return months.stream().mapToLong(MonthArrears::amountFen).sum();
    }

    /** The oldest month with an unpaid charge, or null when nothing is owed. */
    public String oldestMonth() {
        return months.isEmpty() ? null : months.get(0).month();
    }
}
