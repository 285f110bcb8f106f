package org.bizhall.rest.internal.resource;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.counter.HallTicket;
import org.bizhall.api.counter.QueueService;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * A hall's queue machine: the greeter issues tickets (a big customer's number sends the ticket to the VIP queue), a
 * counter calls the next one. Without a working queue machine the answer is 503 {@code DEVICE_UNAVAILABLE} and the
 * counter calls by voice. This resource names the device kind only, never a model.
 */
@Component(service = QueueResource.class)
@Path("halls/{hall}/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {
    /**
     * Dynamic and optional: the hall devices may be stopped or replaced at runtime, and the whole API (one application)
     * must not go with it; meanwhile this resource answers 503 {@code SERVICE_UNAVAILABLE}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile QueueService queue;

    /** For the component runtime, which sets the reference. */
    public QueueResource() {
    }

    /** With the service given, as tests build it. */
    public QueueResource(QueueService queue) {
        this.queue = queue;
    }

    private QueueService queue() {
        return Running.required(queue, "the hall devices");
    }

    /** Issues a ticket: 201 with the ticket. */
    @POST
    @Path("tickets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@PathParam("hall") String hall, Views.TicketRequest request,
            @Context SecurityContext security) {
        Views.TicketRequest body = OrderResource.require(request);
        HallTicket ticket = queue().issue(Callers.of(security), hall, body.queue(), body.msisdn());
        return Response.status(Response.Status.CREATED).entity(ticket).build();
    }

    /** Calls the next ticket of a queue to a counter: 200 with the ticket, 204 when nobody waits. */
    @POST
    @Path("calls")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response call(@PathParam("hall") String hall, Views.CallRequest request,
            @Context SecurityContext security) {
        Views.CallRequest body = OrderResource.require(request);
        return queue().callNext(Callers.of(security), hall, body.queue(), body.counter())
                .map(t -> Response.ok(t).build()).orElseGet(() -> Response.noContent().build());
    }
}
