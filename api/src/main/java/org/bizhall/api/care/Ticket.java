package org.bizhall.api.care;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A complaint ticket. {@code dueAt} is when its current state must be left (null once closed), from the province's
 * parameters; {@code overdue} says whether that time has passed on the business clock when the ticket was read.
 * {@code department} is the department it was last dispatched to. Texts are kept with identity numbers masked.
 */
public record Ticket(String id, String province, String hall, TicketChannel channel, String msisdn,
        TicketCategory category, String text, TicketState state, TicketCategory department, OffsetDateTime dueAt,
        boolean overdue, OffsetDateTime createdAt, String createdBy, OffsetDateTime updatedAt,
        List<TicketStep> history) {
    public Ticket {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
