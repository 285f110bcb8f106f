package org.bizhall.api.device;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The hall devices configured on this node and the drivers bound to them, resolved on every call: installing a driver
 * bundle binds the devices that name it at once, removing it leaves them unbound (and the hall falls back to manual
 * entry).
 */
@ProviderType
public interface DeviceRegistry {
    /**
     * The devices of {@code hall}, or of every hall when it is null, ordered by hall and id, each with its status.
     * Bindings are current; a status may be a few seconds old, and the call returns within a bound however many
     * devices are unreachable: a device whose driver has not answered in time shows its last known status, or
     * {@link DeviceStatus#OFFLINE}, with a {@code detail} saying so.
     */
    List<Device> devices(String hall);

    /** The device as {@link #devices} would list it. */
    Optional<Device> find(String id);

    /**
     * Tests the device live, waiting for the driver; an unbound device answers {@link DeviceStatus#OFFLINE} without a
     * driver being called.
     */
    DeviceTestResult test(String id);

    /** The first device of {@code kind} in {@code hall} (by id) that has a driver bound, with that driver. */
    <T extends DeviceDriver> Optional<BoundDevice<T>> bound(String hall, DeviceKind kind, Class<T> type);
}
