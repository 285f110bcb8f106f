package org.bizhall.rest.internal.resource;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptService;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.IdempotencyStore;
import org.bizhall.rest.internal.auth.Callers;
import org.bizhall.rest.internal.idempotency.Idempotency;
import org.bizhall.rest.internal.idempotency.Outcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Receipts of the caller's province, and their reprints (each reprint is recorded and marked as one). */
@Component(service = ReceiptResource.class)
@Path("receipts")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptResource {
    private final ReceiptService receipts;
    private final HallDirectory halls;
    private final Idempotency idempotency;

    @Activate
    public ReceiptResource(@Reference ReceiptService receipts, @Reference HallDirectory halls,
            @Reference Transactions transactions, @Reference IdempotencyStore keys) {
        this.receipts = receipts;
        this.halls = halls;
        this.idempotency = new Idempotency(transactions, keys);
    }

    @GET
    @Path("{number}")
    public Receipt get(@PathParam("number") String number, @Context SecurityContext security) {
        return visible(Callers.of(security), number);
    }

    @POST
    @Path("{number}/reprint")
    public Response reprint(@PathParam("number") String number, @HeaderParam(Idempotency.HEADER) String key,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        return idempotency.run(caller.user(), Requests.path(uri), key, null, () -> {
            Receipt receipt = visible(caller, number);
            return Outcome.ok(receipts.reprint(receipt.number(), caller.user()));
        });
    }

    private Receipt visible(Caller caller, String number) {
        Receipt receipt = receipts.find(number)
                .orElseThrow(() -> ProblemException.notFound("RECEIPT_NOT_FOUND", "there is no such receipt"));
        caller.requireProvince(halls.hall(receipt.hall()).map(Hall::province).orElse(null));
        return receipt;
    }
}
