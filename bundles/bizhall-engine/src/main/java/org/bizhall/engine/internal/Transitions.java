package org.bizhall.engine.internal;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderProblem;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.StateChange;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.OrderStore;
import org.bizhall.platform.schedule.OrderDeadlines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves orders between states: each move appends to the order's history, is written to the store and audited, and
 * keeps the scheduler's due times in step in the same transaction (a {@code SCHEDULED} order's date, the deadline of
 * an awaited confirmation; cleared once the order leaves the waiting state). Params the procedure marks write-only
 * are erased when the order ends.
 */
final class Transitions {
    /** Audit action written for every state an order enters. */
    static final String AUDIT_ORDER_STATE = "ORDER_STATE";
    /** Result key under which a scheduled order keeps the business time it waits for. */
    static final String RESULT_DUE_AT = "dueAt";
    /** Result key under which an order waiting for a confirmation keeps its deadline. */
    static final String RESULT_CONFIRM_BY = "confirmBy";

    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);
    private static final Set<OrderState> STEP_OUTCOMES = EnumSet.of(OrderState.COMPLETED,
            OrderState.PENDING_CONFIRMATION, OrderState.SCHEDULED, OrderState.REJECTED);
    private static final Set<OrderState> WAITING = EnumSet.of(OrderState.SCHEDULED, OrderState.PENDING_CONFIRMATION);

    private final OrderStore orders;
    private final AuditLog audit;
    private final OrderDeadlines deadlines;
    private final Transactions transactions;
    private final BusinessClock clock;
    private final Redaction redaction;

    Transitions(OrderStore orders, AuditLog audit, OrderDeadlines deadlines, Transactions transactions,
            BusinessClock clock, Redaction redaction) {
        this.orders = orders;
        this.audit = audit;
        this.deadlines = deadlines;
        this.transactions = transactions;
        this.clock = clock;
        this.redaction = redaction;
    }

    /** Stores a new order and audits every state its history holds. */
    void insert(Order order) {
        orders.insert(order);
        for (StateChange change : order.history()) {
            audit(change.actor(), order, change.state(), change.provider());
        }
    }

    /** Applies what a step answered; an answer that is no outcome is the procedure's failure. */
    Order apply(Order order, StepOutcome outcome, Step step, ResolvedProcedure procedure,
            EngineOrderContext context, String note) {
        if (outcome == null || !STEP_OUTCOMES.contains(outcome.state())
                || outcome.state() == OrderState.PENDING_CONFIRMATION && outcome.awaiting() == null) {
            throw new ProcedureCrash(step, procedure.id(), procedure.provider(), new IllegalStateException(
                    "step " + step + " answered no usable outcome: " + (outcome == null ? null : outcome.state())));
        }
        OrderState state = outcome.state();
        Awaiting awaiting = switch (state) {
            case PENDING_CONFIRMATION -> outcome.awaiting();
            case SCHEDULED -> outcome.awaiting() == null ? Awaiting.DATE : outcome.awaiting();
            default -> null;
        };
        if (state == OrderState.SCHEDULED && outcome.dueAt() != null) {
            context.result().put(RESULT_DUE_AT, outcome.dueAt().toString());
        }
        if (state == OrderState.PENDING_CONFIRMATION && outcome.dueAt() != null) {
            context.result().put(RESULT_CONFIRM_BY, outcome.dueAt().toString());
        }
        OrderProblem problem = state == OrderState.REJECTED ? new OrderProblem("PROCEDURE_REJECTED",
                outcome.note() == null ? "the order was refused" : outcome.note()) : null;
        Order moved = transition(order, state, awaiting, problem, procedure, context, context.caller(),
                join(note, outcome.note()));
        if (outcome.dueAt() != null && (state == OrderState.SCHEDULED || state == OrderState.PENDING_CONFIRMATION)) {
            deadlines.schedule(state == OrderState.SCHEDULED ? OrderDeadlines.DATE : OrderDeadlines.TIMEOUT,
                    order.id(), outcome.dueAt());
        }
        return moved;
    }

    /** Moves the order to {@code state}, keeping the context's result; due times go when it leaves a waiting state. */
    Order transition(Order order, OrderState state, Awaiting awaiting, OrderProblem problem,
            ResolvedProcedure procedure, EngineOrderContext context, Caller caller, String note) {
        StateChange change = new StateChange(state, context.now(), caller.user(), procedure.provider(), note);
        Order updated = order.entered(change, awaiting, frozen(context.result()), problem);
        if (state.isFinal()) {
            updated = updated.withParams(redaction.erased(updated.params(), procedure));
        }
        orders.update(updated);
        if (WAITING.contains(order.state()) && state != order.state()) {
            deadlines.clear(order.id());
        }
        if (state != order.state()) {
            audit(caller.user(), updated, state, procedure.provider());
        }
        return updated;
    }

    /** After a crash rolled a step back, records in a transaction of its own that the order has failed. */
    void markFailed(Caller caller, String orderId, ProcedureCrash crash) {
        // A caller's transaction (an idempotent HTTP request) may still hold the order row: mark it once that ended.
        transactions.afterRollback(() -> recordFailure(caller, orderId, crash));
    }

    private void recordFailure(Caller caller, String orderId, ProcedureCrash crash) {
        try {
            transactions.requiresNew(() -> {
                Order order = orders.lock(orderId).orElse(null);
                if (order == null || order.state().isFinal()) {
                    return null;
                }
                OffsetDateTime now = clock.now();
                Order failed = order.entered(new StateChange(OrderState.FAILED, now, caller.user(), crash.provider(),
                        "procedure failed in step " + crash.step()), null, order.result(),
                        new OrderProblem("PROCEDURE_FAILED", "the procedure failed in step " + crash.step()
                                + "; nothing of that step was kept"));
                orders.update(failed);
                deadlines.clear(orderId);
                audit(caller.user(), failed, OrderState.FAILED, crash.provider());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("order {} could not be marked FAILED after its procedure failed", orderId, SafeLog.scrubbed(e));
        }
    }

    private void audit(String actor, Order order, OrderState state, String provider) {
        audit.record(actor, AUDIT_ORDER_STATE, order.id(), state.name(), null, order.procedure() + " by " + provider);
    }

    static Map<String, Object> frozen(Map<String, Object> values) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + "; " + second;
    }
}
