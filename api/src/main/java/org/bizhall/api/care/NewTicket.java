package org.bizhall.api.care;

/** A complaint as it is taken in: the channel, the customer's number, what it is about, and the customer's words. */
public record NewTicket(TicketChannel channel, String msisdn, TicketCategory category, String text) {
}
