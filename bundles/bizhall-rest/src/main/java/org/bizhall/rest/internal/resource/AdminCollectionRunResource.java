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

import org.bizhall.api.billing.CollectionNotice;
import org.bizhall.api.billing.CollectionRun;
import org.bizhall.api.billing.CollectionService;
import org.bizhall.api.billing.OverdueAccount;
import org.bizhall.api.hall.Caller;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Arrears collection: the overdue list, a collection run (reminders, suspension for arrears after the province's
 * grace) and a number's notices. A run is idempotent by itself: each notice is recorded once per number, kind and
 * oldest unpaid month, and a suspended number is not suspended again.
 */
@Component(service = AdminCollectionRunResource.class)
@Path("admin/collection-runs")
@Produces(MediaType.APPLICATION_JSON)
public class AdminCollectionRunResource {
    /**
     * Dynamic and optional: the billing bundle may be stopped or replaced at runtime, and the whole API (one
     * application) must not go with it; meanwhile this resource answers 503 {@code SERVICE_UNAVAILABLE}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CollectionService collection;

    private CollectionService collection() {
        return Running.required(collection, "billing");
    }

    @POST
    public CollectionRun run(@Context SecurityContext security) {
        return collection().run(Callers.of(security));
    }

    @GET
    @Path("overdue")
    public Response overdue(@QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        List<OverdueAccount> all = collection().overdue(caller);
        return Requests.page(Requests.slice(all, Requests.offset(offset), Requests.limit(limit)));
    }

    @GET
    @Path("notices/{msisdn}")
    public List<CollectionNotice> notices(@PathParam("msisdn") String msisdn, @Context SecurityContext security) {
        return collection().notices(Callers.of(security), msisdn);
    }
}
