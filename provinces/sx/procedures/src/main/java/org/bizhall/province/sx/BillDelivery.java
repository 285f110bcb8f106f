package org.bizhall.province.sx;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 账单寄送方式 — how the monthly bill reaches the holder (SMS, e-mail or paper by post): a procedure of Shanxi's own,
 * not in the national catalogue. Free, at once, with the holder's ID or the service password; the choice is kept as
 * one of the subscriber's feature words ({@code BILL_BY_SMS}, {@code BILL_BY_EMAIL}, {@code BILL_BY_PAPER}).
 */
@ProcedureProvider(procedure = BillDelivery.ID, province = "SX")
@Component(service = Procedure.class)
public class BillDelivery extends KitProcedure {
    static final String ID = "bill-delivery";
    static final String CHANNEL = "channel";
    static final String FEATURE_PREFIX = "BILL_BY_";

    /** Where a bill can go. */
    enum Channel {
        SMS, EMAIL, PAPER
    }

    private final SubscriberService subscribers;
    private final AuditLog audit;

    @Activate
    public BillDelivery(@Reference SubscriberService subscribers, @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = admitted(order);
        order.result().put("msisdn", subscriber.msisdn());
        order.result().put(CHANNEL, channel(order).name());
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Subscriber subscriber = admitted(order);
        Channel channel = channel(order);
        Set<String> others = Arrays.stream(Channel.values()).filter(c -> c != channel).map(c -> FEATURE_PREFIX + c)
                .collect(Collectors.toSet());
        Subscriber changed = subscribers.changeFeatures(new Msisdn(subscriber.msisdn()),
                Set.of(FEATURE_PREFIX + channel), others, order.orderId());
        order.result().put("features", changed.features());
        audit.record(order.caller().user(), "BILL_DELIVERY_CHANGED", order.orderId(), subscriber.msisdn(), null,
                "bills by " + channel);
        return StepOutcome.completed();
    }

    private static Channel channel(OrderContext order) {
        // the params schema names the three channels; the engine refused anything else before this step
        return Channel.valueOf(order.params().text(CHANNEL).orElseThrow(
                () -> ProblemException.badRequest("PARAM_INVALID", "channel is required", "params." + CHANNEL)));
    }

    private Subscriber admitted(OrderContext order) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        if (subscriber.status() == SubscriberStatus.CANCELLED) {
            throw ProblemException.rule("SUBSCRIBER_CANCELLED", "the number is cancelled", "msisdn");
        }
        return subscriber;
    }
}
