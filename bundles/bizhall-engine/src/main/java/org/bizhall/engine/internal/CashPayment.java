package org.bizhall.engine.internal;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;

/** Cash at the counter: at least the amount due is tendered, the rest is given back as change (sung out). */
final class CashPayment implements PaymentStrategy {
    @Override
    public PaymentMethod method() {
        return PaymentMethod.CASH;
    }

    @Override
    public Tender take(Caller caller, Order order, long dueFen, PaymentRequest request) {
        long tendered = Money.requireAmount(request.tenderedFen(), "tenderedFen");
        if (tendered < dueFen) {
            throw tenderedTooLow(tendered, dueFen, "tenderedFen");
        }
        return new Tender(tendered, tendered - dueFen, 0, null);
    }

    static ProblemException tenderedTooLow(long tendered, long due, String field) {
        return ProblemException.rule("TENDERED_TOO_LOW",
                "tendered " + Money.yuan(tendered) + " yuan is less than the " + Money.yuan(due) + " yuan due", field);
    }
}
