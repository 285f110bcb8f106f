package org.bizhall.api.device;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device model's driver, registered as a service under its kind's interface with the service property
 * {@value #DRIVER_PROPERTY} set to its driver id. One driver serves every configured device that names it; each call
 * carries the device's configuration. Calls may block on I/O but drivers bound their waits with timeouts.
 */
@ConsumerType
public interface DeviceDriver {
    /** The service property holding the driver id configured devices name in their {@code driver} setting. */
    String DRIVER_PROPERTY = "bizhall.device.driver";

    /** The driver id, equal to its {@value #DRIVER_PROPERTY} service property. */
    String id();

    DeviceKind kind();

    /** What this model can do beyond its kind's interface (e.g. {@code GB18030}, {@code CUT}, {@code CHIP}). */
    Set<String> capabilities();

    /** The device's status now, cheaply (no paper moves, no ticket is issued). */
    DeviceStatus status(DeviceConfig device);

    /** Exercises the device the way an engineer would at the counter (a test page, a self-test) and says how it went. */
    DeviceTestResult test(DeviceConfig device);
}
