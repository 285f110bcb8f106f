package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.care.Ticket;
import org.bizhall.api.care.TicketQuery;
import org.bizhall.api.care.TicketService;
import org.bizhall.api.care.TicketState;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;

/**
 * {@code hall:tickets [--overdue] [--state S] [--province P]}: complaint tickets, soonest due first; with
 * {@code --overdue} only those past their due time (rulebook §12). Staff see their own province.
 */
@Service
@Command(scope = "hall", name = "tickets", description = "Lists complaint tickets, the late ones with --overdue")
public class TicketsCommand extends HallAction {
    @Option(name = "--overdue", aliases = "-o", description = "Only tickets past their due time")
    boolean overdue;

    @Option(name = "--state", aliases = "-s", description = "Only tickets in this state")
    String state;

    @Option(name = "--province", aliases = "-p", description = "The province (admins; staff see their own)")
    @Completion(ProvinceCompleter.class)
    String province;

    @Option(name = "--limit", aliases = "-n", description = "How many tickets to show (1-500, default 50)")
    Integer limit;

    @Reference(optional = true)
    TicketService tickets;

    @Override
    protected void run(PrintStream out) {
        TicketQuery query = new TicketQuery(province == null ? null : province.trim().toUpperCase(Locale.ROOT),
                state(), overdue, 0, Page.limit(limit));
        Page<Ticket> page = require(tickets, "complaint tickets").list(caller(), query);
        table(page).print(out);
        out.println(page.items().size() + " of " + page.total() + (overdue ? " overdue" : "") + " tickets");
    }

    private TicketState state() {
        if (state == null) {
            return null;
        }
        try {
            return TicketState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("STATE_INVALID",
                    "state must be one of " + Arrays.toString(TicketState.values()), "state");
        }
    }

    static ShellTable table(Page<Ticket> page) {
        ShellTable table = new ShellTable().emptyTableText("no tickets");
        table.column("Id");
        table.column("Province");
        table.column("Channel");
        table.column("Msisdn");
        table.column("Category");
        table.column("State");
        table.column("Department");
        table.column("Due");
        table.column("Late");
        for (Ticket t : page.items()) {
            table.addRow().addContent(t.id(), t.province(), t.channel(), t.msisdn(), t.category(), t.state(),
                    Format.text(t.department()), t.dueAt() == null ? "" : Format.time(t.dueAt()),
                    t.overdue() ? "OVERDUE" : "");
        }
        return table;
    }
}
