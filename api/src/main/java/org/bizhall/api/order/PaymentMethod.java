package org.bizhall.api.order;

/** How a customer pays: cash gets change, the kiosk gives none (all of it is credited), deposit draws the account. */
public enum PaymentMethod {
    CASH, BANK_CARD, KIOSK_CASH, DEPOSIT
}
