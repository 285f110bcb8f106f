package org.bizhall.rest.internal.resource;

import java.util.Locale;

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

import org.bizhall.api.care.NewTicket;
import org.bizhall.api.care.Ticket;
import org.bizhall.api.care.TicketCategory;
import org.bizhall.api.care.TicketChannel;
import org.bizhall.api.care.TicketQuery;
import org.bizhall.api.care.TicketService;
import org.bizhall.api.care.TicketState;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.TextLimits;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.IdempotencyStore;
import org.bizhall.rest.internal.auth.Callers;
import org.bizhall.rest.internal.idempotency.Idempotency;
import org.bizhall.rest.internal.idempotency.Outcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Complaint tickets (rulebook §12): one intake for every channel, then dispatch, reply, callback and close. Words of
 * the body are checked here so that a bad one is a 400 naming its field; who may take which step, and in which state,
 * is the ticket service's. Every POST takes an {@code Idempotency-Key}, so a counter retrying after a timeout neither
 * files a complaint twice nor takes a step twice.
 */
@Component(service = TicketResource.class)
@Path("tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {
    private final TicketService tickets;
    private final Idempotency idempotency;

    @Activate
    public TicketResource(@Reference TicketService tickets, @Reference Transactions transactions,
            @Reference IdempotencyStore keys) {
        this.tickets = tickets;
        this.idempotency = new Idempotency(transactions, keys);
    }

    /** {@code POST /tickets}: a complaint from any channel. */
    public record Intake(String channel, String msisdn, String category, String text) {
    }

    /** {@code POST /tickets/{id}/dispatch}. */
    public record Dispatch(String department) {
    }

    /** {@code POST /tickets/{id}/reply}. */
    public record Reply(String text, Boolean resolved) {
    }

    /** {@code POST /tickets/{id}/callback}. */
    public record Callback(String text, Boolean satisfied) {
    }

    /** {@code POST /tickets/{id}/close}. */
    public record Close(String text) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(Intake request, @HeaderParam(Idempotency.HEADER) String key,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        Intake body = OrderResource.require(request);
        NewTicket ticket = new NewTicket(
                Requests.word(body.channel(), TicketChannel.class, "TICKET_CHANNEL_INVALID", "channel"), body.msisdn(),
                Requests.word(body.category(), TicketCategory.class, "TICKET_CATEGORY_INVALID", "category"),
                TextLimits.bounded(body.text(), TextLimits.NOTE, "text"));
        return idempotency.run(caller.user(), Requests.path(uri), key, body, () -> {
            Ticket opened = tickets.open(caller, ticket);
            return Outcome.created(Requests.location(uri, "tickets", opened.id()), opened);
        });
    }

    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("overdue") String overdue,
            @QueryParam("province") String province, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        TicketQuery query = new TicketQuery(Requests.province(caller, province, false),
                Requests.choice(state, TicketState.class, "state"), flag(overdue, "overdue"), Requests.offset(offset),
                Requests.limit(limit));
        return Requests.page(tickets.list(caller, query));
    }

    @GET
    @Path("{id}")
    public Ticket get(@PathParam("id") String id, @Context SecurityContext security) {
        return tickets.get(Callers.of(security), id);
    }

    @POST
    @Path("{id}/dispatch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response dispatch(@PathParam("id") String id, Dispatch request, @HeaderParam(Idempotency.HEADER) String key,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        Dispatch body = OrderResource.require(request);
        TicketCategory department = Requests.word(body.department(), TicketCategory.class, "TICKET_DEPARTMENT_INVALID",
                "department");
        return idempotency.run(caller.user(), Requests.path(uri), key, body,
                () -> Outcome.ok(tickets.dispatch(caller, id, department)));
    }

    @POST
    @Path("{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reply(@PathParam("id") String id, Reply request, @HeaderParam(Idempotency.HEADER) String key,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        Reply body = OrderResource.require(request);
        boolean resolved = outcome(body.resolved(), "resolved");
        String text = TextLimits.bounded(body.text(), TextLimits.NOTE, "text");
        return idempotency.run(caller.user(), Requests.path(uri), key, body,
                () -> Outcome.ok(tickets.reply(caller, id, text, resolved)));
    }

    @POST
    @Path("{id}/callback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response callback(@PathParam("id") String id, Callback request, @HeaderParam(Idempotency.HEADER) String key,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        Callback body = OrderResource.require(request);
        boolean satisfied = outcome(body.satisfied(), "satisfied");
        String text = TextLimits.bounded(body.text(), TextLimits.NOTE, "text");
        return idempotency.run(caller.user(), Requests.path(uri), key, body,
                () -> Outcome.ok(tickets.callback(caller, id, text, satisfied)));
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response close(@PathParam("id") String id, Close request, @HeaderParam(Idempotency.HEADER) String key,
            @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = Callers.of(security);
        Close body = OrderResource.require(request);
        String text = TextLimits.bounded(body.text(), TextLimits.NOTE, "text");
        return idempotency.run(caller.user(), Requests.path(uri), key, body,
                () -> Outcome.ok(tickets.close(caller, id, text)));
    }

    /** A word of the contract's list; missing or unknown is a 400 {@code code} naming the field. */

    private static boolean outcome(Boolean value, String field) {
        if (value == null) {
            throw ProblemException.badRequest("TICKET_OUTCOME_MISSING", field + " (true or false) is required", field);
        }
        return value;
    }

    private static boolean flag(String value, String field) {
        if (Requests.blank(value)) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest("QUERY_PARAM_INVALID", field + " must be true or false", field);
        };
    }
}
