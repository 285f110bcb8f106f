package org.bizhall.api.device;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/** The satisfaction-rating pad at the counter. */
@ConsumerType
public interface RatingPad extends DeviceDriver {
    /** Lowest and highest score a pad reports. */
    int MIN_SCORE = 1;
    int MAX_SCORE = 5;

    /**
     * Asks the customer to rate {@code operator}'s service for {@code orderId} and returns the score
     * ({@value #MIN_SCORE}..{@value #MAX_SCORE}); empty when the customer did not rate.
     */
    Optional<Integer> rate(DeviceConfig device, String operator, String orderId);
}
