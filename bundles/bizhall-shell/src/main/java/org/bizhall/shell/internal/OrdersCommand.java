package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.OrderState;

/** {@code hall:orders}: the newest orders of every province, optionally by state and procedure. */
@Service
@Command(scope = "hall", name = "orders", description = "Lists orders, newest first")
public class OrdersCommand extends HallAction {
    @Option(name = "--state", aliases = "-s", description = "Only orders in this state")
    @Completion(OrderStateCompleter.class)
    String state;

    @Option(name = "--procedure", description = "Only orders of this procedure id")
    @Completion(ProcedureIdCompleter.class)
    String procedure;

    @Option(name = "--limit", aliases = "-n", description = "How many orders to show (1-500, default 50)")
    Integer limit;

    @Reference(optional = true)
    OrderService orders;

    @Override
    protected void run(PrintStream out) {
        OrderQuery query = new OrderQuery(state(), procedure, null, null, null, 0, Page.limit(limit));
        Page<Order> page = require(orders, "the order engine").list(caller(), query);
        table(page).print(out);
        out.println(page.items().size() + " of " + page.total() + " orders");
    }

    private OrderState state() {
        if (state == null) {
            return null;
        }
        try {
            return OrderState.valueOf(state.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("STATE_INVALID",
                    "state must be one of " + Arrays.toString(OrderState.values()), "state");
        }
    }

    static ShellTable table(Page<Order> page) {
        ShellTable table = new ShellTable().emptyTableText("no orders");
        table.column("Id");
        table.column("Procedure");
        table.column("Province");
        table.column("Hall");
        table.column("State");
        table.column("Priority");
        table.column("Awaiting");
        table.column("Total (yuan)").alignRight();
        table.column("Created");
        table.column("Due");
        for (Order o : page.items()) {
            table.addRow().addContent(o.id(), o.procedure(), o.province(), Format.text(o.hall()), o.state(),
                    o.priority(), Format.text(o.awaiting()), o.quote() == null ? "" : Format.yuan(o.quote().totalFen()),
                    Format.time(o.createdAt()), due(o));
        }
        return table;
    }

    /**
     * When a waiting order is due: the date a {@code SCHEDULED} order waits for (a package change's month turn), or the
     * deadline of an awaited confirmation; as the engine recorded it in the order's result. Empty otherwise.
     */
    static String due(Order order) {
        Object due = switch (order.state()) {
            case SCHEDULED -> order.result() == null ? null : order.result().get("dueAt");
            case PENDING_CONFIRMATION -> order.result() == null ? null : order.result().get("confirmBy");
            default -> null;
        };
        if (due == null) {
            return "";
        }
        try {
            return Format.time(OffsetDateTime.parse(due.toString()));
        } catch (DateTimeParseException e) {
            return due.toString();
        }
    }
}
