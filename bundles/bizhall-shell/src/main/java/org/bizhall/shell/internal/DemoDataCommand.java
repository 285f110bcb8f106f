package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.service.DemoData;

/** {@code hall:demo-data}: loads the demo halls, staff, catalogue and number pool into an empty store. */
@Service
@Command(scope = "hall", name = "demo-data", description = "Loads the demo halls, staff, products and number pool into an empty store")
public class DemoDataCommand extends HallAction {
    @Reference(optional = true)
    DemoData demoData;

    @Override
    protected void run(PrintStream out) {
        Map<String, Long> loaded = require(demoData, "the demo data loader").load();
        out.println("Demo data loaded:");
        ShellTable table = new ShellTable();
        table.column("Kind");
        table.column("Count").alignRight();
        loaded.forEach((kind, count) -> table.addRow().addContent(kind, count));
        table.print(out);
    }
}
