package org.bizhall.device.simulators.internal;

import org.bizhall.api.device.DeskPhoneRegistration;
import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.TdDeskPhone;
import org.osgi.service.component.annotations.Component;

/**
 * A TD desk phone and the terminal-management port it registers with (rules §13): the port accepts a registration
 * that carries a manufacturer id, a terminal type, a model and an 11-digit mobile number, and refuses any other.
 */
@Component(service = {TdDeskPhone.class, DeviceDriver.class}, property = Simulator.DRIVER)
public class SimulatedTdDeskPhone extends Simulator implements TdDeskPhone {
    public SimulatedTdDeskPhone() {
        super(DeviceKind.TD_DESK_PHONE, "TD_SCDMA", "TERMINAL_REGISTRATION");
    }

    @Override
    public DeskPhoneRegistration register(DeviceConfig device, String manufacturer, String terminalType, String model,
            String msisdn) {
        requireOnline(device);
        boolean accepted = present(manufacturer) && present(terminalType) && present(model) && msisdn != null
                && msisdn.matches("1[0-9]{10}");
        return new DeskPhoneRegistration(manufacturer, terminalType, model, msisdn, accepted);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
