package org.bizhall.api.counter;

import java.util.List;

import org.bizhall.api.service.PoolNumber;

/** The available numbers shown on a hall's number kiosk, in the order shown. */
public record KioskOffer(String hall, String device, List<PoolNumber> numbers) {
    public KioskOffer {
        numbers = List.copyOf(numbers);
    }
}
