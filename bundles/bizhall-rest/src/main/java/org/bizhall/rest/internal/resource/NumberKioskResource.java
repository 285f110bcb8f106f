package org.bizhall.rest.internal.resource;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.counter.NumberKioskService;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * A hall's number kiosk: the counter shows available numbers on it and reads the customer's pick, which it then
 * reserves with {@code POST /numbers/{msisdn}/reservations}. Showing reserves nothing.
 */
@Component(service = NumberKioskResource.class)
@Path("halls/{hall}/number-kiosk")
@Produces(MediaType.APPLICATION_JSON)
public class NumberKioskResource {
    /**
     * Dynamic and optional: the hall devices may be stopped or replaced at runtime, and the whole API (one application)
     * must not go with it; meanwhile this resource answers 503 {@code SERVICE_UNAVAILABLE}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NumberKioskService kiosk;

    /** For the component runtime, which sets the reference. */
    public NumberKioskResource() {
    }

    /** With the service given, as tests build it. */
    public NumberKioskResource(NumberKioskService kiosk) {
        this.kiosk = kiosk;
    }

    private NumberKioskService kiosk() {
        return Running.required(kiosk, "the hall devices");
    }

    /** Shows numbers on the kiosk: 200 with the numbers shown. */
    @POST
    @Path("offers")
    @Consumes(MediaType.APPLICATION_JSON)
    public Views.KioskOfferView offer(@PathParam("hall") String hall, Views.KioskOfferRequest request,
            @Context SecurityContext security) {
        Views.KioskOfferRequest body = OrderResource.require(request);
        return Views.KioskOfferView.of(kiosk().offer(Callers.of(security), hall, body.prefix(), body.pattern(),
                body.limit()));
    }

    /** The customer's pick: 200 with the number, 204 while none is picked. */
    @GET
    @Path("choice")
    public Response choice(@PathParam("hall") String hall, @Context SecurityContext security) {
        return kiosk().choice(Callers.of(security), hall).map(c -> Response.ok(c).build())
                .orElseGet(() -> Response.noContent().build());
    }
}
