package org.bizhall.api.service;

import java.util.List;

/** The audit trail; written in the transaction of the fact it records. */
public interface AuditLog {
    void record(String actor, String action, String orderId, String subject, Long amountFen, String detail);

    List<AuditEntry> forOrder(String orderId);
}
