package org.bizhall.rest.internal.resource;

import java.util.List;
import java.util.Objects;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.order.ProcedureListing;
import org.bizhall.api.order.ProcedureRegistry;
import org.bizhall.api.service.Transactions;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node can serve: the database answers a read inside a transaction and at least one procedure is
 * registered. It needs no credentials, and its services are optional so that a node missing one answers 503 rather
 * than 404.
 */
@Component(service = HealthResource.class)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);
    static final String PROBE_HALL = "~health";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Transactions transactions;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HallDirectory halls;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProcedureRegistry registry;

    public HealthResource() {
    }

    HealthResource(Transactions transactions, HallDirectory halls, ProcedureRegistry registry) {
        this.transactions = transactions;
        this.halls = halls;
        this.registry = registry;
    }

    @GET
    public Response health() {
        boolean database = database();
        int procedures = procedures();
        boolean up = database && procedures > 0;
        return Response.status(up ? 200 : 503)
                .entity(new Views.Health(up ? "UP" : "DOWN", database ? "UP" : "DOWN", procedures)).build();
    }

    private boolean database() {
        Transactions tx = transactions;
        HallDirectory directory = halls;
        if (tx == null || directory == null) {
            return false;
        }
        try {
            // A key lookup of a hall that cannot exist ('~' sorts after every hall code): it reads no row another
            // transaction holds, so a node loading its demo data (halls inserted, not yet committed) is UP at once
            // instead of waiting behind that load's row locks.
            tx.required(() -> directory.hall(PROBE_HALL));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Health check: the database does not answer ({})", e.getClass().getName());
            return false;
        }
    }

    private int procedures() {
        ProcedureRegistry procedures = registry;
        if (procedures == null) {
            return 0;
        }
        try {
            List<ProcedureListing> all = procedures.all(null);
            return (int) all.stream().map(ProcedureListing::id).filter(Objects::nonNull).distinct().count();
        } catch (RuntimeException e) {
            LOG.warn("Health check: the procedure registry does not answer ({})", e.getClass().getName());
            return 0;
        }
    }
}
