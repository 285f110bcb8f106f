package org.bizhall.testing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bizhall.api.care.NewTicket;
import org.bizhall.api.care.Ticket;
import org.bizhall.api.care.TicketAction;
import org.bizhall.api.care.TicketCategory;
import org.bizhall.api.care.TicketFlow;
import org.bizhall.api.care.TicketQuery;
import org.bizhall.api.care.TicketService;
import org.bizhall.api.care.TicketState;
import org.bizhall.api.care.TicketStep;
import org.bizhall.api.care.TicketTexts;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.ProvinceParameters;

/**
 * Complaint tickets in memory with the store's semantics: the flow, roles and texts of the api's {@link TicketFlow}
 * and {@link TicketTexts} (the same code the store runs), due times from the province parameters on the given clock,
 * province visibility (403 {@code OTHER_PROVINCE}), 404 {@code TICKET_NOT_FOUND}, and numbered ids. When built with
 * {@link InMemorySubscribers}, a subscriber of another province is refused at intake as the store refuses it.
 */
public final class InMemoryTickets implements TicketService {
    private final Map<String, Ticket> tickets = new LinkedHashMap<>();
    private final BusinessClock clock;
    private final ProvinceParameters parameters;
    private final InMemorySubscribers subscribers;
    private long next = 1;

    public InMemoryTickets(BusinessClock clock, ProvinceParameters parameters, InMemorySubscribers subscribers) {
        this.clock = clock;
        this.parameters = parameters;
        this.subscribers = subscribers;
    }

    @Override
    public synchronized Ticket open(Caller caller, NewTicket request) {
        TicketFlow.requireRole(caller, TicketAction.INTAKE);
        if (request.channel() == null) {
            throw ProblemException.badRequest("TICKET_CHANNEL_INVALID", "channel is required", "channel");
        }
        if (request.category() == null) {
            throw ProblemException.badRequest("TICKET_CATEGORY_INVALID", "category is required", "category");
        }
        Msisdn msisdn = Msisdn.parse(request.msisdn(), "msisdn");
        String text = TicketTexts.kept(request.text(), true, "text");
        if (subscribers != null) {
            subscribers.find(msisdn).ifPresent(s -> caller.requireProvince(s.province()));
        }
        OffsetDateTime now = clock.now();
        String id = String.valueOf(next++);
        List<TicketStep> history = List.of(new TicketStep(TicketAction.INTAKE, TicketState.OPEN, caller.user(),
                caller.role().wireName(), now, null, null, null));
        Ticket t = new Ticket(id, caller.province(), caller.hall(), request.channel(), msisdn.value(),
                request.category(), text, TicketState.OPEN, null, due(caller.province(), TicketState.OPEN, now), false,
                now, caller.user(), now, history);
        tickets.put(id, t);
        return shown(t);
    }

    @Override
    public synchronized Ticket get(Caller caller, String id) {
        return shown(visible(caller, id));
    }

    @Override
    public synchronized Page<Ticket> list(Caller caller, TicketQuery query) {
        caller.requireRole(TicketFlow.READERS.toArray(Role[]::new));
        if (!caller.isAdmin() && query.province() != null) {
            caller.requireProvince(query.province());
        }
        String province = caller.isAdmin() ? query.province() : caller.province();
        List<Ticket> all = tickets.values().stream().map(this::shown)
                .filter(t -> province == null || province.equals(t.province()))
                .filter(t -> query.state() == null || query.state() == t.state())
                .filter(t -> !query.overdue() || t.overdue())
                .sorted(Comparator.comparing((Ticket t) -> t.dueAt() == null ? OffsetDateTime.MAX : t.dueAt())
                        .thenComparing(t -> Long.valueOf(t.id())))
                .toList();
        int from = Math.min(Math.max(query.offset(), 0), all.size());
        int max = query.limit() <= 0 ? Page.DEFAULT_LIMIT : Math.min(query.limit(), Page.MAX_LIMIT);
        return new Page<>(all.subList(from, Math.min(from + max, all.size())), all.size());
    }

    @Override
    public synchronized Ticket dispatch(Caller caller, String id, TicketCategory department) {
        TicketFlow.requireRole(caller, TicketAction.DISPATCH);
        if (department == null) {
            throw ProblemException.badRequest("TICKET_DEPARTMENT_INVALID", "department is required", "department");
        }
        return move(caller, id, TicketAction.DISPATCH, true, null, department);
    }

    @Override
    public synchronized Ticket reply(Caller caller, String id, String text, boolean resolved) {
        TicketFlow.requireRole(caller, TicketAction.REPLY);
        return move(caller, id, TicketAction.REPLY, resolved, TicketTexts.kept(text, true, "text"), null);
    }

    @Override
    public synchronized Ticket callback(Caller caller, String id, String text, boolean satisfied) {
        TicketFlow.requireRole(caller, TicketAction.CALLBACK);
        return move(caller, id, TicketAction.CALLBACK, satisfied, TicketTexts.kept(text, true, "text"), null);
    }

    @Override
    public synchronized Ticket close(Caller caller, String id, String text) {
        TicketFlow.requireRole(caller, TicketAction.CLOSE);
        return move(caller, id, TicketAction.CLOSE, true, TicketTexts.kept(text, false, "text"), null);
    }

    private Ticket move(Caller caller, String id, TicketAction action, boolean outcome, String text,
            TicketCategory department) {
        Ticket t = visible(caller, id);
        TicketState to = TicketFlow.next(t.state(), action, outcome);
        OffsetDateTime now = clock.now();
        boolean hasOutcome = action == TicketAction.REPLY || action == TicketAction.CALLBACK;
        List<TicketStep> history = new ArrayList<>(t.history());
        history.add(new TicketStep(action, to, caller.user(), caller.role().wireName(), now, text, department,
                hasOutcome ? outcome : null));
        Ticket moved = new Ticket(t.id(), t.province(), t.hall(), t.channel(), t.msisdn(), t.category(), t.text(), to,
                department == null ? t.department() : department, due(t.province(), to, now), false, t.createdAt(),
                t.createdBy(), now, history);
        tickets.put(id, moved);
        return shown(moved);
    }

    private Ticket visible(Caller caller, String id) {
        Ticket t = id == null ? null : tickets.get(id);
        if (t == null) {
            throw ProblemException.notFound("TICKET_NOT_FOUND", "no ticket has this id");
        }
        caller.requireProvince(t.province());
        return t;
    }

    private OffsetDateTime due(String province, TicketState state, OffsetDateTime from) {
        String param = TicketFlow.dueHoursParam(state);
        return param == null ? null : from.plusHours(parameters.of(province).integer(param));
    }

    /** The ticket with {@code overdue} as of now. */
    private Ticket shown(Ticket t) {
        boolean overdue = t.state() != TicketState.CLOSED && t.dueAt() != null && t.dueAt().isBefore(clock.now());
        return new Ticket(t.id(), t.province(), t.hall(), t.channel(), t.msisdn(), t.category(), t.text(), t.state(),
                t.department(), t.dueAt(), overdue, t.createdAt(), t.createdBy(), t.updatedAt(), t.history());
    }
}
