package org.bizhall.billing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import org.bizhall.api.billing.CollectionNotice;
import org.bizhall.api.billing.CollectionRun;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryNumberPool;
import org.bizhall.testing.TestProvinceParameters;
import org.junit.Before;
import org.junit.Test;

/**
 * Rulebook §13 and seed 002/004: arrears suspension, then termination. A number still suspended for arrears
 * {@code arrearsTerminateDays} (default 60) after its suspension is terminated by the daily collection run: CANCELLED,
 * a TERMINATION notice, the number quarantined; paying before that keeps it from termination.
 */
public class ArrearsTerminationTest {
    private static final Caller ADMIN = Caller.admin("admin");
    private final FakeWorld world = new FakeWorld();
    private final TestProvinceParameters provinces = new TestProvinceParameters();
    private final InMemoryNumberPool numbers = new InMemoryNumberPool(world.clock);
    private final ArrearsServiceImpl arrears = new ArrearsServiceImpl(world.subscribers, world.accounts, world,
            world.clock);
    private final CollectionServiceImpl collection = new CollectionServiceImpl(world.subscribers, arrears, world,
            provinces, world.clock, world.transactions, world.audit, numbers);
    private OffsetDateTime suspendedAt;

    /** A number that owes October's 50 yuan: the run of 5 December (35 days after October) suspends it. */
    private Subscriber suspended(String msisdn) {
        Subscriber s = world.join(msisdn, "GOTONE-88", LocalDate.parse("2026-09-01"), 0);
        world.chargeOnce(s.accountId(), msisdn, YearMonth.parse("2026-10"), "RENT", "RENT", 5000, "月租 2026-10");
        return s;
    }

    @Before
    public void suspendFirst() {
        suspended("13891809001");
        suspended("13891809002");
        suspendedAt = world.clock.now();
        CollectionRun run = collection.run(ADMIN);
        assertEquals(2, run.suspended());
        assertEquals(0, run.terminated());
        assertEquals(SubscriberStatus.SUSPENDED_ARREARS, world.subscribers.status("13891809001"));
    }

    @Test
    public void rules13_arrearsTermination_notBeforeArrearsTerminateDays() {
        world.clock.set(suspendedAt.plusDays(59).withHour(23).withMinute(59));
        CollectionRun run = collection.run(ADMIN);
        assertEquals(0, run.terminated());
        assertEquals(SubscriberStatus.SUSPENDED_ARREARS, world.subscribers.status("13891809001"));
        assertEquals(null, numbers.number("13891809001"));
    }

    @Test
    public void rules13_arrearsTermination_stillSuspendedAfterSixtyDaysIsCancelledAndQuarantined() {
        // the daily run of the 60th day, whatever its hour: the days are business days
        OffsetDateTime day60 = suspendedAt.plusDays(60).withHour(0).withMinute(5);
        world.clock.set(day60);
        CollectionRun run = collection.run(ADMIN);
        assertEquals(2, run.terminated());
        assertEquals(SubscriberStatus.CANCELLED, world.subscribers.status("13891809001"));
        assertEquals(NumberStatus.QUARANTINED, numbers.number("13891809001").status());
        assertEquals("numberQuarantineDays (90) from the termination", day60.plusDays(90),
                numbers.number("13891809001").expiresAt());
        List<CollectionNotice> notices = world.notices("13891809001");
        CollectionNotice termination = notices.get(notices.size() - 1);
        assertEquals(CollectionServiceImpl.TERMINATION, termination.kind());
        assertEquals(5000, termination.arrearsFen());
        assertTrue(termination.text(), termination.text().contains("销号"));
        assertEquals("what it owes stays on the account, for a formal cancellation to recover", -5000,
                world.accounts.balance(world.subscribers.find(new Msisdn("13891809001")).orElseThrow().accountId()));

        assertEquals("a second run terminates nothing again", 0, collection.run(ADMIN).terminated());
    }

    @Test
    public void rules13_arrearsTermination_paidBeforeIsNotTerminated() {
        Subscriber payer = world.subscribers.find(new Msisdn("13891809002")).orElseThrow();
        world.clock.set(suspendedAt.plusDays(30));
        // bill-payment credits the arrears and restores the number at once (复机)
        world.accounts.post(payer.accountId(), "PAYMENT", 5000, "order-pay", "话费缴费");
        world.subscribers.changeStatus(new Msisdn(payer.msisdn()), Set.of(SubscriberStatus.SUSPENDED_ARREARS),
                SubscriberStatus.ACTIVE, "order-pay");
        world.clock.set(suspendedAt.plusDays(61));
        CollectionRun run = collection.run(ADMIN);
        assertEquals(1, run.terminated());
        assertEquals(SubscriberStatus.ACTIVE, world.subscribers.status("13891809002"));
        assertEquals(SubscriberStatus.CANCELLED, world.subscribers.status("13891809001"));
    }

    @Test
    public void rules13_arrearsTermination_nothingOwedAnyMoreIsNotTerminated() {
        Subscriber payer = world.subscribers.find(new Msisdn("13891809002")).orElseThrow();
        world.accounts.post(payer.accountId(), "PAYMENT", 5000, null, "credited without the restore");
        world.clock.set(suspendedAt.plusDays(61));
        assertEquals(1, collection.run(ADMIN).terminated());
        assertEquals(SubscriberStatus.SUSPENDED_ARREARS, world.subscribers.status("13891809002"));
    }

    @Test
    public void rules13_arrearsTermination_daysAreAProvinceParameter() {
        provinces.with("SN", NationalParams.ARREARS_TERMINATE_DAYS, 10);
        world.clock.set(suspendedAt.plusDays(10));
        assertEquals(2, collection.run(ADMIN).terminated());
    }

    @Test
    public void rules13_arrearsTermination_aManagerRunsItForItsProvinceOnly() {
        world.clock.set(suspendedAt.plusDays(60));
        Caller sxManager = new Caller("mgr-sx", org.bizhall.api.hall.Role.MANAGER, "SX-TY-001", "SX", Set.of());
        assertEquals(0, collection.run(sxManager).terminated());
        assertEquals(SubscriberStatus.SUSPENDED_ARREARS, world.subscribers.status("13891809001"));
    }
}
