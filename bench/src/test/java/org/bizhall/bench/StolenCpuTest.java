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

/** {@link StolenCpu}: the machine's steal counter, read from {@code /proc/stat} and set beside the slowest payments. */
public class StolenCpuTest {
    private static final Instant T0 = Instant.parse("2026-12-06T05:36:51.000Z");

    private static StolenCpu.Sample at(long millis, long ticks) {
        return new StolenCpu.Sample(T0.plusMillis(millis), ticks);
    }

    @Test
    public void theStealColumnIsTheEighthNumberOfTheCpuLine() {
        assertEquals(27686, StolenCpu.steal("cpu  1273391 0 116202 919582 22397 0 18084 27686 0 0"));
        // a kernel without the column, a single CPU's line, and a file that is not /proc/stat
        assertEquals(-1, StolenCpu.steal("cpu  1273391 0 116202 919582 22397 0 18084"));
        assertEquals(-1, StolenCpu.steal("cpu0 636000 0 58000 459000 11000 0 9000 13800 0 0"));
        assertEquals(-1, StolenCpu.steal("nothing here"));
    }

    @Test
    public void stolenTimeItsWorstWindowAndThePaymentsInFlightWhileItWasStolen() {
        List<StolenCpu.Sample> samples = List.of(at(0, 100), at(20, 100), at(40, 102), at(60, 105), at(80, 105),
                at(100, 105), at(120, 105), at(140, 106), at(160, 106), at(180, 106), at(200, 106), at(220, 106));
        List<HallsPhase.Slow> slowest = List.of(
                // sent at 25 ms, answered at 50: the counter went 100 → 105 between the samples around it
                new HallsPhase.Slow(T0.plusMillis(25), 25_000_000L, 1),
                // sent at 82, answered at 118: 105 before and after
                new HallsPhase.Slow(T0.plusMillis(82), 36_000_000L, 2),
                // sent at 125, answered at 139: 105 at 120, 106 at 140
                new HallsPhase.Slow(T0.plusMillis(125), 14_000_000L, 3),
                // after the last steal
                new HallsPhase.Slow(T0.plusMillis(150), 40_000_000L, 4));
        StolenCpu.Report r = StolenCpu.report(samples, T0, Duration.ofMillis(220), slowest);
        assertTrue(r.read());
        assertEquals(60, r.stolenMillis(), 1e-9);
        // from the sample at 20 ms to the one at 120 ms: 100 → 105 (from 40 to 140: 102 → 106)
        assertEquals(50, r.worstWindowMillis(), 1e-9);
        assertEquals(2, r.slowInSteal());
        assertEquals(4, r.slow());
        assertTrue(r.toString(), r.toString().contains("60 ms of CPU stolen over 0.2 s (at most 50 ms in 100 ms)"));
        assertTrue(r.toString(), r.toString().contains("2 of 4 were in flight while CPU was stolen"));
    }

    @Test
    public void withoutSamplesTheReportSaysItReadNothing() {
        StolenCpu.Report r = StolenCpu.report(List.of(), T0, Duration.ofSeconds(15), List.of());
        assertFalse(r.read());
        assertEquals("not read (no /proc/stat with a steal column)", r.toString());
    }

    @Test
    public void theSamplerReadsTheFileUntilStopped() throws Exception {
        Path stat = Files.createTempFile("stat", ".txt");
        try {
            Files.writeString(stat, "cpu  1 0 1 1 0 0 0 40 0 0\nintr 1 2\n");
            StolenCpu.Sampler sampler = StolenCpu.start(stat);
            Thread.sleep(5 * StolenCpu.PERIOD_MS);
            Files.writeString(stat, "cpu  1 0 1 1 0 0 0 43 0 0\nintr 1 2\n");
            Thread.sleep(5 * StolenCpu.PERIOD_MS);
            List<StolenCpu.Sample> samples = sampler.stop();
            assertTrue(samples.size() >= 3);
            assertEquals(40, samples.get(0).ticks());
            assertEquals(43, samples.get(samples.size() - 1).ticks());
            for (int i = 1; i < samples.size(); i++) {
                assertFalse(samples.get(i).at().isBefore(samples.get(i - 1).at()));
            }
        } finally {
            Files.deleteIfExists(stat);
        }
    }

    @Test
    public void aFileWithoutTheColumnGivesNoSamples() throws Exception {
        Path stat = Files.createTempFile("stat", ".txt");
        try {
            Files.writeString(stat, "cpu  1 0 1 1\n");
            assertTrue(StolenCpu.start(stat).stop().isEmpty());
        } finally {
            Files.deleteIfExists(stat);
        }
    }
}
