package org.bizhall.api.device;

/** What a device answers now: working, not reachable (or no driver bound), or reachable but failing. */
public enum DeviceStatus {
    ONLINE,
    OFFLINE,
    ERROR
}
