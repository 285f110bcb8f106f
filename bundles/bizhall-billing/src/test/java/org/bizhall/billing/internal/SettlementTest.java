package org.bizhall.billing.internal;

import static org.junit.Assert.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.bizhall.api.billing.OperatorTotals;
import org.bizhall.api.billing.SettledReceipt;
import org.bizhall.api.billing.Settlement;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptLine;
import org.junit.Test;

/** The day's settlement sums the receipts it lists, money paid out included (API.md "Money paid out"). */
public class SettlementTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 5);
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 5, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    private static Receipt receipt(int n, String operator, String method, long totalFen, long tendered, long change) {
        return new Receipt("SN-XA-001-20261105-" + n, "SN-XA-001", operator, "order-" + n, "13891800088", method,
                List.of(new ReceiptLine("ITEM", "item", totalFen)), totalFen, tendered, change, AT, DAY, 0, false);
    }

    @Test
    public void moneyPaidOut_countsNegativeUnderCashAndTheTotalStillEqualsTheReceipts() {
        List<Receipt> receipts = List.of(
                receipt(1, "op-sn", "CASH", 5_000, 10_000, 5_000),
                receipt(2, "op-sn", "CASH", -12_300, 0, 12_300),
                receipt(3, "op-sn", "BANK_CARD", 2_000, 2_000, 0),
                receipt(4, "bo-sn", "CASH", -700, 0, 700));

        Settlement day = SettlementServiceImpl.settlement("SN-XA-001", DAY, receipts, Optional.empty());

        assertEquals("cash taken minus cash paid out", 5_000 - 12_300 - 700, day.cashFen());
        assertEquals(receipts.stream().mapToLong(Receipt::totalFen).sum(), day.totalFen());
        assertEquals(day.totalFen(), day.receipts().stream().mapToLong(SettledReceipt::totalFen).sum());
        OperatorTotals op = day.operators().stream().filter(o -> o.operator().equals("op-sn")).findFirst().orElseThrow();
        assertEquals(Long.valueOf(5_000 - 12_300), op.byMethod().get("CASH"));
        assertEquals(Long.valueOf(2_000), op.byMethod().get("BANK_CARD"));
        assertEquals(5_000 - 12_300 + 2_000, op.totalFen());
        OperatorTotals bo = day.operators().stream().filter(o -> o.operator().equals("bo-sn")).findFirst().orElseThrow();
        assertEquals(Long.valueOf(-700), bo.byMethod().get("CASH"));
        assertEquals(day.totalFen(), day.operators().stream().mapToLong(OperatorTotals::totalFen).sum());
    }
}
