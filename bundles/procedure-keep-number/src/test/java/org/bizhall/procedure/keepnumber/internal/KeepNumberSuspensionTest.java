package org.bizhall.procedure.keepnumber.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestOrderContext;
import org.bizhall.testing.TestProvinceParams;
import org.junit.Test;

/** 停机保号 (rulebook §9/§13; seed 004), driven as the engine and the scheduler drive it. */
public class KeepNumberSuspensionTest {
    private static final String NUMBER = "13891809851";
    private static final long ACCOUNT = 7;
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-10T10:00:00+08:00");

    private final SettableClock clock = new SettableClock(NOW);
    private final InMemorySubscribers subscribers = new InMemorySubscribers(clock);
    private final InMemoryAccounts accounts = new InMemoryAccounts(clock);
    private final RecordingAuditLog audit = new RecordingAuditLog(clock);
    private final KeepNumberSuspension procedure = new KeepNumberSuspension(subscribers, accounts, audit, clock);

    private TestOrderContext order(int months, long depositFen) {
        accounts.seed(ACCOUNT, depositFen);
        subscribers.add(NUMBER, "SN", "SN-XA-001", ACCOUNT);
        TestOrderContext order = new TestOrderContext(KeepNumberSuspension.ID, new TestProvinceParams("SN")
                .readableOnly(NationalParams.KEEP_NUMBER_MONTHLY_FEE_FEN));
        order.now = NOW;
        return order.msisdn(NUMBER).customer(TestOrderContext.personal("张三")).documents(DocumentKind.HOLDER_ID)
                .param("months", months);
    }

    /** The scheduler's call once the business clock reached {@code at}. */
    private StepOutcome turn(TestOrderContext order, String at) {
        order.now = OffsetDateTime.parse(at);
        clock.set(order.now);
        order.storeAndReloadResult();
        return procedure.dateReached(order);
    }

    private List<Long> fees() {
        return accounts.entries(ACCOUNT).stream().filter(e -> e.kind().equals(KeepNumberSuspension.FEE))
                .map(LedgerEntry::amountFen).toList();
    }

    @Test
    public void rules13_keepNumber_firstMonthPaidAtTheCounterSuspendsTheSameDayAndWaitsForTheMonthsTurn() {
        TestOrderContext order = order(2, 2000);
        assertEquals("the first month's fee, the rulebook's default", 500, order.submit(procedure).totalFen());
        assertEquals("nothing changes before payment", SubscriberStatus.ACTIVE, subscribers.status(NUMBER));
        StepOutcome outcome = order.payAndExecute(procedure, PaymentMethod.CASH, 1000);
        assertEquals(SubscriberStatus.SUSPENDED_REQUEST, subscribers.status(NUMBER));
        assertEquals(OrderState.SCHEDULED, outcome.state());
        assertEquals(OffsetDateTime.parse("2026-12-01T00:00:00+08:00"), outcome.dueAt());
        assertEquals(List.of(-500L), fees());
        assertEquals("the counter payment is credited, then the fee charged: the deposit is untouched", 2000,
                accounts.balance(ACCOUNT));
        assertEquals("2027-01-01", order.result.get("resumesOn"));
    }

    @Test
    public void rules13_keepNumber_eachTurnChargesTheMonthAndTheTermEndsActive() {
        TestOrderContext order = order(2, 2000);
        order.submit(procedure);
        order.payAndExecute(procedure, PaymentMethod.CASH, 500);

        StepOutcome december = turn(order, "2026-12-01T00:00:30+08:00");
        assertEquals(OrderState.SCHEDULED, december.state());
        assertEquals(OffsetDateTime.parse("2027-01-01T00:00:00+08:00"), december.dueAt());
        assertEquals(List.of(-500L, -500L), fees());
        assertEquals(1500, accounts.balance(ACCOUNT));
        assertEquals(SubscriberStatus.SUSPENDED_REQUEST, subscribers.status(NUMBER));

        StepOutcome january = turn(order, "2027-01-01T00:01:00+08:00");
        assertEquals(OrderState.COMPLETED, january.state());
        assertEquals(SubscriberStatus.ACTIVE, subscribers.status(NUMBER));
        assertEquals("the month after the term is not charged", List.of(-500L, -500L), fees());
        assertEquals("TERM_ENDED", order.result.get("ended"));
    }

    @Test
    public void rules13_keepNumber_aClockThatJumpsSeveralTurnsChargesEachMonthOnce() {
        TestOrderContext order = order(3, 5000);
        order.submit(procedure);
        order.payAndExecute(procedure, PaymentMethod.CASH, 500);
        StepOutcome late = turn(order, "2027-01-15T09:00:00+08:00");
        assertEquals("December and January charged", List.of(-500L, -500L, -500L), fees());
        assertEquals(OffsetDateTime.parse("2027-02-01T00:00:00+08:00"), late.dueAt());
        assertEquals(OrderState.COMPLETED, turn(order, "2027-02-01T00:00:10+08:00").state());
        assertEquals(SubscriberStatus.ACTIVE, subscribers.status(NUMBER));
    }

    @Test
    public void rules13_keepNumber_atMostThreeMonths() {
        ProblemException e = assertThrows(ProblemException.class, () -> order(4, 0).submit(procedure));
        assertEquals(422, e.status());
        assertEquals("KEEP_NUMBER_TOO_LONG", e.code());
        assertEquals("params.months", e.field());
        ProblemException none = assertThrows(ProblemException.class,
                () -> new TestOrderContext(KeepNumberSuspension.ID, new TestProvinceParams("SN")).msisdn(NUMBER)
                        .customer(TestOrderContext.personal("张三")).documents(DocumentKind.HOLDER_ID)
                        .param("months", 0).submit(procedure));
        assertEquals(400, none.status());
        assertEquals(SubscriberStatus.ACTIVE, subscribers.status(NUMBER));
        assertEquals(List.of(), accounts.entries());
    }

    @Test
    public void rules13_keepNumber_theMonthlyFeeIsTheProvinceParameter() {
        TestOrderContext order = order(1, 0);
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.KEEP_NUMBER_MONTHLY_FEE_FEN, 800L);
        assertEquals(800, order.submit(procedure).totalFen());
    }

    @Test
    public void rules13_seed004_keepNumber_aMonthTheAccountCannotPayIsArrearsAndSuspendsForThem() {
        TestOrderContext order = order(3, 200);
        order.submit(procedure);
        order.payAndExecute(procedure, PaymentMethod.CASH, 500);
        StepOutcome december = turn(order, "2026-12-01T00:00:30+08:00");
        assertEquals(OrderState.COMPLETED, december.state());
        assertEquals(SubscriberStatus.SUSPENDED_ARREARS, subscribers.status(NUMBER));
        assertEquals("the month's fee is owed: 逾期不交纳,作欠费停机处理", -300, accounts.balance(ACCOUNT));
        assertEquals("ARREARS", order.result.get("ended"));
    }

    @Test
    public void rules13_keepNumber_cancellingTheRunningOrderResumesTheNumber() {
        TestOrderContext order = order(3, 2000);
        order.submit(procedure);
        order.payAndExecute(procedure, PaymentMethod.CASH, 500);
        order.storeAndReloadResult();
        procedure.cancel(order);
        assertEquals(SubscriberStatus.ACTIVE, subscribers.status(NUMBER));
        assertEquals("CANCELLED", order.result.get("ended"));
        assertEquals("the month served stays paid", List.of(-500L), fees());
    }

    @Test
    public void rules13_keepNumber_cancelledBeforePaymentChangesNothing() {
        TestOrderContext order = order(2, 2000);
        order.submit(procedure);
        procedure.cancel(order);
        assertEquals(SubscriberStatus.ACTIVE, subscribers.status(NUMBER));
        assertEquals(List.of(), accounts.entries());
    }

    @Test
    public void rules13_keepNumber_aNumberResumedMeanwhileEndsTheKeepNumberWithoutACharge() {
        TestOrderContext order = order(3, 2000);
        order.submit(procedure);
        order.payAndExecute(procedure, PaymentMethod.CASH, 500);
        subscribers.changeStatus(new org.bizhall.api.common.Msisdn(NUMBER), java.util.Set.of(SubscriberStatus.SUSPENDED_REQUEST),
                SubscriberStatus.ACTIVE, "resume-1");
        assertEquals(OrderState.COMPLETED, turn(order, "2026-12-01T00:00:30+08:00").state());
        assertEquals(List.of(-500L), fees());
        assertEquals("STATUS_CHANGED", order.result.get("ended"));
    }

    @Test
    public void rules9_keepNumber_onlyAnActiveNumberOfItsHolder() {
        TestOrderContext order = order(1, 0);
        subscribers.changeStatus(new org.bizhall.api.common.Msisdn(NUMBER), java.util.Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.SUSPENDED_ARREARS, "collection");
        assertEquals("SUSPENDED_FOR_ARREARS", assertThrows(ProblemException.class, () -> order.submit(procedure)).code());
        TestOrderContext noId = new TestOrderContext(KeepNumberSuspension.ID, new TestProvinceParams("SN"))
                .msisdn(NUMBER).customer(TestOrderContext.personal("张三")).param("months", 1);
        assertEquals("DOCUMENT_MISSING", assertThrows(ProblemException.class, () -> noId.submit(procedure)).code());
        assertTrue(procedure.descriptor().steps().contains("cancel"));
    }
}
