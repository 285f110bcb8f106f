package org.bizhall.api.care;

import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.NationalParams;

/**
 * The complaint flow of rulebook §12 (seed 001, the complaint flow chart), written once for the store and the test
 * fakes: which role takes each step, from which state, to which state, and which province parameter sets the due time
 * of the state it leads to.
 */
public final class TicketFlow {
    /** Staff at the counter take complaints in, call the customer back and close (seed 001: 营业厅, 回访客户). */
    public static final Set<Role> COUNTER = Set.of(Role.OPERATOR, Role.MANAGER);
    /** The back office classifies and dispatches (审核员分类派单) and records the department's reply. */
    public static final Set<Role> OFFICE = Set.of(Role.BACKOFFICE);
    /** Who may list a province's tickets (the overdue ones among them). */
    public static final Set<Role> READERS = Set.of(Role.MANAGER, Role.BACKOFFICE, Role.ADMIN);

    private TicketFlow() {
    }

    /** The roles that may take {@code action}. */
    public static Set<Role> roles(TicketAction action) {
        return switch (action) {
            case INTAKE, CALLBACK, CLOSE -> COUNTER;
            case DISPATCH, REPLY -> OFFICE;
        };
    }

    public static void requireRole(Caller caller, TicketAction action) {
        caller.requireRole(roles(action).toArray(Role[]::new));
    }

    /**
     * The state {@code action} leads to from {@code from}; {@code outcome} is a reply's {@code resolved} or a
     * callback's {@code satisfied}. A step the state does not allow is 409 {@code TICKET_STATE_CONFLICT}.
     */
    public static TicketState next(TicketState from, TicketAction action, boolean outcome) {
        TicketState to = switch (action) {
            case INTAKE -> null;
            // a ticket back from its department (unresolved) may go to another one
            case DISPATCH -> from == TicketState.OPEN || from == TicketState.DISPATCHED ? TicketState.DISPATCHED : null;
            case REPLY -> from == TicketState.DISPATCHED ? (outcome ? TicketState.REPLIED : TicketState.DISPATCHED) : null;
            // a customer not satisfied with the answer sends the ticket back to the department
            case CALLBACK -> from == TicketState.REPLIED ? (outcome ? TicketState.CALLED_BACK : TicketState.DISPATCHED)
                    : null;
            // on the spot (OPEN) or after the callback
            case CLOSE -> from == TicketState.OPEN || from == TicketState.CALLED_BACK ? TicketState.CLOSED : null;
        };
        if (to == null) {
            throw ProblemException.conflict("TICKET_STATE_CONFLICT",
                    "a ticket that is " + from + " cannot take the step " + action);
        }
        return to;
    }

    /** The province parameter giving the hours a ticket may stay in {@code state}; null for a closed ticket. */
    public static String dueHoursParam(TicketState state) {
        return switch (state) {
            case OPEN -> NationalParams.TICKET_DISPATCH_HOURS;
            case DISPATCHED -> NationalParams.TICKET_REPLY_HOURS;
            case REPLIED -> NationalParams.TICKET_CALLBACK_HOURS;
            case CALLED_BACK -> NationalParams.TICKET_CLOSE_HOURS;
            case CLOSED -> null;
        };
    }
}
