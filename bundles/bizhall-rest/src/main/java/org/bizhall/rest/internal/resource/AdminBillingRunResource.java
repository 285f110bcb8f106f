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
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Runs the monthly billing (admin). The run is idempotent by itself: every charge is claimed once per account, month
 * and item in the database, so repeating the request (with or without an Idempotency-Key) answers 200 with
 * {@code "charged":0}. It is not wrapped in one transaction: the run commits a page of subscribers at a time.
 */
@Component(service = AdminBillingRunResource.class)
@Path("admin/billing-runs")
@Produces(MediaType.APPLICATION_JSON)
public class AdminBillingRunResource {
    /**
     * Dynamic and optional: the billing bundle may be stopped or replaced at runtime, and the whole API (one
     * application) must not go with it; meanwhile this resource answers 503 {@code SERVICE_UNAVAILABLE}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BillingService billing;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public BillingRun run(Views.BillingRunRequest request, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        caller.requireRole(Role.ADMIN);
        Views.BillingRunRequest body = OrderResource.require(request);
        return Running.required(billing, "billing").run(caller, month(body.month()));
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
