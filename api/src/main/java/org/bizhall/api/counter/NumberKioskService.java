package org.bizhall.api.counter;

import java.util.Optional;

import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Number choice on the hall's number kiosk (rules §1.1): the counter shows available numbers of the hall's province,
 * the customer picks one, the counter reserves it as usual. Staff act for their own hall only; no kiosk bound: 503
 * {@link DeviceUnavailableException#CODE} and the customer chooses from the counter's screen.
 */
@ProviderType
public interface NumberKioskService {
    /** Most numbers one offer shows. */
    int MAX_OFFER = 50;

    /**
     * Shows up to {@code limit} (1..{@value #MAX_OFFER}, null: 10) available numbers by prefix and pattern (as the number
     * pool takes them) on the kiosk and returns them.
     */
    KioskOffer offer(Caller caller, String hall, String prefix, String pattern, Integer limit);

    /** The number the customer picked among those shown, if any yet. */
    Optional<KioskChoice> choice(Caller caller, String hall);
}
