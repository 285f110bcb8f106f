package org.bizhall.device.simulators.internal;

import java.util.Optional;

import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.RatingPad;
import org.osgi.service.component.annotations.Component;

/** A rating pad whose customer presses {@code score} (default 5); {@code score=none} rehearses one who walks away. */
@Component(service = {RatingPad.class, DeviceDriver.class}, property = Simulator.DRIVER)
public class SimulatedRatingPad extends Simulator implements RatingPad {
    public SimulatedRatingPad() {
        super(DeviceKind.RATING_PAD, "FIVE_KEYS");
    }

    @Override
    public Optional<Integer> rate(DeviceConfig device, String operator, String orderId) {
        requireOnline(device);
        String pressed = device.setting("score", String.valueOf(MAX_SCORE));
        try {
            int score = Integer.parseInt(pressed);
            return score >= MIN_SCORE && score <= MAX_SCORE ? Optional.of(score) : Optional.empty();
        } catch (NumberFormatException none) {
            return Optional.empty();
        }
    }
}
