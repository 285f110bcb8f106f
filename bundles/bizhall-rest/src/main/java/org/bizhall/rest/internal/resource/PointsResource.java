package org.bizhall.rest.internal.resource;

import javax.ws.rs.Consumes;
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
import org.bizhall.api.hall.Role;
import org.bizhall.api.loyalty.LoyaltyService;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.IdempotencyStore;
import org.bizhall.rest.internal.auth.Callers;
import org.bizhall.rest.internal.idempotency.Idempotency;
import org.bizhall.rest.internal.idempotency.Outcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Loyalty points of a number of the caller's province: the balance, its movements, and the back office's adjustments
 * (rulebook §8: with a reason, never below zero).
 */
@Component(service = PointsResource.class)
@Path("points")
@Produces(MediaType.APPLICATION_JSON)
public class PointsResource {
    private final LoyaltyService loyalty;
    private final SubscriberService subscribers;
    private final Idempotency idempotency;

    @Activate
    public PointsResource(@Reference LoyaltyService loyalty, @Reference SubscriberService subscribers,
            @Reference Transactions transactions, @Reference IdempotencyStore keys) {
        this.loyalty = loyalty;
        this.subscribers = subscribers;
        this.idempotency = new Idempotency(transactions, keys);
    }

    @GET
    @Path("{msisdn}")
    public Views.PointsView balance(@PathParam("msisdn") String msisdn, @Context SecurityContext security) {
        Subscriber subscriber = visible(Callers.of(security), msisdn);
        return new Views.PointsView(subscriber.msisdn(), loyalty.balance(subscriber.msisdn()));
    }

    @GET
    @Path("{msisdn}/movements")
    public Response movements(@PathParam("msisdn") String msisdn, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        Subscriber subscriber = visible(Callers.of(security), msisdn);
        return Requests.page(loyalty.movements(subscriber.msisdn(), Requests.offset(offset), Requests.limit(limit)));
    }

    @POST
    @Path("{msisdn}/adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response adjust(@PathParam("msisdn") String msisdn, Views.PointsAdjustment request,
            @HeaderParam(Idempotency.HEADER) String key, @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        caller.requireRole(Role.BACKOFFICE);
        Views.PointsAdjustment body = OrderResource.require(request);
        if (body.points() == null) {
            throw ProblemException.badRequest("POINTS_INVALID", "points (±n, not 0) is required", "points");
        }
        return idempotency.run(caller.user(), Requests.path(uri), key, body, () -> {
            Subscriber subscriber = visible(caller, msisdn);
            return Outcome.created(Requests.location(uri, "points", subscriber.msisdn(), "movements"),
                    loyalty.adjust(subscriber.msisdn(), body.points(), body.reason(), caller.user()));
        });
    }

    private Subscriber visible(Caller caller, String msisdn) {
        Subscriber subscriber = subscribers.find(Msisdn.parse(msisdn, "msisdn"))
                .orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number"));
        caller.requireProvince(subscriber.province());
        return subscriber;
    }
}
