package org.bizhall.api.billing;

import java.time.OffsetDateTime;

/** A receipt a settlement sums. */
public record SettledReceipt(String number, String operator, String method, long totalFen, OffsetDateTime issuedAt,
        String orderId, String msisdn) {
}
