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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A hall's satisfaction ratings of one business day ({@code date}, default today) per operator. */
@Component(service = HallRatingResource.class)
@Path("halls/{hall}/ratings")
@Produces(MediaType.APPLICATION_JSON)
public class HallRatingResource {
    private final RatingService ratings;

    @Activate
    public HallRatingResource(@Reference RatingService ratings) {
        this.ratings = ratings;
    }

    @GET
    public RatingSummary summary(@PathParam("hall") String hall, @QueryParam("date") String date,
            @Context SecurityContext security) {
        return ratings.summary(Callers.of(security), hall, Requests.blank(date) ? null : SettlementResource.date(date));
    }
}
