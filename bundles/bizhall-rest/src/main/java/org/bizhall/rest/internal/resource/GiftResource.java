package org.bizhall.rest.internal.resource;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.loyalty.LoyaltyService;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The gift catalogue of points redemption with what each costs and the stock left; any authenticated user. */
@Component(service = GiftResource.class)
@Path("gifts")
@Produces(MediaType.APPLICATION_JSON)
public class GiftResource {
    private final LoyaltyService loyalty;

    @Activate
    public GiftResource(@Reference LoyaltyService loyalty) {
        this.loyalty = loyalty;
    }

    @GET
    public Response list(@QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Callers.of(security);
        return Requests.page(loyalty.gifts(Requests.offset(offset), Requests.limit(limit)).map(Views.GiftView::of));
    }
}
