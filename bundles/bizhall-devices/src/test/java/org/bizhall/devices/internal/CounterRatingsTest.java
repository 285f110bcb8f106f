package org.bizhall.devices.internal;

import static org.bizhall.devices.internal.CounterFakes.ADMIN;
import static org.bizhall.devices.internal.CounterFakes.BO_SN;
import static org.bizhall.devices.internal.CounterFakes.MGR_SN;
import static org.bizhall.devices.internal.CounterFakes.OP_SN;
import static org.bizhall.devices.internal.CounterFakes.OP_SN2;
import static org.bizhall.devices.internal.CounterFakes.OP_SX;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.OperatorRating;
import org.bizhall.api.counter.Rating;
import org.bizhall.api.counter.RatingSource;
import org.bizhall.api.counter.RatingSummary;
import org.bizhall.api.order.OrderState;
import org.bizhall.testing.InMemoryHallDirectory;
import org.bizhall.testing.SettableClock;
import org.junit.Test;

/** Rules §1.8 (the customer rates the service) and "Hall devices" (no pad: the score is entered by hand). */
public class CounterRatingsTest {
    private final CounterFakes.Pad pad = new CounterFakes.Pad();
    private final CounterFakes.Ratings store = new CounterFakes.Ratings();
    private final SettableClock clock = CounterFakes.clock();
    private final CounterFakes.Orders orders = new CounterFakes.Orders()
            .with("o-1", "SN", "SN-XA-001", "op-sn", OrderState.COMPLETED)
            .with("o-2", "SN", "SN-XA-001", "mgr-sn", OrderState.COMPLETED)
            .with("o-3", "SN", "SN-XA-001", "op-sn", OrderState.COMPLETED)
            .with("o-open", "SN", "SN-XA-001", "op-sn", OrderState.PENDING_PAYMENT)
            .with("o-hall2", "SN", "SN-XA-002", "op-sn2", OrderState.COMPLETED);
    private final CounterRatings ratings = new CounterRatings(orders, store,
            CounterFakes.registryWith("SN-XA-001", pad), InMemoryHallDirectory.demo(), clock);

    private static ProblemException refused(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e;
        }
        fail("expected a refusal");
        return null;
    }

    @Test
    public void theCustomerRatesTheOperatorWhoServedTheOrderOnThePad_rule1_8() {
        pad.pressed = 4;
        Rating rating = ratings.rate(OP_SN, "o-2", null);
        assertEquals(List.of("mgr-sn/o-2"), pad.asked);
        assertEquals("mgr-sn", rating.operator());
        assertEquals(4, rating.score());
        assertEquals(RatingSource.PAD, rating.source());
        assertEquals("SN-XA-001-rating_pad", rating.device());
        assertEquals("op-sn", rating.recordedBy());
        assertEquals(CounterFakes.NOW, rating.at());
        assertEquals(LocalDate.of(2026, 11, 5), rating.businessDate());
        assertEquals(rating, store.find("o-2").orElseThrow());
    }

    @Test
    public void anOrderIsRatedOncePerOrder_rule1_8() {
        ratings.rate(OP_SN, "o-1", null);
        ProblemException again = refused(() -> ratings.rate(OP_SN, "o-1", 3));
        assertEquals(409, again.status());
        assertEquals("RATING_EXISTS", again.code());
        assertEquals("the pad is not asked again", 1, pad.asked.size());
        assertEquals(5, store.find("o-1").orElseThrow().score());
    }

    @Test
    public void aHallWithoutAPadEntersTheScoreByHand_hallWithoutDeviceFallsBackToManual() {
        CounterRatings noPad = new CounterRatings(orders, store, new DeviceRegistryImpl(), InMemoryHallDirectory.demo(),
                clock);
        ProblemException e = refused(() -> noPad.rate(OP_SN, "o-1", null));
        assertEquals(503, e.status());
        assertEquals("DEVICE_UNAVAILABLE", e.code());
        assertTrue(e.detail(), e.detail().contains("RATING_PAD"));
        assertTrue("nothing stored", store.find("o-1").isEmpty());
        Rating manual = noPad.rate(OP_SN, "o-1", 2);
        assertEquals(RatingSource.MANUAL, manual.source());
        assertNull(manual.device());
        assertEquals(2, manual.score());
    }

    @Test
    public void aCustomerWhoTellsTheScoreHasItEnteredByHandEvenWithAPad_rule1_8() {
        Rating manual = ratings.rate(OP_SN, "o-1", 3);
        assertEquals(RatingSource.MANUAL, manual.source());
        assertTrue("the pad is not asked", pad.asked.isEmpty());
    }

    @Test
    public void aCustomerWhoDoesNotPressIs422AndAFailingPad503_thenTheCounterEntersIt() {
        pad.pressed = null;
        assertEquals("RATING_NOT_GIVEN", refused(() -> ratings.rate(OP_SN, "o-1", null)).code());
        pad.off = true;
        assertEquals("DEVICE_UNAVAILABLE", refused(() -> ratings.rate(OP_SN, "o-1", null)).code());
        assertEquals(RatingSource.MANUAL, ratings.rate(OP_SN, "o-1", 5).source());
    }

    @Test
    public void aScoreIsAWholeNumberFromOneToFive_rule1_8() {
        for (int bad : new int[] {0, 6, -1}) {
            ProblemException e = refused(() -> ratings.rate(OP_SN, "o-1", bad));
            assertEquals(400, e.status());
            assertEquals("SCORE_INVALID", e.code());
            assertEquals("score", e.field());
        }
        assertEquals(1, ratings.rate(OP_SN, "o-1", 1).score());
        assertEquals(5, ratings.rate(OP_SN, "o-3", 5).score());
    }

    @Test
    public void onlyACompletedOrderOfTheCallersProvinceAndHallIsRated() {
        assertEquals("ORDER_NOT_COMPLETED", refused(() -> ratings.rate(OP_SN, "o-open", 5)).code());
        assertEquals("OTHER_HALL", refused(() -> ratings.rate(OP_SN, "o-hall2", 5)).code());
        assertEquals("OTHER_PROVINCE", refused(() -> ratings.rate(OP_SX, "o-1", 5)).code());
        assertEquals("ORDER_NOT_FOUND", refused(() -> ratings.rate(OP_SN, "o-none", 5)).code());
        assertEquals("ROLE_NOT_ALLOWED", refused(() -> ratings.rate(BO_SN, "o-1", 5)).code());
        assertTrue(store.byOrder.isEmpty());
        assertEquals("an admin may rate any hall's order", RatingSource.MANUAL,
                ratings.rate(ADMIN, "o-hall2", 4).source());
    }

    @Test
    public void theDaySummaryCountsAndAveragesPerOperator() {
        ratings.rate(OP_SN, "o-1", 5);
        ratings.rate(OP_SN, "o-3", 4);
        ratings.rate(OP_SN, "o-2", 4);
        clock.moveTo(OffsetDateTime.parse("2026-11-06T09:00:00+08:00"));
        orders.with("o-4", "SN", "SN-XA-001", "op-sn", OrderState.COMPLETED);
        ratings.rate(OP_SN, "o-4", 1);
        RatingSummary day = ratings.summary(MGR_SN, "SN-XA-001", LocalDate.of(2026, 11, 5));
        assertEquals(3, day.count());
        assertEquals(4.33, day.average(), 0.0);
        assertEquals(List.of(new OperatorRating("mgr-sn", 1, 4.0), new OperatorRating("op-sn", 2, 4.5)),
                day.operators());
        RatingSummary today = ratings.summary(OP_SN, "SN-XA-001", null);
        assertEquals(LocalDate.of(2026, 11, 6), today.date());
        assertEquals(1, today.count());
        RatingSummary empty = ratings.summary(ADMIN, "SN-XA-002", LocalDate.of(2026, 11, 5));
        assertEquals(0, empty.count());
        assertEquals(0.0, empty.average(), 0.0);
    }

    @Test
    public void theSummaryIsForManagersOfTheProvinceAdminsAndStaffOfTheHall() {
        assertEquals("a manager reads another hall of the province", "SN-XA-002",
                ratings.summary(MGR_SN, "SN-XA-002", null).hall());
        assertEquals("OTHER_HALL", refused(() -> ratings.summary(OP_SN2, "SN-XA-001", null)).code());
        assertEquals("OTHER_PROVINCE", refused(() -> ratings.summary(MGR_SN, "SX-TY-001", null)).code());
        assertEquals("HALL_NOT_FOUND", refused(() -> ratings.summary(ADMIN, "XX-1", null)).code());
    }
}
