package org.bizhall.procedure.general.internal;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/**
 * The rules every general service (综合业务, rulebook §9 and "Documents"; seed 000 §6.10.3) shares: the order names a
 * subscriber of the hall's province; the customer is its holder, proven by the same identity document (compared
 * inside, never shown); a corporate holder always comes through a proxy. The documents themselves (a person's ID, a
 * company's licence and unit certificate, a proxy's ID) are those the descriptors announce, which the engine checks.
 * A number that is cancelled or waiting for its cancellation takes none of these services.
 */
final class GeneralServiceRules {
    private GeneralServiceRules() {
    }

    /** The subscriber the order is for, once it passed every common rule; refusals change nothing. */
    static Subscriber admit(OrderContext order, SubscriberService subscribers) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        KitProcedure.requireProxyForCompany(order,
                subscriber.holder() == null ? CustomerType.PERSONAL : subscriber.holder().type());
        return subscriber;
    }

    /** A cancelled number, or one waiting for its formal cancellation, takes no general service. */
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
