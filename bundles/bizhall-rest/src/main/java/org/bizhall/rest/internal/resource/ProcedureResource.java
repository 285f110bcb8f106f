package org.bizhall.rest.internal.resource;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.ProcedureRegistry;
import org.bizhall.api.procedure.ProcedureProperties;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What this node can do for a province: the provider in use for each procedure id, as the registry resolves it now.
 * An admin, who has no province, sees the national defaults unless it names a province.
 */
@Component(service = ProcedureResource.class)
@Path("procedures")
@Produces(MediaType.APPLICATION_JSON)
public class ProcedureResource {
    private final ProcedureRegistry registry;

    @Activate
    public ProcedureResource(@Reference ProcedureRegistry registry) {
        this.registry = registry;
    }

    @GET
    public Response list(@QueryParam("province") String province, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        String asked = Requests.province(caller, province, false);
        List<Views.Procedure> listed = registry.active(asked == null ? ProcedureProperties.NATIONAL : asked).stream()
                .map(Views.Procedure::of).toList();
        return Requests.page(Requests.slice(listed, Requests.offset(offset), Requests.limit(limit)));
    }
}
