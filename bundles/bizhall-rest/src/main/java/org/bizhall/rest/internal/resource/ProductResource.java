package org.bizhall.rest.internal.resource;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.service.ProductCatalog;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The packages a hall sells. */
@Component(service = ProductResource.class)
@Path("products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {
    private final ProductCatalog catalog;

    @Activate
    public ProductResource(@Reference ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public Response list(@QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Callers.of(security);
        return Requests.page(Requests.slice(catalog.products(), Requests.offset(offset), Requests.limit(limit)));
    }
}
