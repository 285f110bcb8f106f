package org.bizhall.procedure.general.internal;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.Subscriber;

/** Refusals more than one status change gives, worded once. */
final class StatusRefusals {
    private StatusRefusals() {
    }

    /** Rulebook §2: a number suspended for arrears (欠停) is restored by paying them (复机), with bill-payment. */
    static ProblemException suspendedForArrears() {
        return ProblemException.rule("SUSPENDED_FOR_ARREARS",
                "the number is suspended for arrears: paying them with bill-payment restores it", "msisdn");
    }

    /** Reached only for a status the common rules let through; kept so a new status is refused, not guessed at. */
    static ProblemException notInService(Subscriber subscriber) {
        return ProblemException.rule("STATUS_NOT_ALLOWED",
                "the number's status " + subscriber.status() + " does not allow this service", "msisdn");
    }
}
