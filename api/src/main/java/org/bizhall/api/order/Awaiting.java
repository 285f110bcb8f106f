package org.bizhall.api.order;

/**
 * What an open order waits for. {@code INSTALLATION}: staff installing and testing at the customer's site (the merchant
 * butler's terminal); {@code CUSTOMER_SIGNATURE}: the customer signing a delivery form.
 */
public enum Awaiting {
    PAYMENT, BACK_OFFICE, MEMBER_CALLS, CUSTOMER_CALL, DATE, INSTALLATION, CUSTOMER_SIGNATURE
}
