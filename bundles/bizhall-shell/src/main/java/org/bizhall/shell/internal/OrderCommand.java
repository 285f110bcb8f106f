package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.Party;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.order.StateChange;

/** {@code hall:order}: one order with its quote, history and payments; personal data masked. */
@Service
@Command(scope = "hall", name = "order", description = "Shows one order with its quote, history and payments")
public class OrderCommand extends HallAction {
    @Argument(index = 0, name = "id", required = true, description = "The order id")
    String id;

    @Reference(optional = true)
    OrderService orders;

    @Override
    protected void run(PrintStream out) {
        OrderService engine = require(orders, "the order engine");
        Order order = engine.get(caller(), id).masked();
        List<Payment> payments = engine.payments(caller(), id);
        print(order, payments, out);
    }

    /** Prints an order; callers pass the {@link Order#masked() masked} order. */
    static void print(Order order, List<Payment> payments, PrintStream out) {
        out.println("Order      " + order.id());
        out.println("Procedure  " + order.procedure() + " (provider " + Format.text(order.provider()) + ")");
        out.println("Province   " + order.province() + "   hall " + Format.text(order.hall()) + "   operator "
                + Format.text(order.operator()));
        out.println("Number     " + Format.text(order.msisdn()));
        out.println("Customer   " + customer(order.customer()));
        for (Party p : order.parties()) {
            out.println("Party      " + p.role() + " " + Format.text(p.name()) + " " + Format.text(p.idType()) + " "
                    + Format.text(p.idNumber()));
        }
        out.println("Documents  " + Format.list(order.documents().stream().map(OrderCommand::document).toList()));
        out.println("State      " + order.state() + (order.awaiting() == null ? "" : " (awaiting " + order.awaiting() + ")"));
        out.println("Priority   " + order.priority());
        if (order.problem() != null) {
            out.println("Problem    " + order.problem().code() + ": " + order.problem().detail());
        }
        if (order.result() != null && !order.result().isEmpty()) {
            out.println("Result     " + order.result());
        }
        out.println("Created    " + Format.time(order.createdAt()) + "   updated " + Format.time(order.updatedAt()));

        out.println();
        out.println("Quote");
        ShellTable quote = new ShellTable().emptyTableText("nothing to pay");
        quote.column("Item");
        quote.column("Description");
        quote.column("Yuan").alignRight();
        quote.column("Fen").alignRight();
        if (order.quote() != null) {
            for (QuoteItem item : order.quote().items()) {
                quote.addRow().addContent(item.code(), Format.text(item.description()), Format.yuan(item.amountFen()),
                        item.amountFen());
            }
        }
        quote.print(out);
        if (order.quote() != null) {
            out.println("Total " + Format.money(order.quote().totalFen()));
        }

        out.println();
        out.println("History");
        ShellTable history = new ShellTable().emptyTableText("no history");
        history.column("State");
        history.column("At");
        history.column("Actor");
        history.column("Provider");
        history.column("Note");
        for (StateChange change : order.history()) {
            history.addRow().addContent(change.state(), Format.time(change.at()), Format.text(change.actor()),
                    Format.text(change.provider()), Format.text(change.note()));
        }
        history.print(out);

        out.println();
        out.println("Payments");
        ShellTable paid = new ShellTable().emptyTableText("no payments");
        paid.column("Id");
        paid.column("Method");
        paid.column("Due (yuan)").alignRight();
        paid.column("Tendered").alignRight();
        paid.column("Change").alignRight();
        paid.column("Surplus").alignRight();
        paid.column("Receipt");
        paid.column("Operator");
        paid.column("At");
        for (Payment p : payments) {
            paid.addRow().addContent(p.id(), p.method(), Format.yuan(p.dueFen()), Format.yuan(p.tenderedFen()),
                    Format.yuan(p.changeFen()), Format.yuan(p.surplusFen()),
                    p.receipt() == null ? "" : p.receipt().number(), Format.text(p.operator()), Format.time(p.at()));
        }
        paid.print(out);
    }

    private static String customer(Customer customer) {
        if (customer == null) {
            return "-";
        }
        return customer.type() + " " + Format.text(customer.name()) + " " + Format.text(customer.idType()) + " "
                + Format.text(customer.idNumber());
    }

    private static String document(Document d) {
        return d.kind() + (d.number() == null ? "" : " " + d.number()) + (d.isSealed() ? " (sealed)" : "");
    }
}
