package org.bizhall.api.care;

import org.bizhall.api.common.Page;
import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Complaint tickets (rulebook §12): one intake for every channel, an answer on the spot ({@link #close} of an
 * {@code OPEN} ticket) or a dispatch to a department, its reply, a re-dispatch while unresolved, the callback to the
 * customer and the close. Operators and managers take tickets in, call back and close; the {@code backoffice}
 * dispatches and replies (403 {@code ROLE_NOT_ALLOWED} otherwise). A ticket is seen and moved only in its province
 * (403 {@code OTHER_PROVINCE}); a step its state does not allow answers 409 {@code TICKET_STATE_CONFLICT}. Every step
 * is kept in the ticket's history and audited, and sets the due time of the state it leads to.
 */
@ProviderType
public interface TicketService {
    /** Takes a complaint in for the caller's province and hall; the ticket is {@code OPEN}. */
    Ticket open(Caller caller, NewTicket ticket);

    /** The ticket; 404 {@code TICKET_NOT_FOUND}. */
    Ticket get(Caller caller, String id);

    /** Tickets of a province, for managers, the back office and admins. */
    Page<Ticket> list(Caller caller, TicketQuery query);

    /** Sends an {@code OPEN} ticket, or one back from its department, to {@code department}. */
    Ticket dispatch(Caller caller, String id, TicketCategory department);

    /** The department's answer: resolved, the ticket is {@code REPLIED}; not resolved, it is {@code DISPATCHED} again. */
    Ticket reply(Caller caller, String id, String text, boolean resolved);

    /**
     * The call back to the customer after the reply: satisfied, the ticket is {@code CALLED_BACK}; not satisfied, it
     * goes back to its department ({@code DISPATCHED}) for another answer.
     */
    Ticket callback(Caller caller, String id, String text, boolean satisfied);

    /** Closes a ticket answered on the spot ({@code OPEN}) or called back ({@code CALLED_BACK}). */
    Ticket close(Caller caller, String id, String text);
}
