package org.bizhall.api.service;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told about every receipt issued or reprinted, once the transaction that recorded it has committed (a rolled back
 * payment never reaches a listener). Register as a service; calls come from a platform thread, never from the
 * payment's, so a slow or failing listener cannot hold up or fail a payment.
 */
@ConsumerType
public interface ReceiptListener {
    /** {@code receipt.reprint()} says whether this is a reprint. */
    void receiptIssued(Receipt receipt);
}
