package org.bizhall.device.simulators.internal;

import java.util.Set;

import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.DeviceTestResult;

/**
 * What every simulated device shares: driver id {@value #ID}, always online unless its configuration says
 * {@code online=false} (to rehearse a device that is down), and a test that answers like a self-test.
 */
abstract class Simulator implements DeviceDriver {
    /** The driver id devices name to be served by a simulator. */
    static final String ID = "simulator";
    static final String DRIVER = DeviceDriver.DRIVER_PROPERTY + "=" + ID;

    private final DeviceKind kind;
    private final Set<String> capabilities;

    Simulator(DeviceKind kind, String... capabilities) {
        this.kind = kind;
        this.capabilities = Set.of(capabilities);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DeviceKind kind() {
        return kind;
    }

    @Override
    public Set<String> capabilities() {
        return capabilities;
    }

    @Override
    public DeviceStatus status(DeviceConfig device) {
        return online(device) ? DeviceStatus.ONLINE : DeviceStatus.OFFLINE;
    }

    @Override
    public DeviceTestResult test(DeviceConfig device) {
        return online(device) ? DeviceTestResult.online("simulated " + kind + " passed its self-test")
                : DeviceTestResult.offline("simulated " + kind + " is switched off (online=false)");
    }

    static boolean online(DeviceConfig device) {
        return !"false".equalsIgnoreCase(device.setting("online", "true"));
    }

    /** Refuses work the way an unplugged device does. */
    static void requireOnline(DeviceConfig device) {
        if (!online(device)) {
            throw new DeviceException(DeviceStatus.OFFLINE, "device " + device.id() + " does not answer");
        }
    }
}
