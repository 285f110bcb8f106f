package org.bizhall.api.device;

/**
 * A configured device as the registry sees it now. {@code driver} is the driver id the configuration asks for;
 * {@code bound} says whether a driver with that id and the device's kind is installed. An unbound device is
 * {@link DeviceStatus#OFFLINE} and its {@code detail} says which driver is missing.
 */
public record Device(String id, String hall, DeviceKind kind, String driver, boolean bound, DeviceStatus status,
        String detail) {
}
