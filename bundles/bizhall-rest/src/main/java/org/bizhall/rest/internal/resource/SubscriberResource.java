package org.bizhall.rest.internal.resource;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.billing.ArrearsService;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.TextLimits;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Subscribers of the caller's province, the holder masked; a holder check answers only whether a name matches. */
@Component(service = SubscriberResource.class)
@Path("subscribers")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriberResource {
    private final SubscriberService subscribers;

    /** Arrears come from the billing bundle; without it the endpoint answers 503 and the rest still works. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ArrearsService arrears;

    @Activate
    public SubscriberResource(@Reference SubscriberService subscribers) {
        this.subscribers = subscribers;
    }

    @GET
    @Path("{msisdn}")
    public Views.SubscriberView get(@PathParam("msisdn") String msisdn, @Context SecurityContext security) {
        return Views.SubscriberView.of(visible(Callers.of(security), msisdn));
    }

    @POST
    @Path("{msisdn}/holder-check")
    @Consumes(MediaType.APPLICATION_JSON)
    public Views.HolderMatch holderCheck(@PathParam("msisdn") String msisdn, Views.HolderCheck request,
            @Context SecurityContext security) {
        Subscriber subscriber = visible(Callers.of(security), msisdn);
        Views.HolderCheck check = OrderResource.require(request);
        if (check.name() == null || check.name().isBlank()) {
            throw ProblemException.badRequest("NAME_MISSING", "name is required", "name");
        }
        TextLimits.bounded(check.name(), TextLimits.NAME, "name");
        return new Views.HolderMatch(subscribers.holderMatches(new Msisdn(subscriber.msisdn()), check.name().trim()));
    }

    @GET
    @Path("{msisdn}/arrears")
    public Views.ArrearsView arrears(@PathParam("msisdn") String msisdn, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        Subscriber subscriber = visible(caller, msisdn);
        ArrearsService service = Running.required(arrears, "billing");
        return Views.ArrearsView.of(service.of(caller, new Msisdn(subscriber.msisdn())));
    }

    private Subscriber visible(Caller caller, String msisdn) {
        Subscriber subscriber = subscribers.find(Msisdn.parse(msisdn, "msisdn"))
                .orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number"));
        caller.requireProvince(subscriber.province());
        return subscriber;
    }
}
