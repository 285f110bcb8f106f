package org.bizhall.rest.internal.resource;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.device.Device;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The hall devices and the drivers bound to them now. Staff see and test their own hall's devices; an admin sees every
 * hall's (or one hall's with {@code hall=}). Devices are named by kind only: this resource knows no device model.
 */
@Component(service = DeviceResource.class)
@Path("devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {
    /**
     * Dynamic and optional: the hall devices may be stopped or replaced at runtime, and the whole API (one application)
     * must not go with it; meanwhile this resource answers 503 {@code SERVICE_UNAVAILABLE}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeviceRegistry devices;

    /** For the component runtime, which sets the reference. */
    public DeviceResource() {
    }

    /** With the service given, as tests build it. */
    public DeviceResource(DeviceRegistry devices) {
        this.devices = devices;
    }

    private DeviceRegistry devices() {
        return Running.required(devices, "the hall devices");
    }

    @GET
    public Response list(@QueryParam("hall") String hall, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        String asked = Requests.text(hall);
        if (asked != null) {
            asked = Hall.validId(asked, "hall");
        }
        if (!caller.isAdmin()) {
            if (asked != null) {
                caller.requireHall(asked);
            }
            asked = caller.hall();
        }
        List<Views.DeviceView> listed = devices().devices(asked).stream().map(Views.DeviceView::of).toList();
        return Requests.page(Requests.slice(listed, Requests.offset(offset), Requests.limit(limit)));
    }

    /** Runs the device's self-test through its driver; an unbound device answers OFFLINE without one. */
    @POST
    @Path("{id}/test")
    public Views.DeviceTest test(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        Device device = devices().find(id)
                .orElseThrow(() -> ProblemException.notFound("DEVICE_NOT_FOUND", "there is no such device"));
        caller.requireHall(device.hall());
        return Views.DeviceTest.of(device, devices().test(device.id()));
    }
}
