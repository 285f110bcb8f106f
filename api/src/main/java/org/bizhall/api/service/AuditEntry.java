package org.bizhall.api.service;

import java.time.OffsetDateTime;

/** One audited fact: a state change or a money movement, who did it, and on which order. Details are masked. */
public record AuditEntry(long id, OffsetDateTime at, String actor, String action, String orderId, String subject,
        Long amountFen, String detail) {
}
