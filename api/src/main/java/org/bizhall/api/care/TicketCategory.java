package org.bizhall.api.care;

/**
 * What a complaint is about, and the department that answers it (the contract uses the same words for both):
 * {@code NETWORK} coverage and quality, {@code CARD} SIM and prepaid cards, {@code VALUE_ADDED} value-added services,
 * {@code BILLING} charges and bills, {@code SERVICE} the service in the hall.
 */
public enum TicketCategory {
    NETWORK, CARD, VALUE_ADDED, BILLING, SERVICE
}
