package org.bizhall.rest.internal.resource;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.bizhall.api.billing.Settlement;
import org.bizhall.api.billing.SettlementService;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.IdempotencyStore;
import org.bizhall.rest.internal.auth.Callers;
import org.bizhall.rest.internal.idempotency.Idempotency;
import org.bizhall.rest.internal.idempotency.Outcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** A hall's daily settlement: read it (the hall's staff, backoffice of the province, admin), close it (manager). */
@Component(service = SettlementResource.class)
@Path("halls/{hall}/settlements/{date}")
@Produces(MediaType.APPLICATION_JSON)
public class SettlementResource {
    /**
     * Dynamic and optional: the billing bundle may be stopped or replaced at runtime, and the whole API (one
     * application) must not go with it; meanwhile this resource answers 503 {@code SERVICE_UNAVAILABLE}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SettlementService settlements;
    private final Idempotency idempotency;

    @Activate
    public SettlementResource(@Reference Transactions transactions, @Reference IdempotencyStore keys) {
        this.idempotency = new Idempotency(transactions, keys);
    }

    private SettlementService settlements() {
        return Running.required(settlements, "billing");
    }

    @GET
    public Settlement get(@PathParam("hall") String hall, @PathParam("date") String date,
            @Context SecurityContext security) {
        return settlements().get(Callers.of(security), hall, date(date));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response close(@PathParam("hall") String hall, @PathParam("date") String date,
            Views.SettlementClose request, @HeaderParam(Idempotency.HEADER) String key,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        Views.SettlementClose body = OrderResource.require(request);
        LocalDate day = date(date);
        return idempotency.run(caller.user(), Requests.path(uri), key, body,
                () -> Outcome.ok(settlements().close(caller, hall, day, body.countedCashFen())));
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("DATE_INVALID", "the business date must be YYYY-MM-DD", "date");
        }
    }
}
