package org.bizhall.api.device;

/** The outcome of testing a device: its status and what the driver observed, free of personal data. */
public record DeviceTestResult(DeviceStatus status, String detail) {
    public static DeviceTestResult online(String detail) {
        return new DeviceTestResult(DeviceStatus.ONLINE, detail);
    }

    public static DeviceTestResult offline(String detail) {
        return new DeviceTestResult(DeviceStatus.OFFLINE, detail);
    }

    public static DeviceTestResult error(String detail) {
        return new DeviceTestResult(DeviceStatus.ERROR, detail);
    }
}
