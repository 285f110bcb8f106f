package org.bizhall.api.device;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/** The self-service screen a customer picks a new number on. */
@ConsumerType
public interface NumberKiosk extends DeviceDriver {
    /** Shows these available numbers to the customer. */
    void show(DeviceConfig device, List<String> msisdns);

    /** The number the customer picked among those shown, if any yet. */
    Optional<String> chosen(DeviceConfig device);
}
