package org.bizhall.api.device;

import org.bizhall.api.service.Receipt;
import org.osgi.annotation.versioning.ConsumerType;

/** Prints receipts and invoices. */
@ConsumerType
public interface ReceiptPrinter extends DeviceDriver {
    /**
     * Prints {@code receipt}; a {@code reprint} is marked as such on paper. Throws {@link DeviceException} when the
     * printer cannot take it; the caller keeps the receipt and prints it again later.
     */
    void print(DeviceConfig device, Receipt receipt, boolean reprint);
}
