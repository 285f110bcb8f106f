package org.bizhall.api.service;

/** Subscriber status as the contract names it. */
public enum SubscriberStatus {
    ACTIVE, SUSPENDED_REQUEST, SUSPENDED_LOSS, SUSPENDED_ARREARS, PENDING_CANCELLATION, CANCELLED
}
