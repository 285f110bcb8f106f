package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.group.VpmnArchive;
import org.bizhall.api.group.VpmnGroupService;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.BusinessClock;

/**
 * {@code hall:vpmn-archives}: the archives of approved VPMN enrolments the big-customer office has not received yet,
 * by due date (the 25th): {@code --due DATE} those due by then, {@code --late} those past due today.
 */
@Service
@Command(scope = "hall", name = "vpmn-archives", description = "Lists the VPMN archives not yet received by the big-customer office (--late: past due)")
public class VpmnArchivesCommand extends HallAction {
    @Option(name = "--province", aliases = "-p", description = "Province code (an admin names one; staff see their own)")
    @org.apache.karaf.shell.api.action.Completion(ProvinceCompleter.class)
    String province;

    @Option(name = "--due", aliases = "-d", description = "Only archives due on or before this business date (YYYY-MM-DD)")
    String due;

    @Option(name = "--late", aliases = "-l", description = "Only archives past their due date today")
    boolean late;

    @Option(name = "--limit", aliases = "-n", description = "How many archives to show (1-500, default 50)")
    Integer limit;

    @Reference(optional = true)
    VpmnGroupService groups;

    @Reference(optional = true)
    BusinessClock clock;

    @Override
    protected void run(PrintStream out) {
        VpmnGroupService service = require(groups, "the VPMN group store");
        LocalDate today = require(clock, "the business clock").today();
        Caller caller = caller();
        caller.requireRole(Role.MANAGER, Role.BACKOFFICE, Role.ADMIN);
        String in = VpmnGroupsCommand.province(caller, province);
        LocalDate dueBy = null;
        if (due != null && !due.isBlank()) {
            try {
                dueBy = LocalDate.parse(due.trim());
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("DATE_INVALID", "the business date must be YYYY-MM-DD", "due");
            }
        }
        Page<VpmnArchive> page = service.outstandingArchives(in, dueBy, late, today, 0, Page.limit(limit));
        ShellTable table = new ShellTable().emptyTableText(late ? "no late VPMN archives" : "no VPMN archives due");
        for (String column : new String[] {"Id", "Group number", "Company", "Hall", "Approved", "Due", "Late", "Order"}) {
            table.column(column);
        }
        for (VpmnArchive a : page.items()) {
            table.addRow().addContent(a.id(), a.groupNumber(), a.companyName(), a.hall(), a.approvedOn(), a.dueOn(),
                    a.lateOn(today) ? "LATE" : "", a.orderId());
        }
        table.print(out);
        out.println(page.items().size() + " of " + page.total() + " VPMN archives not received in " + in
                + " (today " + today + ")");
    }
}
