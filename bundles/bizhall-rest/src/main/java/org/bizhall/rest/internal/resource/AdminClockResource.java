package org.bizhall.rest.internal.resource;

import javax.ws.rs.Consumes;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Moves the business clock (admin only). Where the clock is not adjustable (production) the endpoint does not exist:
 * it answers the same 404 as any unknown path, so nobody learns more by probing it.
 */
@Component(service = AdminClockResource.class)
@Path("admin/clock")
@Produces(MediaType.APPLICATION_JSON)
public class AdminClockResource {
    private final BusinessClock clock;

    @Activate
    public AdminClockResource(@Reference BusinessClock clock) {
        this.clock = clock;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Views.ClockView move(Views.ClockSetting request, @Context SecurityContext security) {
        if (!clock.adjustable()) {
            throw ProblemException.notFound("NOT_FOUND", "there is no such resource");
        }
        Caller caller = Callers.of(security);
        caller.requireRole(Role.ADMIN);
        Views.ClockSetting setting = OrderResource.require(request);
        if (setting.now() == null) {
            throw ProblemException.badRequest("NOW_MISSING", "now is required", "now");
        }
        clock.moveTo(setting.now());
        return new Views.ClockView(clock.now(), clock.zone());
    }
}
