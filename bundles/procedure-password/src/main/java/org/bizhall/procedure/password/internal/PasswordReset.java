package org.bizhall.procedure.password.internal;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.ServicePasswords;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 密码重置 (rulebook §11, seed 003 part 5): the holder's identity document replaces the forgotten password. The
 * customer must be the holder (same ID type and number, never shown), with the documents the descriptor announces
 * and the engine checks: a person's HOLDER_ID, or a company's licence and unit certificate, brought by a proxy (the
 * rule here), and the proxy's own ID. Free, at once; the new password also lifts a lock. A number without a password gets its first one this way.
 */
@ProcedureProvider(procedure = PasswordReset.ID)
@Component(service = Procedure.class)
public class PasswordReset extends KitProcedure {
    static final String ID = "password-reset";
    static final String AUDIT_ACTION = "SERVICE_PASSWORD_RESET";

    private final SubscriberService subscribers;
    private final ServicePasswords passwords;
    private final AuditLog audit;

    @Activate
    public PasswordReset(@Reference SubscriberService subscribers, @Reference ServicePasswords passwords,
            @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = admitted(order);
        PasswordRules.newPassword(order);
        order.result().put("msisdn", subscriber.msisdn());
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Subscriber subscriber = admitted(order);
        passwords.set(new Msisdn(subscriber.msisdn()), PasswordRules.newPassword(order), order.caller().user(),
                order.orderId());
        PasswordRules.recordDone(order, subscriber);
        audit.record(order.caller().user(), AUDIT_ACTION, order.orderId(), subscriber.msisdn(), null,
                "reset with the holder's ID" + (order.party(PartyRole.PROXY).isPresent() ? ", by proxy" : ", in person"));
        return StepOutcome.completed();
    }

    /** The subscriber, once the customer proved to be its holder with the documents a holder shows. */
    private Subscriber admitted(OrderContext order) {
        Subscriber subscriber = PasswordRules.subscriber(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        requireProxyForCompany(order, subscriber.holder().type());
        return subscriber;
    }
}
