package org.bizhall.api.device;

import java.util.Map;

/**
 * One configured device as a driver receives it: its id, hall, kind, the driver it asks for, the address the driver
 * reaches it at (a {@code host:port}, a serial port, or nothing for a simulator) and any further driver settings.
 */
public record DeviceConfig(String id, String hall, DeviceKind kind, String driver, String address,
        Map<String, String> settings) {
    public DeviceConfig {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** A driver setting, or {@code fallback} when it is not configured. */
    public String setting(String name, String fallback) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
