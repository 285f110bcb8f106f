package org.bizhall.procedure.general.internal;

import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/**
 * A general service that only moves the number to another status, free of charge and at once: quote checks the
 * common rules and whether the number's status allows the change; execute (which the engine runs in the same
 * transaction, nothing being due) checks again on the current status and changes it through the subscriber service,
 * which keeps the status history, and records the service in the audit trail. Each subclass names its procedure
 * with {@code @ProcedureProvider}; its descriptor is its bundle resource {@code procedure/<id>.properties}.
 */
abstract class StatusChange extends KitProcedure {
    private final SubscriberService subscribers;
    private final AuditLog audit;
    private final String auditAction;

    StatusChange(SubscriberService subscribers, AuditLog audit, String auditAction) {
        this.subscribers = subscribers;
        this.audit = audit;
        this.auditAction = auditAction;
    }

    /** The status the number moves to from its current one, or the refusal of the rule it breaks. */
    abstract SubscriberStatus target(Subscriber subscriber);

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = checked(order);
        Map<String, Object> result = order.result();
        result.put(ResultKeys.MSISDN, subscriber.msisdn());
        result.put(ResultKeys.STATUS_BEFORE, subscriber.status().name());
        result.put(ResultKeys.STATUS, target(subscriber).name());
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Subscriber subscriber = checked(order);
        SubscriberStatus before = subscriber.status();
        SubscriberStatus after = target(subscriber);
        Subscriber changed = subscribers.changeStatus(new Msisdn(subscriber.msisdn()), Set.of(before), after,
                order.orderId());
        Map<String, Object> result = order.result();
        result.put(ResultKeys.STATUS_BEFORE, before.name());
        result.put(ResultKeys.STATUS, changed.status().name());
        audit.record(order.caller().user(), auditAction, order.orderId(), subscriber.msisdn(), null,
                before + " -> " + changed.status() + (order.party(PartyRole.PROXY).isPresent() ? ", by proxy" : ", in person"));
        return StepOutcome.completed();
    }

    private Subscriber checked(OrderContext order) {
        Subscriber subscriber = GeneralServiceRules.admit(order, subscribers);
        GeneralServiceRules.requireInService(subscriber);
        return subscriber;
    }
}
