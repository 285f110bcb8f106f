package org.bizhall.rest.internal.resource;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.Rating;
import org.bizhall.api.counter.RatingService;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The customer's satisfaction rating of a completed order: from the hall's rating pad ({@code {}}) or entered by hand
 * ({@code {"score":4}}); once per order.
 */
@Component(service = OrderRatingResource.class)
@Path("orders/{id}/rating")
@Produces(MediaType.APPLICATION_JSON)
public class OrderRatingResource {
    /**
     * Dynamic and optional: the hall devices may be stopped or replaced at runtime, and the whole API (one application)
     * must not go with it; meanwhile this resource answers 503 {@code SERVICE_UNAVAILABLE}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RatingService ratings;

    /** For the component runtime, which sets the reference. */
    public OrderRatingResource() {
    }

    /** With the service given, as tests build it. */
    public OrderRatingResource(RatingService ratings) {
        this.ratings = ratings;
    }

    private RatingService ratings() {
        return Running.required(ratings, "the hall devices");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rate(@PathParam("id") String id, Views.RatingRequest request, @Context SecurityContext security,
            @Context UriInfo uri) {
        Views.RatingRequest body = OrderResource.require(request);
        Rating rating = ratings().rate(Callers.of(security), id, body.score());
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, Requests.location(uri, "orders", rating.orderId(), "rating"))
                .entity(rating).build();
    }

    @GET
    public Rating get(@PathParam("id") String id, @Context SecurityContext security) {
        return ratings().find(Callers.of(security), id)
                .orElseThrow(() -> ProblemException.notFound("RATING_NOT_FOUND", "the order has not been rated"));
    }
}
