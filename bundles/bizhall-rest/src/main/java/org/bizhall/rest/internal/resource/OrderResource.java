package org.bizhall.rest.internal.resource;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.IdempotencyStore;
import org.bizhall.rest.internal.auth.Callers;
import org.bizhall.rest.internal.idempotency.Idempotency;
import org.bizhall.rest.internal.idempotency.Outcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Orders, their payments and confirmations: the envelope goes to the engine as it came, whatever the procedure; the
 * engine checks roles, provinces and rules. Every answer shows the order masked.
 */
@Component(service = OrderResource.class)
@Path("orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    private final OrderService orders;
    private final BusinessClock clock;
    private final Idempotency idempotency;

    @Activate
    public OrderResource(@Reference OrderService orders, @Reference BusinessClock clock,
            @Reference Transactions transactions, @Reference IdempotencyStore keys) {
        this.orders = orders;
        this.clock = clock;
        this.idempotency = new Idempotency(transactions, keys);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(OrderRequest request, @HeaderParam(Idempotency.HEADER) String key,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        OrderRequest envelope = TextBounds.check(require(request));
        return idempotency.run(caller.user(), Requests.path(uri), key, envelope, () -> {
            Order order = orders.submit(caller, envelope);
            return Outcome.created(Requests.location(uri, "orders", order.id()), shown(order));
        });
    }

    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("procedure") String procedure,
            @QueryParam("msisdn") String msisdn, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        OrderState orderState = Requests.choice(state, OrderState.class, "state");
        String number = Requests.blank(msisdn) ? null : Msisdn.parse(msisdn.trim(), "msisdn").value();
        OrderQuery query = new OrderQuery(orderState, Requests.text(procedure), number,
                Requests.time(from, "from", false, clock.zone()), Requests.time(to, "to", true, clock.zone()),
                Requests.offset(offset), Requests.limit(limit));
        return Requests.page(orders.list(caller, query).map(Order::masked));
    }

    @GET
    @Path("{id}")
    public Order get(@PathParam("id") String id, @Context SecurityContext security) {
        return shown(orders.get(Callers.of(security), id));
    }

    @POST
    @Path("{id}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pay(@PathParam("id") String id, PaymentRequest request,
            @HeaderParam(Idempotency.HEADER) String key, @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        PaymentRequest payment = require(request);
        return idempotency.run(caller.user(), Requests.path(uri), key, payment, () -> {
            Payment paid = orders.pay(caller, id, payment);
            return Outcome.created(Requests.location(uri, "orders", id, "payments"), Views.PaymentView.of(paid));
        });
    }

    @GET
    @Path("{id}/payments")
    public Response payments(@PathParam("id") String id, @Context SecurityContext security) {
        var all = orders.payments(Callers.of(security), id).stream().map(Views.PaymentView::of).toList();
        return Response.ok(all).header(Requests.TOTAL_COUNT, all.size()).build();
    }

    @POST
    @Path("{id}/confirmations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirm(@PathParam("id") String id, Confirmation request,
            @HeaderParam(Idempotency.HEADER) String key, @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        Confirmation confirmation = TextBounds.check(require(request));
        return idempotency.run(caller.user(), Requests.path(uri), key, confirmation, () -> {
            Order order = orders.confirm(caller, id, confirmation);
            return Outcome.created(Requests.location(uri, "orders", id), shown(order));
        });
    }

    @POST
    @Path("{id}/cancel")
    public Response cancel(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String key,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        return idempotency.run(caller.user(), Requests.path(uri), key, null,
                () -> Outcome.ok(shown(orders.cancel(caller, id))));
    }

    /** The order as every answer shows it: masked, with its priority mark. */
    private static Order shown(Order order) {
        return order.masked();
    }

    /** A JSON {@code null} body reads as null; the API takes it as a missing body. */
    static <T> T require(T body) {
        if (body == null) {
            throw ProblemException.badRequest("JSON_MALFORMED", "a JSON request body is required", null);
        }
        return body;
    }
}
