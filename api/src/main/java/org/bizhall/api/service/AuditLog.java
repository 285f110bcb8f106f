package org.bizhall.api.service;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The audit trail; written in the transaction of the fact it records. */
@ProviderType
public interface AuditLog {
    void record(String actor, String action, String orderId, String subject, Long amountFen, String detail);

    List<AuditEntry> forOrder(String orderId);
}
