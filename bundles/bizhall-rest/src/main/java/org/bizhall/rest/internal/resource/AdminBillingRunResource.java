package org.bizhall.rest.internal.resource;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.billing.BillingRun;
import org.bizhall.api.billing.BillingService;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs the monthly billing (admin). The run is idempotent by itself: every charge is claimed once per account, month
 * and item in the database, so repeating the request (with or without an Idempotency-Key) answers 200 with
 * {@code "charged":0}. It is not wrapped in one transaction: the run commits a page of subscribers at a time.
 */
@Component(service = AdminBillingRunResource.class)
@Path("admin/billing-runs")
@Produces(MediaType.APPLICATION_JSON)
public class AdminBillingRunResource {
    private final BillingService billing;

    @Activate
    public AdminBillingRunResource(@Reference BillingService billing) {
        this.billing = billing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public BillingRun run(Views.BillingRunRequest request, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        caller.requireRole(Role.ADMIN);
        Views.BillingRunRequest body = OrderResource.require(request);
        return billing.run(caller, month(body.month()));
    }

    static YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("MONTH_MISSING", "month is required (YYYY-MM)", "month");
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("MONTH_INVALID", "month must be YYYY-MM", "month");
        }
    }
}
