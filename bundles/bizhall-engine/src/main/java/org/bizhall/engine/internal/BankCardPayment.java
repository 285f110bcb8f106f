package org.bizhall.engine.internal;

import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;

/** A bank card is charged exactly the amount due. */
final class BankCardPayment implements PaymentStrategy {
    @Override
    public PaymentMethod method() {
        return PaymentMethod.BANK_CARD;
    }

    @Override
    public Tender take(Caller caller, Order order, long dueFen, PaymentRequest request) {
        return new Tender(dueFen, 0, 0, null);
    }
}
