package org.bizhall.bench;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.Test;

public class SwapVerdictTest {
    private static final long S = 1_000_000_000L;
    private static final String SN = SwapPhase.SN_PROVIDER + "1.0.0.SNAPSHOT";
    private static final String NATIONAL = SwapPhase.NATIONAL_PROVIDER + "1.0.0.SNAPSHOT";

    private static SwapReport.Order sn(long sent, String provider) {
        return new SwapReport.Order("SN", sent, sent, sent, "o" + sent, provider, true, null);
    }

    /** Install from 10 s to 16 s, uninstall from 20 s to 26 s; SN orders every half second around them. */
    private static SwapPhase.Result run(long switchedAt, Map<String, Integer> failures, List<String> lost, long sxOnSn,
            List<String> serviceChanges, boolean overloaded, boolean commandsOk) {
        List<SwapReport.Order> orders = new java.util.ArrayList<>();
        for (long t = 0; t < 40 * S; t += S / 2) {
            boolean onPack = t >= switchedAt && t < 24 * S;
            orders.add(sn(t, onPack ? SN : NATIONAL));
        }
        List<SwapPhase.Command> commands = List.of(new SwapPhase.Command(true, 10 * S, 16 * S, commandsOk),
                new SwapPhase.Command(false, 20 * S, 26 * S, true));
        return new SwapPhase.Result(orders.size(), orders, commands, lost, failures, sxOnSn, List.of(), serviceChanges,
                22, 99, overloaded, 40 * S, 40 * S, new Load.Latencies());
    }

    @Test
    public void aCleanRunPasses() {
        SwapPhase.Result r = run(14 * S, Map.of(), List.of(), 0, List.of(), false, true);
        assertEquals(List.of(), r.faults());
        assertEquals(List.of(java.util.OptionalLong.of(-2 * S)), SwapPhase.switchTimes(r, true));
        assertEquals(List.of(java.util.OptionalLong.of(-2 * S)), SwapPhase.switchTimes(r, false));
    }

    @Test
    public void issue12_anInstallServingSnOneSecondOrMoreAfterItReturnedFails() {
        assertEquals(List.of("an install took 1 s or more to serve SN"),
                run(17 * S, Map.of(), List.of(), 0, List.of(), false, true).faults());
        assertEquals(List.of(), run(16 * S + S / 2, Map.of(), List.of(), 0, List.of(), false, true).faults());
    }

    @Test
    public void issue12_failedOrLostOrdersSxOnTheSnPackARefreshAFailedCommandOrAnUnsustainedRateFail() {
        assertEquals(List.of("orders failed or lost"),
                run(14 * S, Map.of("POST /orders 500 PROCEDURE_FAILED", 1), List.of(), 0, List.of(), false, true).faults());
        assertEquals(List.of("orders failed or lost"),
                run(14 * S, Map.of(), List.of("SN o1 HTTP 404"), 0, List.of(), false, true).faults());
        assertEquals(List.of("SX served by the SN pack"),
                run(14 * S, Map.of(), List.of(), 1, List.of(), false, true).faults());
        assertEquals(List.of("the platform was refreshed or restarted"),
                run(14 * S, Map.of(), List.of(), 0, List.of("changed: 113 [x] y [1] → [2]"), false, true).faults());
        assertEquals(List.of("a kar command failed"),
                run(14 * S, Map.of(), List.of(), 0, List.of(), false, false).faults());
        assertEquals(List.of("the rate was not sustained (lower --rate)"),
                run(14 * S, Map.of(), List.of(), 0, List.of(), true, true).faults());
    }
}
