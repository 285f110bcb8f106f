package org.bizhall.rest.internal.resource;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.IdempotencyStore;
import org.bizhall.rest.internal.auth.Callers;
import org.bizhall.rest.internal.idempotency.Idempotency;
import org.bizhall.rest.internal.idempotency.Outcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The number pool: available numbers of the caller's province and reservations of one of them. */
@Component(service = NumberResource.class)
@Path("numbers")
@Produces(MediaType.APPLICATION_JSON)
public class NumberResource {
    private final NumberPool pool;
    private final Idempotency idempotency;

    @Activate
    public NumberResource(@Reference NumberPool pool, @Reference Transactions transactions,
            @Reference IdempotencyStore keys) {
        this.pool = pool;
        this.idempotency = new Idempotency(transactions, keys);
    }

    @GET
    public Response available(@QueryParam("province") String province, @QueryParam("prefix") String prefix,
            @QueryParam("pattern") String pattern, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        String asked = Requests.province(caller, province, true);
        String digits = Requests.text(prefix);
        if (digits != null && !digits.matches("[0-9]{1,11}")) {
            throw ProblemException.badRequest("PREFIX_INVALID", "prefix is 1 to 11 digits", "prefix");
        }
        String shape = Requests.text(pattern);
        if (shape != null && !shape.matches("[0-9*]{1,11}")) {
            throw ProblemException.badRequest("PATTERN_INVALID", "pattern is digits and * (any run of digits)", "pattern");
        }
        return Requests.page(pool.available(asked, digits, shape, Requests.offset(offset), Requests.limit(limit))
                .map(Views.NumberView::of));
    }

    /** Reserves a number for the caller; the pool refuses another province's number (403) or a taken one (409). */
    @POST
    @Path("{msisdn}/reservations")
    public Response reserve(@PathParam("msisdn") String msisdn, @HeaderParam(Idempotency.HEADER) String key,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        Msisdn number = Msisdn.parse(msisdn, "msisdn");
        return idempotency.run(caller.user(), Requests.path(uri), key, null, () -> {
            String province = caller.isAdmin()
                    ? pool.find(number).map(PoolNumber::province)
                            .orElseThrow(() -> ProblemException.notFound("NUMBER_NOT_FOUND", "the number is not in the pool"))
                    : caller.province();
            return Outcome.created(null, Views.NumberReservation.of(pool.reserve(number, province, caller.user())));
        });
    }
}
