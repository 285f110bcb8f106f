package org.bizhall.api.device;

import org.bizhall.api.customer.Customer;
import org.osgi.annotation.versioning.ConsumerType;

/** Reads the resident ID card on the reader so the operator does not type the customer's identity. */
@ConsumerType
public interface IdCardReader extends DeviceDriver {
    /**
     * The identity on the card now on the reader: a personal {@code ID_CARD} customer whose number carries a valid check
     * character. Throws {@link DeviceException} when no card can be read; the operator then enters the identity by hand.
     */
    Customer readIdentity(DeviceConfig device);
}
