package org.bizhall.api.care;

/**
 * Where a complaint ticket stands: taken in ({@code OPEN}), with a department ({@code DISPATCHED}), answered by it
 * ({@code REPLIED}), the customer called back ({@code CALLED_BACK}), done ({@code CLOSED}). A reply that does not
 * resolve, or a callback the customer is not satisfied with, sends the ticket back to {@code DISPATCHED}.
 */
public enum TicketState {
    OPEN, DISPATCHED, REPLIED, CALLED_BACK, CLOSED
}
