package org.bizhall.api.device;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/** The queue-ticket machine and its calling display. */
@ConsumerType
public interface QueueMachine extends DeviceDriver {
    /** Issues the next ticket of {@code queue} (e.g. {@code GENERAL}, {@code VIP}). */
    QueueTicket issue(DeviceConfig device, String queue);

    /** Calls the next waiting ticket of {@code queue} to {@code counter}; empty when nobody waits. */
    Optional<QueueTicket> callNext(DeviceConfig device, String queue, String counter);
}
