package org.bizhall.engine.internal;

import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.KioskCash;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;

/**
 * How one {@link PaymentMethod} takes the amount due: what was tendered, the change given, what was taken beyond the
 * amount due without change (credited to the account after the order executed). A refusal takes nothing.
 */
interface PaymentStrategy {
    PaymentMethod method();

    Tender take(Caller caller, Order order, long dueFen, PaymentRequest request);

    /** What a payment method took; {@code kiosk} is the cash kiosk's report when a device counted. */
    record Tender(long tenderedFen, long changeFen, long surplusFen, KioskCash kiosk) {
    }
}
