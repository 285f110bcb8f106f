package org.bizhall.engine.internal;

import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Confirmation;

/**
 * Who may do what with orders: submitting, paying and cancelling happen at a counter (operators and managers of a
 * hall); confirmations also come from the back office, which alone confirms an office step; reading needs a known
 * caller; every order is seen only in its province. The engine's scheduled work acts as {@link #system}.
 */
final class CallerAccess {
    /** The user the history names for what the scheduler made happen (a date reached, a confirmation timed out). */
    static final String SYSTEM_USER = "scheduler";

    private static final Set<String> OFFICE_STEPS = Set.of("BIG_CUSTOMER_OFFICE", "ACCOUNTING_OFFICE");

    private CallerAccess() {
    }

    /** The caller due work runs as: the system, in the order's hall and province, bound by no role's limits. */
    static Caller system(String hall, String province) {
        return new Caller(SYSTEM_USER, Role.ADMIN, hall, province, Set.of());
    }

    static void requireCounter(Caller caller) {
        requireHall(caller);
        caller.requireRole(Role.OPERATOR, Role.MANAGER);
    }

    /** Confirmations: counter staff for caller calls, the back office for an office step. */
    static void requireConfirmer(Caller caller, Confirmation confirmation) {
        requireHall(caller);
        caller.requireRole(Role.OPERATOR, Role.MANAGER, Role.BACKOFFICE);
        String step = confirmation == null ? null : confirmation.step();
        if (step != null && OFFICE_STEPS.contains(step) && caller.role() != Role.BACKOFFICE) {
            throw ProblemException.forbidden("ROLE_NOT_ALLOWED",
                    "the step " + step + " is confirmed by the back office");
        }
    }

    static void requireHall(Caller caller) {
        requireKnown(caller);
        if (caller.isAdmin() || caller.hall() == null || caller.province() == null) {
            throw ProblemException.forbidden("NO_HALL", "this is done at a hall; the caller has none");
        }
    }

    static void requireKnown(Caller caller) {
        if (caller == null || caller.role() == null) {
            throw ProblemException.forbidden("ROLE_NOT_ALLOWED", "the caller is unknown");
        }
        if (!caller.isAdmin() && caller.province() == null) {
            throw ProblemException.forbidden("NO_HALL", "the caller belongs to no hall");
        }
    }
}
