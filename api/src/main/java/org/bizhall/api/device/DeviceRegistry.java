package org.bizhall.api.device;

import java.util.List;
import java.util.Optional;

/**
 * The hall devices configured on this node and the drivers bound to them, resolved on every call: installing a driver
 * bundle binds the devices that name it at once, removing it leaves them unbound (and the hall falls back to manual
 * entry).
 */
public interface DeviceRegistry {
    /** The devices of {@code hall}, or of every hall when it is null, ordered by hall and id, each with its status. */
    List<Device> devices(String hall);

    Optional<Device> find(String id);

    /** Tests the device; an unbound device answers {@link DeviceStatus#OFFLINE} without a driver being called. */
    DeviceTestResult test(String id);

    /** The first device of {@code kind} in {@code hall} (by id) that has a driver bound, with that driver. */
    <T extends DeviceDriver> Optional<BoundDevice<T>> bound(String hall, DeviceKind kind, Class<T> type);
}
