package org.bizhall.device.simulators.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.NumberKiosk;
import org.osgi.service.component.annotations.Component;

/** A number-selection screen whose customer always picks the number at {@code choice} (default the first) of those shown. */
@Component(service = {NumberKiosk.class, DeviceDriver.class}, property = Simulator.DRIVER)
public class SimulatedNumberKiosk extends Simulator implements NumberKiosk {
    private final Map<String, List<String>> shown = new ConcurrentHashMap<>();

    public SimulatedNumberKiosk() {
        super(DeviceKind.NUMBER_KIOSK, "TOUCH_SCREEN");
    }

    @Override
    public void show(DeviceConfig device, List<String> msisdns) {
        requireOnline(device);
        shown.put(device.id(), List.copyOf(msisdns));
    }

    @Override
    public Optional<String> chosen(DeviceConfig device) {
        requireOnline(device);
        List<String> numbers = shown.getOrDefault(device.id(), List.of());
        int choice;
        try {
            choice = Integer.parseInt(device.setting("choice", "0"));
        } catch (NumberFormatException e) {
            choice = 0;
        }
        return choice >= 0 && choice < numbers.size() ? Optional.of(numbers.get(choice)) : Optional.empty();
    }
}
