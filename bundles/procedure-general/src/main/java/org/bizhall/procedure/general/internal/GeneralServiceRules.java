package org.bizhall.procedure.general.internal;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.procedure.HolderDocuments;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/**
 * The rules every general service (综合业务, rulebook §9 and "Documents"; seed 000 §6.10.3) shares: the order names a
 * subscriber of the hall's province; the customer is its holder, proven by the same identity document (compared
 * inside, never shown); and the counter sees the documents as specified: a personal holder's ID, the licence and
 * unit certificate of a corporate holder, who always comes through a proxy, and the ID of any proxy.
 * A number that is cancelled or waiting for its cancellation takes none of these services.
 */
final class GeneralServiceRules {
    private GeneralServiceRules() {
    }

    /** The subscriber the order is for, once it passed every common rule; refusals change nothing. */
    static Subscriber admit(OrderContext order, SubscriberService subscribers) {
        Subscriber subscriber = subscriberOf(order, subscribers);
        requireHolder(order, subscriber);
        requireDocuments(order, subscriber);
        return subscriber;
    }

    /** The envelope's number is a subscriber of the caller's province. */
    static Subscriber subscriberOf(OrderContext order, SubscriberService subscribers) {
        Msisdn msisdn = order.msisdn().orElseThrow(() -> ProblemException.badRequest("MSISDN_MISSING",
                order.procedureId() + " needs the subscriber's number in msisdn", "msisdn"));
        Subscriber subscriber = subscribers.find(msisdn)
                .orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number"));
        if (!subscriber.province().equals(order.province())) {
            throw ProblemException.forbidden("OTHER_PROVINCE", "this number belongs to another province");
        }
        return subscriber;
    }

    /**
     * The customer is the holder: same kind of identity document, same number. The refusal says only that they
     * differ, so the counter learns nothing of the holder it did not bring.
     */
    static void requireHolder(OrderContext order, Subscriber subscriber) {
        Customer customer = order.customer();
        if (customer == null) {
            throw ProblemException.badRequest("CUSTOMER_MISSING",
                    order.procedureId() + " needs the holder as the customer", "customer");
        }
        if (subscriber.holder() == null || !subscriber.holder().sameDocumentAs(customer)) {
            throw ProblemException.rule("HOLDER_MISMATCH",
                    "the customer's identity document is not the holder's; only the holder (or a proxy for the holder) may ask",
                    "customer");
        }
    }

    /**
     * The documents as specified (seed 000 §6.10.3): personal holder HOLDER_ID; corporate holder BUSINESS_LICENCE and
     * UNIT_CERTIFICATE, through a PROXY; a PROXY shows PROXY_ID. Missing ones are listed together.
     */
    static void requireDocuments(OrderContext order, Subscriber subscriber) {
        CustomerType holder = subscriber.holder() == null ? CustomerType.PERSONAL : subscriber.holder().type();
        HolderDocuments.requireProxyForCompany(order, holder);
        HolderDocuments.require(order, holder);
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
