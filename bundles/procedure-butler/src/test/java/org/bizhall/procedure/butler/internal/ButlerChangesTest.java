package org.bizhall.procedure.butler.internal;

import static org.bizhall.procedure.butler.internal.ButlerFixture.DESK_NUMBER;
import static org.bizhall.procedure.butler.internal.ButlerFixture.OTHER_NUMBER;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.Subscriber;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/** Tariff change next month, number change at once, cancellation next month (rulebook §13). */
public class ButlerChangesTest {
    private final ButlerFixture fx = new ButlerFixture();
    private final MerchantButlerTariffChange tariffChange = new MerchantButlerTariffChange(fx.subscribers, fx.clock);
    private final MerchantButlerNumberChange numberChange = new MerchantButlerNumberChange(fx.subscribers);
    private final MerchantButlerCancellation cancellation = new MerchantButlerCancellation(fx.subscribers, fx.clock);

    public ButlerChangesTest() {
        fx.subscribers.changeFeatures(new Msisdn(DESK_NUMBER), Set.of("MERCHANT_BUTLER_STANDALONE"), Set.of(), "o");
    }

    private Subscriber number(String msisdn) {
        return fx.subscribers.find(new Msisdn(msisdn)).orElseThrow();
    }

    @Test
    public void rule13_tariffChange_takesEffectAtTheTurnOfTheMonth() {
        TestOrderContext order = ButlerFixture.order(tariffChange).param("tariff", "NETWORK");
        assertEquals(0, order.submit(tariffChange).totalFen());
        StepOutcome waits = tariffChange.execute(order);
        assertEquals(OrderState.SCHEDULED, waits.state());
        assertEquals(OffsetDateTime.parse("2026-12-01T00:00:00+08:00"), waits.dueAt());
        assertEquals("2026-12-01", order.result.get("effectiveFrom"));
        assertTrue("unchanged this month", number(DESK_NUMBER).has("MERCHANT_BUTLER_STANDALONE"));

        assertEquals(OrderState.COMPLETED, fx.dateReached(tariffChange, order,
                OffsetDateTime.parse("2026-12-01T00:00:05+08:00")).state());
        assertTrue(number(DESK_NUMBER).has("MERCHANT_BUTLER_NETWORK"));
        assertFalse(number(DESK_NUMBER).has("MERCHANT_BUTLER_STANDALONE"));
    }

    @Test
    public void rule13_tariffChange_monthTurnInTheBusinessZone() {
        TestOrderContext order = ButlerFixture.order(tariffChange).param("tariff", "NETWORK");
        order.now = OffsetDateTime.parse("2026-11-30T17:00:00Z"); // 2026-12-01 01:00 in Shanghai
        order.submit(tariffChange);
        assertEquals(OffsetDateTime.parse("2027-01-01T00:00:00+08:00"), tariffChange.execute(order).dueAt());
    }

    @Test
    public void rule13_tariffChange_sameTariffOrNoButlerRefused() {
        assertEquals("BUTLER_TARIFF_UNCHANGED", assertThrows(ProblemException.class,
                () -> ButlerFixture.order(tariffChange).param("tariff", "STANDALONE").submit(tariffChange)).code());
        TestOrderContext other = ButlerFixture.order(tariffChange).msisdn(OTHER_NUMBER).param("tariff", "NETWORK");
        assertEquals("BUTLER_NOT_OPEN", assertThrows(ProblemException.class, () -> other.submit(tariffChange)).code());
    }

    @Test
    public void rule13_tariffChange_butlerCancelledBeforeTheTurn_rejected() {
        TestOrderContext order = ButlerFixture.order(tariffChange).param("tariff", "NETWORK");
        order.submit(tariffChange);
        tariffChange.execute(order);
        fx.subscribers.changeFeatures(new Msisdn(DESK_NUMBER), Set.of(), ButlerTariff.FEATURES, "cancelled");
        assertEquals(OrderState.REJECTED, fx.dateReached(tariffChange, order,
                OffsetDateTime.parse("2026-12-01T00:00:05+08:00")).state());
        assertFalse(number(DESK_NUMBER).has("MERCHANT_BUTLER_NETWORK"));
    }

    @Test
    public void rule13_numberChange_takesEffectAtOnce() {
        TestOrderContext order = ButlerFixture.order(numberChange).param("newMsisdn", OTHER_NUMBER);
        assertEquals(0, order.submit(numberChange).totalFen());
        assertEquals(OrderState.COMPLETED, numberChange.execute(order).state());
        assertTrue(number(OTHER_NUMBER).has("MERCHANT_BUTLER_STANDALONE"));
        assertFalse(number(DESK_NUMBER).has("MERCHANT_BUTLER_STANDALONE"));
        assertEquals(OTHER_NUMBER, order.result.get("toMsisdn"));
    }

    @Test
    public void rule13_numberChange_newNumberOfAnotherHolderOrTheSameNumberRefused() {
        fx.subscribers.add(ButlerFixture.number("13891800034", TestOrderContext.personal("张三")));
        ProblemException e = assertThrows(ProblemException.class, () -> ButlerFixture.order(numberChange)
                .param("newMsisdn", "13891800034").submit(numberChange));
        assertEquals("BUTLER_NEW_NUMBER_INVALID", e.code());
        assertEquals("params.newMsisdn", e.field());
        assertEquals("BUTLER_NEW_NUMBER_INVALID", assertThrows(ProblemException.class, () -> ButlerFixture
                .order(numberChange).param("newMsisdn", DESK_NUMBER).submit(numberChange)).code());
        assertEquals("SUBSCRIBER_NOT_FOUND", assertThrows(ProblemException.class, () -> ButlerFixture
                .order(numberChange).param("newMsisdn", "13891800099").submit(numberChange)).code());
        assertTrue("nothing moved", number(DESK_NUMBER).has("MERCHANT_BUTLER_STANDALONE"));
    }

    @Test
    public void rule13_cancellation_takesEffectNextMonth() {
        TestOrderContext order = ButlerFixture.order(cancellation);
        order.submit(cancellation);
        StepOutcome waits = cancellation.execute(order);
        assertEquals(OrderState.SCHEDULED, waits.state());
        assertEquals(OffsetDateTime.parse("2026-12-01T00:00:00+08:00"), waits.dueAt());
        assertTrue("billed to the month's end", number(DESK_NUMBER).has("MERCHANT_BUTLER_STANDALONE"));
        assertEquals(OrderState.COMPLETED, fx.dateReached(cancellation, order,
                OffsetDateTime.parse("2026-12-01T00:00:05+08:00")).state());
        assertFalse(number(DESK_NUMBER).has("MERCHANT_BUTLER_STANDALONE"));
        assertEquals("the number stays in service", org.bizhall.api.service.SubscriberStatus.ACTIVE,
                number(DESK_NUMBER).status());
    }

    @Test
    public void rule13_cancellation_numberWithoutButlerRefused() {
        assertEquals("BUTLER_NOT_OPEN", assertThrows(ProblemException.class,
                () -> ButlerFixture.order(cancellation).msisdn(OTHER_NUMBER).submit(cancellation)).code());
    }
}
