package org.bizhall.procedure.general.internal;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 报开, resumption (rulebook §9, seed 000 §6.10.1): a number suspended on request or for a loss is ACTIVE again at
 * once, free. A number suspended for arrears is resumed by paying them (bill-payment, 复机, rulebook §2), not here.
 */
@ProcedureProvider(procedure = Resume.ID)
@Component(service = Procedure.class)
public class Resume extends StatusChange {
    static final String ID = "resume";

    @Activate
    public Resume(@Reference SubscriberService subscribers, @Reference AuditLog audit) {
        super(subscribers, audit, "SUBSCRIBER_RESUMED");
    }

    @Override
    SubscriberStatus target(Subscriber subscriber) {
        return switch (subscriber.status()) {
            case SUSPENDED_REQUEST, SUSPENDED_LOSS -> SubscriberStatus.ACTIVE;
            case ACTIVE -> throw ProblemException.rule("NOT_SUSPENDED", "the number is active already", "msisdn");
            case SUSPENDED_ARREARS -> throw StatusRefusals.suspendedForArrears();
            default -> throw StatusRefusals.notInService(subscriber);
        };
    }
}
