package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.device.Device;
import org.bizhall.api.device.DeviceRegistry;

/** {@code hall:devices [HALL]}: the configured devices, the driver each names, whether it is bound and its status. */
@Service
@Command(scope = "hall", name = "devices", description = "Lists hall devices with their drivers and status")
public class DevicesCommand extends HallAction {
    @Argument(index = 0, name = "hall", required = false, description = "Only this hall's devices")
    String hall;

    @Reference(optional = true)
    DeviceRegistry devices;

    @Override
    protected void run(PrintStream out) {
        table(require(devices, "the device registry").devices(hall == null ? null : hall.trim())).print(out);
    }

    static ShellTable table(List<Device> devices) {
        ShellTable table = new ShellTable().emptyTableText("no devices configured");
        table.column("Id");
        table.column("Hall");
        table.column("Kind");
        table.column("Driver");
        table.column("Bound");
        table.column("Status");
        table.column("Detail");
        for (Device d : devices) {
            table.addRow().addContent(d.id(), d.hall(), d.kind(), d.driver(), d.bound() ? "yes" : "unbound", d.status(),
                    Format.text(d.detail()));
        }
        return table;
    }
}
