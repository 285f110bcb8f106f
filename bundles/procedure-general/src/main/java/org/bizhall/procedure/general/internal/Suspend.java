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

/** 报停, suspension at the holder's request (rulebook §9, seed 000 §6.10.1): an ACTIVE number stops at once, free. */
@ProcedureProvider(procedure = Suspend.ID)
@Component(service = Procedure.class)
public class Suspend extends StatusChange {
    static final String ID = "suspend";

    @Activate
    public Suspend(@Reference SubscriberService subscribers, @Reference AuditLog audit) {
        super(subscribers, audit, "SUBSCRIBER_SUSPENDED");
    }

    @Override
    SubscriberStatus target(Subscriber subscriber) {
        return switch (subscriber.status()) {
            case ACTIVE -> SubscriberStatus.SUSPENDED_REQUEST;
            case SUSPENDED_ARREARS -> throw StatusRefusals.suspendedForArrears();
            case SUSPENDED_REQUEST, SUSPENDED_LOSS -> throw ProblemException.rule("ALREADY_SUSPENDED",
                    "the number is already suspended (" + subscriber.status() + ")", "msisdn");
            default -> throw StatusRefusals.notInService(subscriber);
        };
    }
}
