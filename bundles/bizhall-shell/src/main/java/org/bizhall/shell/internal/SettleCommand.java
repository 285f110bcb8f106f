package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.bizhall.api.billing.OperatorTotals;
import org.bizhall.api.billing.SettledReceipt;
import org.bizhall.api.billing.Settlement;
import org.bizhall.api.billing.SettlementService;
import org.bizhall.api.common.ProblemException;

/** {@code hall:settle HALL DATE}: a hall's daily settlement; with {@code --close --counted-cash FEN} closes the day. */
@Service
@Command(scope = "hall", name = "settle", description = "Shows a hall's daily settlement per operator and method; --close closes the day")
public class SettleCommand extends HallAction {
    @Argument(index = 0, name = "hall", required = true, description = "The hall id, e.g. SN-XA-001")
    String hall;

    @Argument(index = 1, name = "date", required = true, description = "The business date, YYYY-MM-DD")
    String date;

    @Option(name = "--close", description = "Close the day (a closed day takes no more payments)")
    boolean close;

    @Option(name = "--counted-cash", description = "The cash counted in the drawer, in fen (required with --close)")
    Long countedCashFen;

    @Reference(optional = true)
    SettlementService settlements;

    @Override
    protected void run(PrintStream out) {
        LocalDate day;
        try {
            day = LocalDate.parse(date == null ? "" : date.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("DATE_INVALID", "the business date must be YYYY-MM-DD", "date");
        }
        SettlementService service = require(settlements, "settlement");
        Settlement s = close ? service.close(caller(), hall, day, countedCashFen) : service.get(caller(), hall, day);
        out.println("Hall " + s.hall() + "   date " + s.date() + "   " + (s.closed() ? "CLOSED by " + s.closedBy()
                + " at " + Format.time(s.closedAt()) : "open"));
        for (OperatorTotals o : s.operators()) {
            StringBuilder line = new StringBuilder(String.format("  %-12s %12s  ", o.operator(), Format.money(o.totalFen())));
            o.byMethod().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(m -> line.append(m.getKey()).append(' ').append(Format.money(m.getValue())).append("  "));
            out.println(line.toString().stripTrailing());
        }
        out.println("Total            " + Format.money(s.totalFen()) + " in " + s.receipts().size() + " receipts");
        out.println("Cash (system)    " + Format.money(s.cashFen()));
        if (s.closed()) {
            out.println("Cash (counted)   " + Format.money(s.countedCashFen()));
            out.println("Difference       " + Format.money(s.differenceFen()));
        }
        for (SettledReceipt r : s.receipts()) {
            out.println(String.format("  %-26s %-10s %-10s %12s", r.number(), Format.text(r.operator()), r.method(),
                    Format.money(r.totalFen())));
        }
    }
}
