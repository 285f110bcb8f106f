package org.bizhall.api.counter;

import java.util.Optional;

import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Queue tickets on the hall's queue machine (rules §14: queue ticket, VIP reception). Staff act for their own hall only
 * (403 {@code OTHER_HALL}); an admin for any. No machine bound, or one that fails: 503
 * {@link DeviceUnavailableException#CODE} and the counter calls by voice.
 */
@ProviderType
public interface QueueService {
    /** The queue of walk-in customers. */
    String GENERAL = "GENERAL";
    /** The queue of big customers. */
    String VIP = "VIP";
    /** The subscriber category (rules §14 "big customer") whose holder is received in the {@link #VIP} queue. */
    String VIP_CATEGORY = "VIP";

    /**
     * Issues a ticket of {@code queue} (null: {@link #GENERAL}); when {@code msisdn} names a subscriber of the hall's
     * province with the {@link #VIP_CATEGORY} category, the ticket is of the {@link #VIP} queue whatever was asked.
     */
    HallTicket issue(Caller caller, String hall, String queue, String msisdn);

    /** Calls the next waiting ticket of {@code queue} to {@code counter}; empty when nobody waits. */
    Optional<HallTicket> callNext(Caller caller, String hall, String queue, String counter);
}
