package org.bizhall.api.care;

import java.time.OffsetDateTime;

/**
 * One step in a ticket's history: who did it ({@code by}, with the role), when, the state it left the ticket in, the
 * department it went to (dispatch), whether a reply resolved or a callback satisfied ({@code outcome}, null for the
 * other steps), and the text, with identity and card numbers masked.
 */
public record TicketStep(TicketAction action, TicketState state, String by, String role, OffsetDateTime at,
        String text, TicketCategory department, Boolean outcome) {
}
