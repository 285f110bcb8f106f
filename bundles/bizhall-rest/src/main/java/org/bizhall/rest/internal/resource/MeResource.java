package org.bizhall.rest.internal.resource;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Component;

/** Who is asking: the user, its role, and the hall and province it acts in. */
@Component(service = MeResource.class)
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    @GET
    public Views.Me me(@Context SecurityContext security) {
        return Views.Me.of(Callers.of(security));
    }
}
