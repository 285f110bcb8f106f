package org.bizhall.persistence.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
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
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Complaint tickets in {@code tickets} and {@code ticket_steps} (rulebook §12). Each step locks the ticket's row and
 * decides from the state read under the lock, so of two steps at once the second sees the first's outcome (and is
 * refused 409 when it no longer fits). The flow itself is {@link TicketFlow}; texts are kept as {@link TicketTexts}
 * says. Due times follow the business clock and the province parameters at the moment of the step.
 */
@Component(service = TicketService.class)
public class JpaTicketService implements TicketService {
    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    AuditLog audit;
    @Reference
    ProvinceParameters provinceParameters;
    @Reference
    SubscriberService subscribers;
    @Reference
    SchemaReady schema;

    @Override
    public Ticket open(Caller caller, NewTicket request) {
        TicketFlow.requireRole(caller, TicketAction.INTAKE);
        if (request == null) {
            throw ProblemException.badRequest("JSON_MALFORMED", "a ticket is required", null);
        }
        if (request.channel() == null) {
            throw ProblemException.badRequest("TICKET_CHANNEL_INVALID", "channel is required", "channel");
        }
        if (request.category() == null) {
            throw ProblemException.badRequest("TICKET_CATEGORY_INVALID", "category is required", "category");
        }
        Msisdn msisdn = Msisdn.parse(request.msisdn(), "msisdn");
        String text = TicketTexts.kept(request.text(), true, "text");
        // a subscriber of another province complains to that province; a number not in service may still complain
        subscribers.find(msisdn).ifPresent(s -> caller.requireProvince(s.province()));
        Instant now = clock.now().toInstant();
        Instant due = due(caller.province(), TicketState.OPEN, now);
        return Tx.call(jpa, em -> {
            TicketEntity t = new TicketEntity();
            t.province = caller.province();
            t.hallId = caller.hall();
            t.channel = request.channel();
            t.msisdn = msisdn.value();
            t.category = request.category();
            t.text = text;
            t.state = TicketState.OPEN;
            t.dueAt = due;
            t.createdAt = now;
            t.createdBy = Codec.truncate(caller.user(), 64);
            t.updatedAt = now;
            em.persist(t);
            em.flush();
            step(em, t, TicketAction.INTAKE, caller, now, null, null, null);
            audit.record(caller.user(), "TICKET_OPENED", null, subject(t), null,
                    t.channel + ", " + t.category + ", due " + t.dueAt);
            return toTicket(em, t, now);
        });
    }

    @Override
    public Ticket get(Caller caller, String id) {
        Instant now = clock.now().toInstant();
        return Tx.decide(jpa, em -> refusedOr(() -> toTicket(em, visible(em, caller, id, false), now)));
    }

    @Override
    public Page<Ticket> list(Caller caller, TicketQuery query) {
        caller.requireRole(TicketFlow.READERS.toArray(org.bizhall.api.hall.Role[]::new));
        String province = caller.isAdmin() ? query.province() : caller.province();
        if (!caller.isAdmin() && query.province() != null) {
            caller.requireProvince(query.province());
        }
        int first = Math.max(query.offset(), 0);
        int max = query.limit() <= 0 ? Page.DEFAULT_LIMIT : Math.min(query.limit(), Page.MAX_LIMIT);
        Instant now = clock.now().toInstant();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (province != null) {
            where.append(" and t.province = :p");
        }
        if (query.state() != null) {
            where.append(" and t.state = :s");
        }
        if (query.overdue()) {
            where.append(" and t.state <> :closed and t.dueAt < :now");
        }
        return Tx.call(jpa, em -> {
            var items = em.createQuery("select t from TicketEntity t" + where + " order by t.dueAt, t.id",
                    TicketEntity.class);
            var count = em.createQuery("select count(t) from TicketEntity t" + where, Long.class);
            for (var q : List.of(items, count)) {
                if (province != null) {
                    q.setParameter("p", province);
                }
                if (query.state() != null) {
                    q.setParameter("s", query.state());
                }
                if (query.overdue()) {
                    q.setParameter("closed", TicketState.CLOSED).setParameter("now", now);
                }
            }
            List<TicketEntity> page = items.setFirstResult(first).setMaxResults(max).getResultList();
            Map<Long, List<TicketStepEntity>> steps = page.isEmpty() ? Map.of()
                    : em.createQuery("select s from TicketStepEntity s where s.ticketId in :ids order by s.id",
                            TicketStepEntity.class)
                            .setParameter("ids", page.stream().map(t -> t.id).toList()).getResultList().stream()
                            .collect(Collectors.groupingBy(s -> s.ticketId));
            List<Ticket> tickets = page.stream().map(t -> toTicket(t, steps.getOrDefault(t.id, List.of()), now)).toList();
            return new Page<>(tickets, count.getSingleResult());
        });
    }

    @Override
    public Ticket dispatch(Caller caller, String id, TicketCategory department) {
        TicketFlow.requireRole(caller, TicketAction.DISPATCH);
        if (department == null) {
            throw ProblemException.badRequest("TICKET_DEPARTMENT_INVALID", "department is required", "department");
        }
        return move(caller, id, TicketAction.DISPATCH, true, null, department);
    }

    @Override
    public Ticket reply(Caller caller, String id, String text, boolean resolved) {
        TicketFlow.requireRole(caller, TicketAction.REPLY);
        return move(caller, id, TicketAction.REPLY, resolved, TicketTexts.kept(text, true, "text"), null);
    }

    @Override
    public Ticket callback(Caller caller, String id, String text, boolean satisfied) {
        TicketFlow.requireRole(caller, TicketAction.CALLBACK);
        return move(caller, id, TicketAction.CALLBACK, satisfied, TicketTexts.kept(text, true, "text"), null);
    }

    @Override
    public Ticket close(Caller caller, String id, String text) {
        TicketFlow.requireRole(caller, TicketAction.CLOSE);
        return move(caller, id, TicketAction.CLOSE, true, TicketTexts.kept(text, false, "text"), null);
    }

    /** One step: the row locked, the state decided under the lock, the step recorded, the due time renewed. */
    private Ticket move(Caller caller, String id, TicketAction action, boolean outcome, String text,
            TicketCategory department) {
        Instant now = clock.now().toInstant();
        return Tx.decide(jpa, em -> refusedOr(() -> {
            TicketEntity t = visible(em, caller, id, true);
            TicketState from = t.state;
            TicketState to = TicketFlow.next(from, action, outcome);
            t.state = to;
            if (department != null) {
                t.department = department;
            }
            t.dueAt = due(t.province, to, now);
            t.updatedAt = now;
            boolean hasOutcome = action == TicketAction.REPLY || action == TicketAction.CALLBACK;
            step(em, t, action, caller, now, text, department, hasOutcome ? outcome : null);
            audit.record(caller.user(), "TICKET_" + action.name(), null, subject(t), null, from + " -> " + to
                    + (department == null ? "" : ", to " + department) + (hasOutcome ? ", " + outcomeWord(action, outcome) : ""));
            return toTicket(em, t, now);
        }));
    }

    /**
     * A refusal decided before anything was written, returned rather than thrown inside the transaction, so that it
     * neither marks the transaction for rollback nor makes the template log one.
     */
    private static <T> Tx.Outcome<T> refusedOr(java.util.function.Supplier<T> work) {
        try {
            return Tx.Outcome.ok(work.get());
        } catch (ProblemException refusal) {
            return Tx.Outcome.refused(refusal);
        }
    }

    private static String outcomeWord(TicketAction action, boolean outcome) {
        return action == TicketAction.REPLY ? (outcome ? "resolved" : "not resolved")
                : (outcome ? "satisfied" : "not satisfied");
    }

    /** The ticket if the caller may see it: 404 when there is none, 403 when it is another province's. */
    private static TicketEntity visible(EntityManager em, Caller caller, String id, boolean lock) {
        Long key = key(id);
        TicketEntity t = key == null ? null : lock ? Tx.lockFresh(em, TicketEntity.class, key) : em.find(TicketEntity.class, key);
        if (t == null) {
            throw ProblemException.notFound("TICKET_NOT_FOUND", "no ticket has this id");
        }
        caller.requireProvince(t.province);
        return t;
    }

    private static Long key(String id) {
        if (id == null || !id.matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.valueOf(id);
    }

    private Instant due(String province, TicketState state, Instant from) {
        String param = TicketFlow.dueHoursParam(state);
        return param == null ? null : from.plus(provinceParameters.of(province).integer(param), ChronoUnit.HOURS);
    }

    private static void step(EntityManager em, TicketEntity t, TicketAction action, Caller caller, Instant at,
            String text, TicketCategory department, Boolean outcome) {
        TicketStepEntity s = new TicketStepEntity();
        s.ticketId = t.id;
        s.action = action;
        s.state = t.state;
        s.actor = Codec.truncate(caller.user(), 64);
        s.role = caller.role().wireName();
        s.at = at;
        s.text = text;
        s.department = department;
        s.outcome = outcome;
        em.persist(s);
    }

    private static String subject(TicketEntity t) {
        return "ticket " + t.id;
    }

    private Ticket toTicket(EntityManager em, TicketEntity t, Instant now) {
        em.flush();
        List<TicketStepEntity> steps = em.createQuery(
                "select s from TicketStepEntity s where s.ticketId = :t order by s.id", TicketStepEntity.class)
                .setParameter("t", t.id).getResultList();
        return toTicket(t, steps, now);
    }

    private Ticket toTicket(TicketEntity t, List<TicketStepEntity> steps, Instant now) {
        var zone = clock.zone();
        List<TicketStep> history = steps.stream().map(s -> new TicketStep(s.action, s.state, s.actor, s.role,
                Codec.time(s.at, zone), s.text, s.department, s.outcome)).toList();
        boolean overdue = t.state != TicketState.CLOSED && t.dueAt != null && t.dueAt.isBefore(now);
        OffsetDateTime due = t.dueAt == null ? null : Codec.time(t.dueAt, zone);
        return new Ticket(String.valueOf(t.id), t.province, t.hallId, t.channel, t.msisdn, t.category, t.text,
                t.state, t.department, due, overdue, Codec.time(t.createdAt, zone), t.createdBy,
                Codec.time(t.updatedAt, zone), history);
    }
}
