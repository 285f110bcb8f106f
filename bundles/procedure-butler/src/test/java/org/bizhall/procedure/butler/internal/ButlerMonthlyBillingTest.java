package org.bizhall.procedure.butler.internal;

import static org.bizhall.procedure.butler.internal.ButlerFixture.ACCOUNT;
import static org.bizhall.procedure.butler.internal.ButlerFixture.DESK_NUMBER;
import static org.bizhall.procedure.butler.internal.ButlerFixture.OTHER_NUMBER;
import static org.bizhall.procedure.butler.internal.ButlerFixture.confirm;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/**
 * The butler is billed every month from the agreed date until its cancellation takes effect, at the tariff in force
 * that month (rulebook §13: tariff change next month, cancellation next month), each month once.
 */
public class ButlerMonthlyBillingTest {
    private final ButlerFixture fx = new ButlerFixture();
    private final MerchantButlerOpening opening = fx.opening();
    private final MerchantButlerTariffChange tariffChange = new MerchantButlerTariffChange(fx.subscribers, fx.clock);
    private final MerchantButlerCancellation cancellation = new MerchantButlerCancellation(fx.subscribers, fx.clock);
    private final MerchantButlerNumberChange numberChange = new MerchantButlerNumberChange(fx.subscribers);

    private static OffsetDateTime at(String local) {
        return OffsetDateTime.parse(local + "+08:00");
    }

    /** The standalone butler (30 yuan a month) billed from 1 December 2026, its first month charged, not archived. */
    private TestOrderContext billingStarted() {
        TestOrderContext order = ButlerFixture.opening(opening, "2026-12-01");
        order.orderId = "opening-1";
        order.submit(opening);
        opening.execute(order);
        confirm(opening, order, Role.BACKOFFICE, "BIG_CUSTOMER_OFFICE", true, null);
        confirm(opening, order, Role.BACKOFFICE, "WORK_ORDER", true, "ESOP-1");
        confirm(opening, order, Role.OPERATOR, "INSTALLATION", true, null);
        confirm(opening, order, Role.OPERATOR, "DELIVERY", true, null);
        StepOutcome started = fx.dateReached(opening, order, at("2026-12-01T00:00:10"));
        assertEquals(OrderState.PENDING_CONFIRMATION, started.state());
        return order;
    }

    /** Billing started and the papers archived on 3 December: the order waits for January's turn. */
    private TestOrderContext archived() {
        TestOrderContext order = billingStarted();
        order.now = at("2026-12-03T10:00:00");
        StepOutcome archived = confirm(opening, order, Role.BACKOFFICE, "ARCHIVE", true, null);
        assertEquals(OrderState.SCHEDULED, archived.state());
        assertEquals(at("2027-01-01T00:00:00"), archived.dueAt());
        return order;
    }

    /** A change of {@code procedure} on {@code msisdn} taken at {@code when}, kept as the engine keeps it. */
    private TestOrderContext change(MerchantButlerTariffChange procedure, String id, String when, String tariff) {
        TestOrderContext order = ButlerFixture.order(procedure).param("tariff", tariff);
        order.orderId = id;
        order.now = at(when);
        order.submit(procedure);
        assertEquals(OrderState.SCHEDULED, procedure.execute(order).state());
        fx.taken(MerchantButlerTariffChange.ID, order, OrderState.SCHEDULED);
        return order;
    }

    private TestOrderContext cancelled(String id, String when) {
        TestOrderContext order = ButlerFixture.order(cancellation);
        order.orderId = id;
        order.now = at(when);
        order.submit(cancellation);
        assertEquals(OrderState.SCHEDULED, cancellation.execute(order).state());
        fx.taken(MerchantButlerCancellation.ID, order, OrderState.SCHEDULED);
        return order;
    }

    private List<Long> feesCharged() {
        return fx.accounts.entries(ACCOUNT).stream().filter(e -> Butler.LEDGER_FEE.equals(e.kind()))
                .map(LedgerEntry::amountFen).toList();
    }

    private static List<String> monthsCharged(TestOrderContext order) {
        return ((List<?>) order.result.get("charges")).stream().map(c -> (String) ((Map<?, ?>) c).get("month"))
                .toList();
    }

    @Test
    public void rules13_billedEveryMonthFromTheAgreedDate() {
        TestOrderContext order = archived();
        assertEquals("the first month, at the agreement", List.of(-3000L), feesCharged());

        StepOutcome january = fx.dateReached(opening, order, at("2027-01-01T00:00:02"));
        assertEquals(OrderState.SCHEDULED, january.state());
        assertEquals(at("2027-02-01T00:00:00"), january.dueAt());
        StepOutcome february = fx.dateReached(opening, order, at("2027-02-01T00:00:02"));
        assertEquals(at("2027-03-01T00:00:00"), february.dueAt());

        assertEquals("one charge a month, each an entry of its own", List.of(-3000L, -3000L, -3000L), feesCharged());
        assertEquals(List.of("2026-12", "2027-01", "2027-02"), monthsCharged(order));
        assertEquals("2027-02", order.result.get("billedThrough"));
        assertEquals("2027-03-01", order.result.get("nextCharge"));
        assertEquals("still the butler's, on the number", "ARCHIVED", order.result.get("stage"));
    }

    @Test
    public void rules13_billedEveryMonth_eachMonthOnce_evenWhenTheTurnIsDeliveredTwice() {
        TestOrderContext order = archived();
        fx.dateReached(opening, order, at("2027-01-01T00:00:02"));
        // a second node, or the same job after a restart, wakes the order again in January: nothing more is due
        StepOutcome again = fx.dateReached(opening, order, at("2027-01-01T00:05:00"));
        assertEquals(OrderState.SCHEDULED, again.state());
        assertEquals(at("2027-02-01T00:00:00"), again.dueAt());
        assertEquals(List.of(-3000L, -3000L), feesCharged());
    }

    @Test
    public void rules13_billedEveryMonth_monthsThatBeganBeforeTheArchiveAreChargedAtTheArchive() {
        TestOrderContext order = billingStarted();
        order.now = at("2027-02-10T10:00:00"); // the office archived late: January and February had begun
        StepOutcome archived = confirm(opening, order, Role.BACKOFFICE, "ARCHIVE", true, null);
        assertEquals(at("2027-03-01T00:00:00"), archived.dueAt());
        assertEquals(List.of(-3000L, -3000L, -3000L), feesCharged());
        assertEquals(List.of("2026-12", "2027-01", "2027-02"), monthsCharged(order));
    }

    @Test
    public void rules13_tariffChangeFromNextMonth() {
        TestOrderContext order = archived();
        TestOrderContext change = change(tariffChange, "change-1", "2027-01-10T11:00:00", "NETWORK");
        assertEquals("2027-02-01", change.result.get("effectiveFrom"));
        fx.dateReached(opening, order, at("2027-01-01T00:00:02"));
        // February's turn: the butler's month is charged before the change's own job swapped the feature word
        fx.dateReached(opening, order, at("2027-02-01T00:00:01"));
        assertEquals(OrderState.COMPLETED, fx.dateReached(tariffChange, change, at("2027-02-01T00:00:03")).state());
        fx.taken(MerchantButlerTariffChange.ID, change, OrderState.COMPLETED);
        fx.dateReached(opening, order, at("2027-03-01T00:00:01"));

        assertEquals("December and January standalone, from February the network edition",
                List.of(-3000L, -3000L, -5000L, -5000L), feesCharged());
        Map<?, ?> february = (Map<?, ?>) ((List<?>) order.result.get("charges")).get(2);
        assertEquals("NETWORK", february.get("tariff"));
    }

    @Test
    public void rules13_tariffChangeFromNextMonth_clockJumpedOverSeveralTurns_eachMonthAtItsOwnTariff() {
        TestOrderContext order = archived();
        TestOrderContext change = change(tariffChange, "change-1", "2027-01-10T11:00:00", "NETWORK");
        fx.dateReached(tariffChange, change, at("2027-03-05T09:00:00"));
        fx.taken(MerchantButlerTariffChange.ID, change, OrderState.COMPLETED);
        StepOutcome late = fx.dateReached(opening, order, at("2027-03-05T09:00:01"));
        assertEquals(at("2027-04-01T00:00:00"), late.dueAt());
        assertEquals(List.of(-3000L, -3000L, -5000L, -5000L), feesCharged());
    }

    @Test
    public void rules13_tariffChangeFromNextMonth_aRejectedOrCancelledChangeChangesNothing() {
        TestOrderContext order = archived();
        TestOrderContext change = change(tariffChange, "change-1", "2027-01-10T11:00:00", "NETWORK");
        fx.taken(MerchantButlerTariffChange.ID, change, OrderState.CANCELLED);
        fx.dateReached(opening, order, at("2027-02-01T00:00:01"));
        assertEquals(List.of(-3000L, -3000L, -3000L), feesCharged());
    }

    @Test
    public void rules13_cancellationStopsBilling() {
        TestOrderContext order = archived();
        TestOrderContext cancel = cancelled("cancel-1", "2027-01-20T15:00:00");
        assertEquals("2027-02-01", cancel.result.get("effectiveFrom"));
        fx.dateReached(opening, order, at("2027-01-01T00:00:02"));
        // February's turn: whichever of the two runs first, February is not billed
        StepOutcome february = fx.dateReached(opening, order, at("2027-02-01T00:00:01"));
        assertEquals(OrderState.COMPLETED, february.state());
        assertEquals("CANCELLED", order.result.get("ended"));
        assertEquals("2027-02-01", order.result.get("endedFrom"));
        assertNull(order.result.get("nextCharge"));
        assertEquals("December and January, the month the cancellation was asked in", List.of(-3000L, -3000L),
                feesCharged());
        assertEquals(OrderState.COMPLETED, fx.dateReached(cancellation, cancel, at("2027-02-01T00:00:03")).state());
        assertFalse(fx.subscribers.find(new Msisdn(DESK_NUMBER)).orElseThrow().has("MERCHANT_BUTLER_STANDALONE"));
        assertEquals(1, fx.audit.actions().stream().filter(MerchantButlerOpening.AUDIT_ENDED::equals).count());
    }

    @Test
    public void rules13_cancellationStopsBilling_cancelledBeforeTheArchive_theArchiveEndsTheOrder() {
        TestOrderContext order = billingStarted();
        cancelled("cancel-1", "2026-12-02T15:00:00");
        order.now = at("2027-01-04T10:00:00");
        assertEquals(OrderState.COMPLETED, confirm(opening, order, Role.BACKOFFICE, "ARCHIVE", true, null).state());
        assertEquals("2031-12-01", order.result.get("archiveUntil"));
        assertEquals(List.of(-3000L), feesCharged());
    }

    @Test
    public void rules13_numberChange_theNextMonthsAreChargedOnTheNewNumber() {
        TestOrderContext order = archived();
        TestOrderContext move = ButlerFixture.order(numberChange).param("newMsisdn", OTHER_NUMBER);
        move.orderId = "move-1";
        move.now = at("2027-01-15T10:00:00");
        move.submit(numberChange);
        assertEquals(OrderState.COMPLETED, numberChange.execute(move).state());
        fx.taken(MerchantButlerNumberChange.ID, move, OrderState.COMPLETED);
        // on the new number the company changes the tariff, then cancels
        TestOrderContext change = ButlerFixture.order(tariffChange).msisdn(OTHER_NUMBER).param("tariff", "NETWORK");
        change.orderId = "change-2";
        change.now = at("2027-01-20T10:00:00");
        change.submit(tariffChange);
        tariffChange.execute(change);
        fx.taken(MerchantButlerTariffChange.ID, change, OrderState.SCHEDULED);

        fx.dateReached(opening, order, at("2027-02-01T00:00:01"));
        List<?> charges = (List<?>) order.result.get("charges");
        assertEquals(OTHER_NUMBER, ((Map<?, ?>) charges.get(2)).get("msisdn"));
        assertEquals("NETWORK", ((Map<?, ?>) charges.get(2)).get("tariff"));
        assertEquals(List.of(-3000L, -3000L, -5000L), feesCharged());
    }

    @Test
    public void rules13_numberChange_aChangeLeftOnTheOldNumberEndsNothing() {
        TestOrderContext order = archived();
        TestOrderContext cancel = cancelled("cancel-1", "2027-01-10T10:00:00"); // on the desk number, for February
        TestOrderContext move = ButlerFixture.order(numberChange).param("newMsisdn", OTHER_NUMBER);
        move.orderId = "move-1";
        move.now = at("2027-01-15T10:00:00");
        move.submit(numberChange);
        numberChange.execute(move);
        fx.taken(MerchantButlerNumberChange.ID, move, OrderState.COMPLETED);
        fx.dateReached(cancellation, cancel, at("2027-02-01T00:00:01")); // the desk number has no butler: a no-op
        fx.taken(MerchantButlerCancellation.ID, cancel, OrderState.COMPLETED);

        assertEquals(OrderState.SCHEDULED, fx.dateReached(opening, order, at("2027-02-01T00:00:02")).state());
        assertEquals("the butler goes on on the new number, and so does its billing", List.of(-3000L, -3000L, -3000L),
                feesCharged());
    }

    @Test
    public void rules13_billedEveryMonth_aSuspendedMonthIsNotChargedAndACancelledNumberEndsTheButler() {
        TestOrderContext order = archived();
        fx.subscribers.changeStatus(new Msisdn(DESK_NUMBER), Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.SUSPENDED_REQUEST, "keep-number");
        assertEquals(OrderState.SCHEDULED, fx.dateReached(opening, order, at("2027-01-01T00:00:02")).state());
        assertEquals(List.of(-3000L), feesCharged());
        assertEquals("SUSPENDED_REQUEST",
                ((Map<?, ?>) ((List<?>) order.result.get("charges")).get(1)).get("notChargedBecause"));

        fx.subscribers.changeStatus(new Msisdn(DESK_NUMBER), Set.of(SubscriberStatus.SUSPENDED_REQUEST),
                SubscriberStatus.CANCELLED, "terminated");
        assertEquals(OrderState.COMPLETED, fx.dateReached(opening, order, at("2027-02-01T00:00:02")).state());
        assertEquals("NUMBER_LEFT_SERVICE", order.result.get("ended"));
        assertEquals(List.of(-3000L), feesCharged());
    }
}
