package org.bizhall.devices.internal;

import org.bizhall.api.device.DeviceKind;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One hall device: a factory configuration {@code org.bizhall.device} per device. */
@ObjectClassDefinition(id = ConfiguredDevice.FACTORY_PID, name = "bizhall hall device",
        description = "One device of a hall. Further properties are handed to the driver as its settings.")
@interface DeviceConfiguration {
    @AttributeDefinition(name = "Id", required = false,
            description = "Unique device id; defaults to the configuration's name (etc/org.bizhall.device-<name>.cfg)")
    String id();

    @AttributeDefinition(name = "Hall", description = "The hall id the device stands in, e.g. SN-XA-001")
    String hall();

    @AttributeDefinition(name = "Kind", description = "What the device is")
    DeviceKind kind();

    @AttributeDefinition(name = "Driver", description = "The driver id (service property bizhall.device.driver) of its model")
    String driver();

    @AttributeDefinition(name = "Address", required = false,
            description = "Where the driver reaches it: host:port for network devices; empty for simulators")
    String address();
}
