package org.bizhall.procedure.bills.internal;

import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;

/**
 * Who may ask for a bill or an invoice of a number (rulebook §9 and "Documents"; seed 000 §6.10.3): the order names a
 * subscriber of the hall's province and the customer is its holder, proven by the ID (or, where the descriptor allows
 * it, by the service password, which the engine checked); a company comes through a proxy. Any status will do: a
 * suspended or cancelled number's holder may still want the paper of what was charged.
 */
final class CounterRules {
    private CounterRules() {
    }

    static Subscriber admit(OrderContext order, SubscriberService subscribers) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        KitProcedure.requireProxyForCompany(order,
                subscriber.holder() == null ? CustomerType.PERSONAL : subscriber.holder().type());
        return subscriber;
    }
}
