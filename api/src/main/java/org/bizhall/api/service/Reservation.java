package org.bizhall.api.service;

import java.time.OffsetDateTime;

/** A number held for one user (and, once an order is taken, for that order) until {@code expiresAt}. */
public record Reservation(String msisdn, String reservedBy, String orderId, OffsetDateTime expiresAt, long prestoreFen) {
}
