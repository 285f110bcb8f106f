package org.bizhall.procedure.cancellation.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/**
 * What both cancellations share (rulebook §3, seed 000 §6.3–6.4): the order names a subscriber of the hall's
 * province, the customer is its holder (compared inside, never shown), a company comes through a proxy; a cancelled
 * number rests in quarantine before the pool offers it again.
 */
final class CancellationRules {
    /** Statuses a pre-cancellation starts from: a number in service, suspended or not. */
    static final Set<SubscriberStatus> PRE_CANCELLABLE = Set.of(SubscriberStatus.ACTIVE,
            SubscriberStatus.SUSPENDED_REQUEST, SubscriberStatus.SUSPENDED_LOSS, SubscriberStatus.SUSPENDED_ARREARS);

    private CancellationRules() {
    }

    /** The subscriber the order is for, once it passed the common rules; refusals change nothing. */
    static Subscriber admit(OrderContext order, SubscriberService subscribers) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        KitProcedure.requireProxyForCompany(order, holderType(subscriber));
        return subscriber;
    }

    static CustomerType holderType(Subscriber subscriber) {
        return subscriber.holder() == null ? CustomerType.PERSONAL : subscriber.holder().type();
    }

    /** The business date of the step: the business clock's local date. */
    static LocalDate businessDate(OrderContext order) {
        return order.now().toLocalDate();
    }

    /**
     * Makes the number {@code CANCELLED} (from {@code from}, which the caller checked) and puts it into quarantine
     * for {@code numberQuarantineDays} from now: the pool offers it again only then, by itself.
     */
    static OffsetDateTime cancel(OrderContext order, Subscriber subscriber, SubscriberStatus from,
            SubscriberService subscribers, NumberPool numbers) {
        Msisdn msisdn = new Msisdn(subscriber.msisdn());
        subscribers.changeStatus(msisdn, Set.of(from), SubscriberStatus.CANCELLED, null, order.orderId());
        OffsetDateTime availableFrom = order.now()
                .plusDays(order.provinceParams().integer(NationalParams.NUMBER_QUARANTINE_DAYS));
        numbers.quarantine(msisdn, subscriber.province(), availableFrom, order.orderId());
        return availableFrom;
    }

    static ProblemException alreadyCancelled() {
        return ProblemException.rule("SUBSCRIBER_CANCELLED", "the number is cancelled", "msisdn");
    }
}
