package org.bizhall.api.device;

import org.osgi.annotation.versioning.ConsumerType;

/** The TD wireless desk phone of the merchant-butler product. */
@ConsumerType
public interface TdDeskPhone extends DeviceDriver {
    /**
     * Registers the terminal with the terminal-management port: it sends its manufacturer id, terminal type, model and
     * number (rules §13), and the answer says whether the port accepted it.
     */
    DeskPhoneRegistration register(DeviceConfig device, String manufacturer, String terminalType, String model,
            String msisdn);
}
