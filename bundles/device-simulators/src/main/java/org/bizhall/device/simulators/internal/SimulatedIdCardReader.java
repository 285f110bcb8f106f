package org.bizhall.device.simulators.internal;

import org.bizhall.api.common.ResidentId;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.IdCardReader;
import org.osgi.service.component.annotations.Component;

/**
 * An ID-card reader with a card always on it: the identity configured as {@code identity.name} and
 * {@code identity.number} (its first 17 digits; the check character is computed, as on a real card), by default the
 * demo holder. {@code card=absent} rehearses an empty reader.
 */
@Component(service = {IdCardReader.class, DeviceDriver.class}, property = Simulator.DRIVER)
public class SimulatedIdCardReader extends Simulator implements IdCardReader {
    static final String DEFAULT_NAME = "张三";
    static final String DEFAULT_NUMBER = "11010519491231002";

    public SimulatedIdCardReader() {
        super(DeviceKind.ID_CARD_READER, "RESIDENT_ID");
    }

    @Override
    public Customer readIdentity(DeviceConfig device) {
        requireOnline(device);
        if ("absent".equalsIgnoreCase(device.setting("card", "present"))) {
            throw new DeviceException(DeviceStatus.ERROR, "no card on the reader");
        }
        String digits = device.setting("identity.number", DEFAULT_NUMBER);
        if (!digits.matches("[0-9]{17,18}[Xx]?")) {
            throw new DeviceException(DeviceStatus.ERROR, "the configured card number is not a resident ID");
        }
        String first17 = digits.substring(0, 17);
        String number = first17 + ResidentId.checkCharacter(first17);
        return new Customer(CustomerType.PERSONAL, device.setting("identity.name", DEFAULT_NAME), IdType.ID_CARD,
                number, device.setting("identity.address", null)).validated("identity");
    }
}
