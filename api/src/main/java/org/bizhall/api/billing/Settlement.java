package org.bizhall.api.billing;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A hall's day (营业厅日结): totals per operator and method equal to the receipts of that business date. Once closed
 * it also carries the cash the manager counted, the system's cash total and their difference, which is recorded as it
 * is, never adjusted away.
 */
public record Settlement(String hall, String date, boolean closed, long totalFen, List<OperatorTotals> operators,
        List<SettledReceipt> receipts, long cashFen, Long countedCashFen, Long differenceFen, String closedBy,
        OffsetDateTime closedAt) {
    public Settlement {
        operators = List.copyOf(operators);
        receipts = List.copyOf(receipts);
    }
}
