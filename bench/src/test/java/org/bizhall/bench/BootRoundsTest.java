package org.bizhall.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;

import org.junit.Test;

/** {@code --boot-rounds}: the median of the pairs' ratios, not the ratio of one pair. */
public class BootRoundsTest {
    private static final long S = 1_000_000_000L;

    @Test
    public void theMedianRatioIsTheMiddlePairsNotTheRatioOfMedians() {
        BootRounds rounds = new BootRounds();
        rounds.add(new BootRounds.Round(4 * S, 7 * S, 6 * S, 9 * S)); // 1.50
        rounds.add(new BootRounds.Round(3 * S, 6 * S, 6 * S, 9 * S)); // 2.00 (a fast bare start)
        rounds.add(new BootRounds.Round(4 * S, 7 * S, 5 * S, 8 * S)); // 1.25
        assertEquals(1.50, rounds.medianRatio(), 1e-9);
        assertEquals(6 * S, rounds.medianHealth());
        assertEquals(4 * S, rounds.medianBareSsh());
    }

    @Test
    public void anEvenCountTakesTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, BootRounds.median(List.of(4.0, 1.0, 3.0, 2.0)), 1e-9);
        assertEquals(7.0, BootRounds.median(List.of(7.0)), 1e-9);
    }

    @Test
    public void aRoundWithoutBothFiguresIsRefused() {
        BootRounds rounds = new BootRounds();
        assertThrows(IllegalArgumentException.class, () -> rounds.add(new BootRounds.Round(-1, -1, 6 * S, 9 * S)));
        assertThrows(IllegalStateException.class, rounds::medianRatio);
    }
}
