package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.bizhall.api.billing.CollectionNotice;
import org.bizhall.api.billing.CollectionRun;
import org.bizhall.api.billing.CollectionService;
import org.bizhall.api.billing.OverdueAccount;

/** {@code hall:arrears}: the numbers in arrears, oldest debt first; {@code --collect} runs arrears collection. */
@Service
@Command(scope = "hall", name = "arrears", description = "Lists overdue accounts; --collect sends notices and suspends after the grace")
public class ArrearsCommand extends HallAction {
    @Option(name = "--collect", description = "Run arrears collection: reminders, and suspension after arrearsGraceDays")
    boolean collect;

    @Reference(optional = true)
    CollectionService collection;

    @Override
    protected void run(PrintStream out) {
        CollectionService service = require(collection, "arrears collection");
        if (collect) {
            CollectionRun run = service.run(caller());
            out.println("Date " + run.date() + ": " + run.overdue() + " overdue, " + run.reminders() + " reminders, "
                    + run.suspended() + " suspended, " + run.terminated() + " terminated");
            for (CollectionNotice n : run.notices()) {
                out.println("  " + n.msisdn() + " " + n.kind() + ": " + n.text());
            }
            return;
        }
        List<OverdueAccount> overdue = service.overdue(caller());
        out.println(String.format("%-12s %-5s %-18s %12s %-8s %5s %s", "Number", "Prov", "Status", "Arrears", "Since",
                "Days", "Grace"));
        for (OverdueAccount o : overdue) {
            out.println(String.format("%-12s %-5s %-18s %12s %-8s %5d %s", o.msisdn(), o.province(), o.status(),
                    Format.money(o.arrearsFen()), o.oldestMonth(), o.daysOverdue(), o.beyondGrace() ? "OVER" : "within"));
        }
        out.println(overdue.size() + " numbers in arrears");
    }
}
