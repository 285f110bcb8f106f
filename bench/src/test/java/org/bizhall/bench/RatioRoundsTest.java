package org.bizhall.bench;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

/** {@code --rounds}: the platform and the baseline measured in turn, their rates pooled over the rounds. */
public class RatioRoundsTest {
    private static final long S = 1_000_000_000L;

    @Test
    public void theOpeningsAreSplitEvenlyTheFirstRoundsTakingTheRest() {
        assertArrayEquals(new int[] {250, 250, 250, 250}, RatioRounds.split(1000, 4));
        assertArrayEquals(new int[] {334, 333, 333}, RatioRounds.split(1000, 3));
        assertArrayEquals(new int[] {7}, RatioRounds.split(7, 1));
        assertThrows(IllegalArgumentException.class, () -> RatioRounds.split(3, 4));
    }

    @Test
    public void theOrderAlternatesThePlatformGoingFirstInTheFirstRound() {
        assertFalse(RatioRounds.jdbcFirst(1));
        assertTrue(RatioRounds.jdbcFirst(2));
        assertFalse(RatioRounds.jdbcFirst(3));
    }

    @Test
    public void pooledRatesAreAllTasksOverTheRoundsWallTimesAddedNotTheMeanOfTheRates() {
        RatioRounds rounds = new RatioRounds();
        // a slow spell in round 2 takes both sides down: its ratio stays near the others
        rounds.add(new RatioRounds.Round(phase(250, 1 * S), phase(250, 2 * S), phase(250, S / 2), phase(250, S)));
        rounds.add(new RatioRounds.Round(phase(250, 2 * S), phase(250, 4 * S), phase(250, 1 * S), phase(250, 2 * S)));
        rounds.add(new RatioRounds.Round(phase(250, 1 * S), phase(250, 2 * S), phase(250, 4 * S / 10), phase(250, S)));
        Load.Phase http = rounds.httpOpenings();
        assertEquals(750, http.succeeded());
        assertEquals(4 * S, http.wallNanos());
        assertEquals(187.5, http.perSecond(), 1e-9);
        assertEquals(750 / 1.9, rounds.jdbcOpenings().perSecond(), 1e-9);
        assertEquals(0.5, rounds.medianOpeningsRatio(), 1e-9); // 0.5, 0.5, 0.4
        assertEquals(0.5, rounds.medianPaymentsRatio(), 1e-9);
        assertEquals(750, rounds.httpOpenings().latencies().summaries().get("op").count());
    }

    @Test
    public void aFailureOfAnyRoundStaysInThePooledPhase() {
        RatioRounds rounds = new RatioRounds();
        rounds.add(new RatioRounds.Round(phase(250, S), phase(250, S), phase(250, S), phase(250, S)));
        Load.Phase failing = new Load.Phase("open", 250, 240, S, new Load.Latencies(), List.of("HttpFailure: 503"), false);
        rounds.add(new RatioRounds.Round(failing, phase(240, S), phase(250, S), phase(250, S)));
        Load.Phase http = rounds.httpOpenings();
        assertEquals(500, http.tasks());
        assertEquals(490, http.succeeded());
        assertEquals(10, http.failed());
        assertEquals(List.of("HttpFailure: 503"), http.failures());
    }

    private static Load.Phase phase(int tasks, long wallNanos) {
        Load.Latencies latencies = new Load.Latencies();
        for (int i = 0; i < tasks; i++) {
            latencies.record("op", wallNanos / tasks);
        }
        return new Load.Phase("p", tasks, tasks, wallNanos, latencies, List.of(), false);
    }
}
