package org.bizhall.api.service;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Numbered receipts for every payment, and their reprints. Issuing and reprinting each queue a print job
 * ({@link org.bizhall.platform.store.PrintQueue}) in the same transaction.
 */
@ProviderType
public interface ReceiptService {
    Receipt issue(NewReceipt receipt);

    Optional<Receipt> find(String number);

    /** Records a reprint and returns the receipt marked as one. */
    Receipt reprint(String number, String operator);
}
