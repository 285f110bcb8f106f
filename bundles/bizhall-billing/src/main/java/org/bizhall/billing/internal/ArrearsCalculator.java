package org.bizhall.billing.internal;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.MonthArrears;
import org.bizhall.api.service.LedgerEntry;

/**
 * Arrears from the ledger, oldest first. Walking the entries in order: a charge (negative entry) is first covered by
 * unused credit; what credit does not cover is owed for its billing month (a billing charge's own month, any other
 * charge the month it was posted). A credit (positive entry) pays the owed months oldest first; what is left stays as
 * unused credit (the deposit). So unused credit and the sum owed are never both above zero, and the total owed is
 * exactly the negative part of the balance.
 */
final class ArrearsCalculator {
    private ArrearsCalculator() {
    }

    static Arrears compute(String msisdn, long accountId, List<LedgerEntry> entries, Map<Long, YearMonth> billingMonths,
            YearMonth current, ZoneId zone) {
        TreeMap<YearMonth, Long> owed = new TreeMap<>();
        long credit = 0;
        for (LedgerEntry e : entries) {
            long amount = e.amountFen();
            if (amount > 0) {
                long left = amount;
                while (left > 0 && !owed.isEmpty()) {
                    Map.Entry<YearMonth, Long> oldest = owed.firstEntry();
                    long paid = Math.min(left, oldest.getValue());
                    left -= paid;
                    if (paid == oldest.getValue()) {
                        owed.remove(oldest.getKey());
                    } else {
                        owed.put(oldest.getKey(), oldest.getValue() - paid);
                    }
                }
                credit += left;
            } else if (amount < 0) {
                long charge = -amount;
                long covered = Math.min(credit, charge);
                credit -= covered;
                long unpaid = charge - covered;
                if (unpaid > 0) {
                    YearMonth month = billingMonths.get(e.id());
                    if (month == null) {
                        month = YearMonth.from(e.at().atZoneSameInstant(zone));
                    }
                    owed.merge(month, unpaid, Long::sum);
                }
            }
        }
        List<MonthArrears> previous = new ArrayList<>();
        long currentFen = 0;
        long total = 0;
        for (Map.Entry<YearMonth, Long> m : owed.entrySet()) {
            total += m.getValue();
            if (m.getKey().isBefore(current)) {
                previous.add(new MonthArrears(m.getKey().toString(), m.getValue()));
            } else {
                currentFen += m.getValue();
            }
        }
        return new Arrears(msisdn, accountId, previous, currentFen, total);
    }
}
