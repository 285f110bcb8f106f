package org.bizhall.api.device;

/** A configured device together with the driver bound to it now; pass {@link #config()} to every driver call. */
public record BoundDevice<T extends DeviceDriver>(DeviceConfig config, T driver) {
}
