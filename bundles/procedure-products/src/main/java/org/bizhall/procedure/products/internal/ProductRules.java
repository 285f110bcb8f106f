package org.bizhall.procedure.products.internal;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/**
 * What every product change shares (rulebook §9 and "Documents", seed 000 §6.10.3): a subscriber of the hall's
 * province, the customer proven its holder by the same identity document, a company through a proxy, and a number
 * still in service. The documents themselves are those the descriptors announce, which the engine checks.
 */
final class ProductRules {
    private ProductRules() {
    }

    /** The subscriber the order is for, once it passed every common rule; a refusal changes nothing. */
    static Subscriber admit(OrderContext order, SubscriberService subscribers) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        KitProcedure.requireProxyForCompany(order,
                subscriber.holder() == null ? CustomerType.PERSONAL : subscriber.holder().type());
        requireInService(subscriber);
        return subscriber;
    }

    /** A cancelled number, or one waiting for its formal cancellation, changes nothing of what it has. */
    static void requireInService(Subscriber subscriber) {
        if (subscriber.status() == SubscriberStatus.CANCELLED) {
            throw ProblemException.rule("SUBSCRIBER_CANCELLED", "the number is cancelled", "msisdn");
        }
        if (subscriber.status() == SubscriberStatus.PENDING_CANCELLATION) {
            throw ProblemException.rule("SUBSCRIBER_PENDING_CANCELLATION",
                    "the number waits for its formal cancellation; restoring it is done there", "msisdn");
        }
    }
}
