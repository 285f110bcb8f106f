package org.bizhall.api.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** An issued receipt. Numbers are unique and consecutive per hall and business day; a reprint says so. */
public record Receipt(String number, String hall, String operator, String orderId, String msisdn, String method,
        List<ReceiptLine> lines, long totalFen, long tenderedFen, long changeFen, OffsetDateTime issuedAt,
        LocalDate businessDate, int reprints, boolean reprint) {
}
