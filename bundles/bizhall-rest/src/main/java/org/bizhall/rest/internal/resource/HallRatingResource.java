package org.bizhall.rest.internal.resource;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.counter.RatingService;
import org.bizhall.api.counter.RatingSummary;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** A hall's satisfaction ratings of one business day ({@code date}, default today) per operator. */
@Component(service = HallRatingResource.class)
@Path("halls/{hall}/ratings")
@Produces(MediaType.APPLICATION_JSON)
public class HallRatingResource {
    /**
     * Dynamic and optional: the hall devices may be stopped or replaced at runtime, and the whole API (one application)
     * must not go with it; meanwhile this resource answers 503 {@code SERVICE_UNAVAILABLE}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RatingService ratings;

    /** For the component runtime, which sets the reference. */
    public HallRatingResource() {
    }

    /** With the service given, as tests build it. */
    public HallRatingResource(RatingService ratings) {
        this.ratings = ratings;
    }

    private RatingService ratings() {
        return Running.required(ratings, "the hall devices");
    }

    @GET
    public RatingSummary summary(@PathParam("hall") String hall, @QueryParam("date") String date,
            @Context SecurityContext security) {
        return ratings().summary(Callers.of(security), hall, Requests.blank(date) ? null : SettlementResource.date(date));
    }
}
