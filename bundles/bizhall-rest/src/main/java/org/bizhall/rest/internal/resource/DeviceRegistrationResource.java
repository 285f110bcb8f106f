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

import org.bizhall.api.counter.DeskPhoneService;
import org.bizhall.api.counter.TerminalRegistration;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Registers a TD desk phone with the terminal-management port through its driver: 201 with the port's answer,
 * accepted or not (both are audited). A device of another kind is 422 {@code DEVICE_KIND_MISMATCH}.
 */
@Component(service = DeviceRegistrationResource.class)
@Path("devices/{id}/registrations")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceRegistrationResource {
    /**
     * Dynamic and optional: the hall devices may be stopped or replaced at runtime, and the whole API (one application)
     * must not go with it; meanwhile this resource answers 503 {@code SERVICE_UNAVAILABLE}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeskPhoneService phones;

    /** For the component runtime, which sets the reference. */
    public DeviceRegistrationResource() {
    }

    /** With the service given, as tests build it. */
    public DeviceRegistrationResource(DeskPhoneService phones) {
        this.phones = phones;
    }

    private DeskPhoneService phones() {
        return Running.required(phones, "the hall devices");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@PathParam("id") String id, Views.RegistrationRequest request,
            @Context SecurityContext security) {
        Views.RegistrationRequest body = OrderResource.require(request);
        TerminalRegistration registration = phones().register(Callers.of(security), id, body.manufacturer(),
                body.terminalType(), body.model(), body.msisdn());
        return Response.status(Response.Status.CREATED).entity(registration).build();
    }
}
