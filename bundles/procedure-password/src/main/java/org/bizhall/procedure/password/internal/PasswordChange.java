package org.bizhall.procedure.password.internal;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.ServicePasswords;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 密码变更 (rulebook §11, seed 003 part 4): the old service password proves the customer, so no ID is asked. Free, at
 * once. The old password is checked when the order is submitted, every wrong one counted toward the lock even though
 * the refusal stores nothing; a customer who never had a password is sent to the reset.
 */
@ProcedureProvider(procedure = PasswordChange.ID)
@Component(service = Procedure.class)
public class PasswordChange extends KitProcedure {
    static final String ID = "password-change";
    static final String AUDIT_ACTION = "SERVICE_PASSWORD_CHANGED";

    private final SubscriberService subscribers;
    private final ServicePasswords passwords;
    private final AuditLog audit;

    @Activate
    public PasswordChange(@Reference SubscriberService subscribers, @Reference ServicePasswords passwords,
            @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = PasswordRules.subscriber(order, subscribers);
        String old = order.params().requiredText(PasswordRules.OLD_PASSWORD);
        String chosen = PasswordRules.newPassword(order);
        if (!subscriber.servicePasswordSet()) {
            throw ProblemException.rule(ServicePasswords.NOT_SET, "the number has no service password to change;"
                    + " the holder sets one with the ID (password-reset)", "msisdn");
        }
        if (old.equals(chosen)) {
            throw ProblemException.rule("PASSWORD_UNCHANGED", "the new service password is the old one",
                    "params." + PasswordRules.NEW_PASSWORD);
        }
        try {
            passwords.verify(new Msisdn(subscriber.msisdn()), old, order.caller().user(), order.orderId());
        } catch (ProblemException refused) {
            throw new ProblemException(refused.status(), refused.code(), refused.detail(),
                    "params." + PasswordRules.OLD_PASSWORD);
        }
        order.result().put("msisdn", subscriber.msisdn());
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Subscriber subscriber = PasswordRules.subscriber(order, subscribers);
        passwords.set(new Msisdn(subscriber.msisdn()), PasswordRules.newPassword(order), order.caller().user(),
                order.orderId());
        PasswordRules.recordDone(order, subscriber);
        audit.record(order.caller().user(), AUDIT_ACTION, order.orderId(), subscriber.msisdn(), null,
                "changed with the old service password");
        return StepOutcome.completed();
    }
}
