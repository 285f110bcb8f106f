package org.bizhall.api.procedure.kit;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;

/**
 * The subscriber an order is for, as every procedure on an existing number finds it: the envelope's number, known, of
 * the caller's province; and, where the rulebook asks it, the customer proven to be its holder.
 */
public final class OrderSubscribers {
    private OrderSubscribers() {
    }

    /**
     * The subscriber of the envelope's number in the caller's province: 400 {@code MSISDN_MISSING} without a number,
     * 404 {@code SUBSCRIBER_NOT_FOUND}, 403 {@code OTHER_PROVINCE} (which says no more about the number).
     */
    public static Subscriber inCallersProvince(OrderContext order, SubscriberService subscribers) {
        Msisdn msisdn = order.msisdn().orElseThrow(() -> ProblemException.badRequest("MSISDN_MISSING",
                order.procedureId() + " needs the subscriber's number in msisdn", "msisdn"));
        Subscriber subscriber = subscribers.find(msisdn)
                .orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number"));
        if (!order.province().equals(subscriber.province())) {
            throw ProblemException.forbidden("OTHER_PROVINCE", "this number belongs to another province");
        }
        return subscriber;
    }

    /**
     * The customer is the subscriber's holder: the same kind of identity document with the same number, compared
     * without showing either. 400 {@code CUSTOMER_MISSING} without a customer, 422 {@code HOLDER_MISMATCH} otherwise;
     * the refusal says only that they differ, so the counter learns nothing of a holder it did not bring.
     */
    public static void requireHolder(OrderContext order, Subscriber subscriber) {
        Customer customer = order.customer();
        if (customer == null) {
            throw ProblemException.badRequest("CUSTOMER_MISSING",
                    order.procedureId() + " needs the holder as the customer", "customer");
        }
        if (subscriber.holder() == null || !subscriber.holder().sameDocumentAs(customer)) {
            throw ProblemException.rule("HOLDER_MISMATCH", "the customer's identity document is not the holder's;"
                    + " only the holder (or a proxy for the holder) may ask", "customer");
        }
    }
}
