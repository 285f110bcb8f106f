package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.OperatorRating;
import org.bizhall.api.counter.RatingService;
import org.bizhall.api.counter.RatingSummary;

/** {@code hall:ratings HALL [DATE]}: a hall's satisfaction ratings of one business day per operator. */
@Service
@Command(scope = "hall", name = "ratings", description = "Shows a hall's satisfaction ratings of a business day per operator")
public class RatingsCommand extends HallAction {
    @Argument(index = 0, name = "hall", required = true, description = "The hall id, e.g. SN-XA-001")
    String hall;

    @Argument(index = 1, name = "date", required = false, description = "The business date, YYYY-MM-DD (default today)")
    String date;

    @Reference(optional = true)
    RatingService ratings;

    @Override
    protected void run(PrintStream out) {
        LocalDate day = null;
        if (date != null && !date.isBlank()) {
            try {
                day = LocalDate.parse(date.trim());
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("DATE_INVALID", "the business date must be YYYY-MM-DD", "date");
            }
        }
        print(require(ratings, "ratings").summary(caller(), hall, day), out);
    }

    static void print(RatingSummary s, PrintStream out) {
        out.println("Hall " + s.hall() + "   date " + s.date() + "   " + s.count() + " ratings, average "
                + String.format("%.2f", s.average()));
        for (OperatorRating o : s.operators()) {
            out.println(String.format("  %-12s %4d  %.2f", o.operator(), o.count(), o.average()));
        }
    }
}
