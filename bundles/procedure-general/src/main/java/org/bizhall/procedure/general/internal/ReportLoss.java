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
 * 报失, the loss of the SIM reported (rulebook §9, seed 000 §6.10.1): an ACTIVE number, or one suspended on request,
 * becomes SUSPENDED_LOSS at once, free, so nobody uses the lost card; a SIM replacement or a resumption ends it.
 */
@ProcedureProvider(procedure = ReportLoss.ID)
@Component(service = Procedure.class)
public class ReportLoss extends StatusChange {
    static final String ID = "report-loss";

    @Activate
    public ReportLoss(@Reference SubscriberService subscribers, @Reference AuditLog audit) {
        super(subscribers, audit, "LOSS_REPORTED");
    }

    @Override
    SubscriberStatus target(Subscriber subscriber) {
        return switch (subscriber.status()) {
            case ACTIVE, SUSPENDED_REQUEST -> SubscriberStatus.SUSPENDED_LOSS;
            case SUSPENDED_LOSS -> throw ProblemException.rule("ALREADY_REPORTED_LOST",
                    "the loss of this number's card is already reported", "msisdn");
            // a loss report would let a later resumption lift the suspension without the arrears being paid
            case SUSPENDED_ARREARS -> throw StatusRefusals.suspendedForArrears();
            default -> throw StatusRefusals.notInService(subscriber);
        };
    }
}
