package org.bizhall.devices.internal;

import static org.bizhall.devices.internal.CounterFakes.ADMIN;
import static org.bizhall.devices.internal.CounterFakes.OP_SN;
import static org.bizhall.devices.internal.CounterFakes.OP_SX;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.KioskChoice;
import org.bizhall.api.counter.KioskOffer;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.testing.InMemoryHallDirectory;
import org.bizhall.testing.InMemoryNumberPool;
import org.junit.Test;

/** Rules §1.1 (choose a number from the pool by segment or pattern) on the hall's number kiosk. */
public class CounterNumberKioskTest {
    private final CounterFakes.Kiosk kiosk = new CounterFakes.Kiosk();
    private final InMemoryNumberPool pool = new InMemoryNumberPool(CounterFakes.clock()).with("13891800088", "SN", 5000)
            .with("13891800188", "SN", 5000).with("13891801234", "SN", 0).with("13935100088", "SX", 5000);
    private final CounterNumberKiosk service = new CounterNumberKiosk(CounterFakes.registryWith("SN-XA-001", kiosk),
            InMemoryHallDirectory.demo(), pool);

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
    public void theKioskShowsAvailableNumbersOfTheHallsProvinceByPattern_rule1_1() {
        KioskOffer offer = service.offer(OP_SN, "SN-XA-001", "1389", "*88", null);
        assertEquals(List.of("13891800088", "13891800188"), offer.numbers().stream().map(PoolNumber::msisdn).toList());
        assertEquals(List.of("13891800088", "13891800188"), kiosk.shown);
        assertEquals("SN-XA-001-number_kiosk", offer.device());
        assertEquals(1, service.offer(OP_SN, "SN-XA-001", null, null, 1).numbers().size());
    }

    @Test
    public void theCustomersChoiceIsReadWithItsPrestore_rule1_1() {
        assertTrue("nothing shown, nothing chosen", service.choice(OP_SN, "SN-XA-001").isEmpty());
        service.offer(OP_SN, "SN-XA-001", null, "*88", 5);
        kiosk.choice = 1;
        KioskChoice choice = service.choice(OP_SN, "SN-XA-001").orElseThrow();
        assertEquals("13891800188", choice.msisdn());
        assertEquals(5000, choice.prestoreFen());
    }

    @Test
    public void aHallWithoutAKioskChoosesAtTheCounter_hallWithoutDeviceFallsBackToManual() {
        ProblemException e = refused(() -> service.offer(ADMIN, "SN-XA-002", null, null, null));
        assertEquals(503, e.status());
        assertEquals("DEVICE_UNAVAILABLE", e.code());
        kiosk.off = true;
        assertEquals("DEVICE_UNAVAILABLE", refused(() -> service.choice(OP_SN, "SN-XA-001")).code());
    }

    @Test
    public void badInputAndAnotherHallAreRefusedBeforeTheKioskShowsAnything() {
        assertEquals("LIMIT_INVALID", refused(() -> service.offer(OP_SN, "SN-XA-001", null, null, 51)).code());
        assertEquals("PREFIX_INVALID", refused(() -> service.offer(OP_SN, "SN-XA-001", "13a", null, null)).code());
        assertEquals("PATTERN_INVALID", refused(() -> service.offer(OP_SN, "SN-XA-001", null, "8?8", null)).code());
        assertEquals("OTHER_HALL", refused(() -> service.offer(OP_SX, "SN-XA-001", null, null, null)).code());
        assertTrue(kiosk.shown.isEmpty());
    }
}
