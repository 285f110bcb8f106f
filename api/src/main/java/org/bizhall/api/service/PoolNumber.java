package org.bizhall.api.service;

import java.time.OffsetDateTime;

/** A number in the pool; {@code prestoreFen} is the amount a customer prepays to take it. */
public record PoolNumber(String msisdn, String province, NumberStatus status, long prestoreFen, String reservedBy,
        String orderId, OffsetDateTime expiresAt) {
}
