package org.bizhall.api.order;

import java.time.OffsetDateTime;

/**
 * A payment taken for an order: due, tendered and change are recorded for every cash payment (sing-out);
 * {@code surplusFen} is what a kiosk took beyond the amount due, credited to the account. {@code kiosk} is what the hall's
 * cash kiosk reported when one took the notes, stored with the payment; null otherwise, also for kiosk notes counted
 * without a device.
 */
public record Payment(String id, String orderId, PaymentMethod method, long dueFen, long tenderedFen, long changeFen,
        long surplusFen, ReceiptRef receipt, String hall, String operator, OffsetDateTime at, KioskCash kiosk) {

    /** A payment no kiosk device took part in. */
    public Payment(String id, String orderId, PaymentMethod method, long dueFen, long tenderedFen, long changeFen,
            long surplusFen, ReceiptRef receipt, String hall, String operator, OffsetDateTime at) {
        this(id, orderId, method, dueFen, tenderedFen, changeFen, surplusFen, receipt, hall, operator, at, null);
    }
}
