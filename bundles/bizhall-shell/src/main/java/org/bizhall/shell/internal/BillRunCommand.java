package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.bizhall.api.billing.BillingRun;
import org.bizhall.api.billing.BillingService;
import org.bizhall.api.common.ProblemException;

/** {@code hall:bill-run MONTH}: charges an ended month's rent; a repeat charges nothing. */
@Service
@Command(scope = "hall", name = "bill-run", description = "Charges the rent of an ended month (YYYY-MM); a repeat charges nothing")
public class BillRunCommand extends HallAction {
    @Argument(index = 0, name = "month", required = true, description = "The month to bill, YYYY-MM")
    String month;

    @Reference(optional = true)
    BillingService billing;

    @Override
    protected void run(PrintStream out) {
        YearMonth asked;
        try {
            asked = YearMonth.parse(month == null ? "" : month.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("MONTH_INVALID", "month must be YYYY-MM", "month");
        }
        BillingRun run = require(billing, "billing").run(caller(), asked);
        out.println("Month            " + run.month());
        out.println("Subscribers      " + run.subscribers());
        out.println("Charged          " + run.charged() + " (" + Format.money(run.totalFen()) + ")");
        out.println("Already charged  " + run.alreadyCharged());
    }
}
