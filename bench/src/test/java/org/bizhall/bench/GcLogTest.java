package org.bizhall.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.Test;

/** {@link GcLog}: the node's pauses read from its {@code -Xlog:gc} and set beside the slowest paced payments. */
public class GcLogTest {
    private static final List<String> LOG = List.of(
            "[2026-12-06T03:10:55.044+0000] Using Parallel",
            "[2026-12-06T03:10:55.431+0000] GC(0) Pause Young (Allocation Failure) 121M->91M(251M) 7.060ms",
            "[2026-12-06T03:10:56.000+0000] GC(1) Pause Full (Ergonomics) 200M->80M(251M) 150.5ms",
            "[2026-12-06T03:10:57.500+0000] GC(2) Pause Young (Allocation Failure) 121M->91M(251M) 5.000ms",
            "[2026-12-06T03:10:59.000+0000] GC(3) Pause Young (Allocation Failure) 121M->91M(251M) 9.000ms");

    @Test
    public void pausesAreReadWithTheirEndLengthAndKindAndOtherLinesSkipped() {
        List<GcLog.Pause> pauses = GcLog.parse(LOG);
        assertEquals(4, pauses.size());
        GcLog.Pause first = pauses.get(0);
        assertEquals(Instant.parse("2026-12-06T03:10:55.431Z"), first.end());
        assertEquals(7.06, first.millis(), 1e-9);
        assertFalse(first.full());
        assertEquals(Instant.parse("2026-12-06T03:10:55.42394Z"), first.start());
        assertTrue(pauses.get(1).full());
    }

    @Test
    public void aPaymentCountsWhenItWasInFlightDuringAPauseAndOnlyPausesOfThePhaseAreReported() {
        List<GcLog.Pause> pauses = GcLog.parse(LOG);
        // the phase: 03:10:55.5 to 03:10:58.5, so the first young pause (before) and the last (after) are not its own
        Instant began = Instant.parse("2026-12-06T03:10:55.500Z");
        List<HallsPhase.Slow> slowest = List.of(
                // sent before the full pause began (55.8495) and answered after it: in flight
                new HallsPhase.Slow(Instant.parse("2026-12-06T03:10:55.840Z"), 170_000_000L, 1),
                // answered 1 ms before the young pause began (57.495)
                new HallsPhase.Slow(Instant.parse("2026-12-06T03:10:57.480Z"), 14_000_000L, 2),
                // sent during the young pause
                new HallsPhase.Slow(Instant.parse("2026-12-06T03:10:57.497Z"), 20_000_000L, 3),
                // nowhere near one
                new HallsPhase.Slow(Instant.parse("2026-12-06T03:10:58.000Z"), 30_000_000L, 4));
        GcLog.Report r = GcLog.report(pauses, began, Duration.ofSeconds(3), slowest);
        assertEquals(1, r.young());
        assertEquals(1, r.full());
        assertEquals(5.0, r.medianMillis(), 1e-9);
        assertEquals(150.5, r.maxMillis(), 1e-9);
        assertEquals(2, r.slowInPause());
        assertEquals(4, r.slow());
        assertTrue(r.toString(), r.toString().contains("2 of 4 were in flight during a pause"));
    }

    @Test
    public void aNodeWithoutTheLogHasNoPausesAndTheOptionNamesTheFileWithWallClockTimes() throws Exception {
        Path dir = Files.createTempDirectory("gclog");
        try {
            assertEquals(List.of(), GcLog.read(dir.resolve("gc.log")));
            Files.write(dir.resolve("gc.log"), LOG);
            assertEquals(4, GcLog.read(dir.resolve("gc.log")).size());
            assertEquals("-Xlog:gc:file=" + dir.resolve("gc.log") + ":utctime", GcLog.option(dir.resolve("gc.log")));
        } finally {
            Files.deleteIfExists(dir.resolve("gc.log"));
            Files.delete(dir);
        }
    }
}
