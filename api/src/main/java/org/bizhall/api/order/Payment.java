package org.bizhall.api.order;

import java.time.OffsetDateTime;

/**
 * A payment taken for an order: due, tendered and change are recorded for every cash payment (sing-out);
 * {@code surplusFen} is what a kiosk took beyond the amount due, credited to the account.
 */
public record Payment(String id, String orderId, PaymentMethod method, long dueFen, long tenderedFen, long changeFen,
        long surplusFen, ReceiptRef receipt, String hall, String operator, OffsetDateTime at) {
}
