package org.bizhall.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.device.Device;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.device.DeviceTestResult;

/** {@code hall:device-test ID}: runs the device's self-test through its driver and prints the outcome. */
@Service
@Command(scope = "hall", name = "device-test", description = "Tests a hall device through its driver")
public class DeviceTestCommand extends HallAction {
    @Argument(index = 0, name = "id", required = true, description = "The device id (see hall:devices)")
    @Completion(DeviceIdCompleter.class)
    String id;

    @Reference(optional = true)
    DeviceRegistry devices;

    @Override
    protected void run(PrintStream out) {
        DeviceRegistry registry = require(devices, "the device registry");
        Device device = registry.find(id)
                .orElseThrow(() -> ProblemException.notFound("DEVICE_NOT_FOUND", "there is no device " + id));
        out.println(line(device, registry.test(device.id())));
    }

    static String line(Device device, DeviceTestResult result) {
        return device.id() + " (" + device.kind() + ", driver " + device.driver() + "): " + result.status()
                + (result.detail() == null ? "" : " - " + result.detail());
    }
}
