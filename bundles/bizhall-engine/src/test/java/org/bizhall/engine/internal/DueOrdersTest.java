package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.StateChange;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.platform.schedule.OrderDeadlines;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 9 item 5, the engine's side: waiting orders hand their due time to the scheduler in the transaction that moves
 * them, and {@link org.bizhall.platform.schedule.DueOrders} acts when it comes.
 */
public class DueOrdersTest extends EngineFixture {
    private static final OffsetDateTime MONTH_TURN = OffsetDateTime.parse("2026-12-01T00:00:00+08:00");
    private static final OffsetDateTime DEADLINE = OffsetDateTime.parse("2026-11-10T10:10:00+08:00");
    private final Caller boSn = new Caller("bo-sn", Role.BACKOFFICE, "SN-XA-001", "SN", Set.of(HallKind.SELF_OWNED));

    private TestProcedure packageChange;
    private TestProcedure redemption;
    private int dateReachedRuns;

    @Before
    public void setUp() {
        packageChange = new TestProcedure("package-change", "产品变更");
        packageChange.execute = order -> StepOutcome.scheduled(MONTH_TURN, "takes effect next month");
        packageChange.dateReached = order -> {
            dateReachedRuns++;
            order.result().put("package", "GOTONE-58");
            return StepOutcome.completed();
        };
        install(packageChange, "org.bizhall.procedure.general", "*", 0);
        redemption = new TestProcedure("points-redemption", "积分兑换");
        redemption.execute = order -> StepOutcome.awaitingConfirmation(Awaiting.BACK_OFFICE, DEADLINE,
                "big-customer office answers within 10 minutes");
        install(redemption, "org.bizhall.procedure.general", "*", 0);
    }

    private Order submit(String procedure) {
        return engine.submit(opSn, new OrderRequest(procedure, MSISDN, PERSON, List.of(), List.of(), Map.of()));
    }

    private static StateChange last(Order order) {
        return order.history().get(order.history().size() - 1);
    }

    @Test
    public void aScheduledOrderLeavesItsDateToTheSchedulerAndCompletesWhenItComes() {
        Order order = submit("package-change");
        assertEquals(OrderState.SCHEDULED, order.state());
        assertEquals(MONTH_TURN, deadlines.dueAt(OrderDeadlines.DATE, order.id()).orElseThrow());

        clock.set(MONTH_TURN);
        engine.dateReached(order.id());

        Order done = store.find(order.id()).orElseThrow();
        assertEquals(OrderState.COMPLETED, done.state());
        assertEquals("GOTONE-58", done.result().get("package"));
        assertEquals("the history names the scheduler", CallerAccess.SYSTEM_USER, last(done).actor());
        assertEquals(MONTH_TURN, last(done).at());
        assertFalse("the due time is gone with the waiting state", deadlines.has(order.id()));
        assertTrue(auditStates(order.id()).contains("COMPLETED"));
    }

    @Test
    public void dateReachedLeavesAnOrderThatNoLongerWaitsAlone() {
        Order order = submit("package-change");
        engine.cancel(opSn, order.id());
        assertFalse("a cancelled order waits for no date", deadlines.has(order.id()));

        engine.dateReached(order.id());
        engine.dateReached("no-such-order");

        assertEquals(0, dateReachedRuns);
        assertEquals(OrderState.CANCELLED, store.find(order.id()).orElseThrow().state());
    }

    @Test
    public void aCrashWhenTheDateComesFailsTheOrderAndForgetsItsDueTime() {
        packageChange.dateReached = order -> {
            throw new IllegalStateException("catalogue gone");
        };
        Order order = submit("package-change");

        ProblemException e = refused(() -> engine.dateReached(order.id()));

        assertEquals("PROCEDURE_FAILED", e.code());
        Order failed = store.find(order.id()).orElseThrow();
        assertEquals(OrderState.FAILED, failed.state());
        assertEquals(CallerAccess.SYSTEM_USER, last(failed).actor());
        assertFalse(deadlines.has(order.id()));
    }

    @Test
    public void aConfirmationWithADeadlineTimesOutRejectedAndGivesBackWhatItTook_confirmationTimeout() {
        Order order = submit("points-redemption");
        assertEquals(OrderState.PENDING_CONFIRMATION, order.state());
        assertEquals(DEADLINE, deadlines.dueAt(OrderDeadlines.TIMEOUT, order.id()).orElseThrow());
        assertEquals(DEADLINE.toString(), order.result().get("confirmBy"));

        engine.timedOut(order.id());

        Order rejected = store.find(order.id()).orElseThrow();
        assertEquals(OrderState.REJECTED, rejected.state());
        assertEquals(OrderServiceImpl.CONFIRMATION_TIMEOUT, rejected.problem().code());
        assertEquals("the procedure gave back what it took", 1, redemption.cancels);
        assertEquals(CallerAccess.SYSTEM_USER, last(rejected).actor());
        assertFalse(deadlines.has(order.id()));
        ProblemException late = refused(() -> engine.confirm(boSn, order.id(),
                new Confirmation("BIG_CUSTOMER_OFFICE", true, null, null)));
        assertEquals(409, late.status());
    }

    @Test
    public void aConfirmationInTimeClearsTheDeadlineAndTheTimeoutThenLeavesTheOrderAlone() {
        Order order = submit("points-redemption");
        engine.confirm(boSn, order.id(), new Confirmation("BIG_CUSTOMER_OFFICE", true, null, null));
        assertFalse(deadlines.has(order.id()));

        engine.timedOut(order.id());

        assertEquals(OrderState.COMPLETED, store.find(order.id()).orElseThrow().state());
        assertEquals(0, redemption.cancels);
    }

    @Test
    public void aConfirmationWithoutADeadlineLeavesTheSchedulerNothing() {
        redemption.execute = order -> StepOutcome.awaitingConfirmation(Awaiting.CUSTOMER_CALL, "call the holder");
        Order order = submit("points-redemption");
        assertEquals(OrderState.PENDING_CONFIRMATION, order.state());
        assertFalse(deadlines.has(order.id()));
    }

    @Test
    public void aRefusedOrderLeavesNoDueTime() {
        packageChange.execute = order -> {
            order.result().put("tried", true);
            throw ProblemException.rule("PACKAGE_LOCKED", "bound to a subsidised phone");
        };
        ProblemException e = refused(() -> submit("package-change"));
        assertEquals("PACKAGE_LOCKED", e.code());
        assertEquals(0, storedOrders());
        assertTrue(deadlines.isEmpty());
    }

    private List<String> auditStates(String orderId) {
        return audit.forOrder(orderId).stream().filter(a -> a.action().equals(OrderServiceImpl.AUDIT_ORDER_STATE))
                .map(a -> a.subject()).toList();
    }
}
