package org.bizhall.api.service;

import java.util.List;

/** What a payment puts on its receipt; cash payments carry tendered and change (sing-out). */
public record NewReceipt(String hall, String operator, String orderId, String msisdn, String method,
        List<ReceiptLine> lines, long totalFen, long tenderedFen, long changeFen) {
}
