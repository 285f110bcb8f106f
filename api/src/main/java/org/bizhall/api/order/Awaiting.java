package org.bizhall.api.order;

/** What an open order waits for. */
public enum Awaiting {
    PAYMENT, BACK_OFFICE, MEMBER_CALLS, CUSTOMER_CALL, DATE
}
