package org.bizhall.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.bizhall.api.device.Device;
import org.bizhall.api.device.DeviceRegistry;

/** Completes the configured device ids. */
@Service
public class DeviceIdCompleter implements Completer {
    @Reference(optional = true)
    DeviceRegistry devices;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> ids = devices == null ? List.of() : devices.devices(null).stream().map(Device::id).toList();
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}
