package org.bizhall.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The boot figures of several rounds, each a fresh bare Karaf to its ssh port and a fresh bizhall to its first
 * {@code /health} 200, started one after the other. One pair is one sample of a machine whose speed moves from minute to
 * minute (the bare Karaf's own ssh figure went from 3.4 to 4.4 s between runs of one tarball): the median of the
 * pairs' ratios says more than any one of them.
 */
final class BootRounds {
    /** One round: wall clock and the Karaf JVM's CPU time, in nanoseconds, at the bare ssh and at bizhall's health. */
    record Round(long bareSsh, long bareSshCpu, long health, long healthCpu) {
        double ratio() {
            return (double) health / bareSsh;
        }
    }

    private final List<Round> rounds = new ArrayList<>();

    void add(Round round) {
        if (round.bareSsh() <= 0 || round.health() <= 0) {
            throw new IllegalArgumentException("a round needs both boot figures: " + round);
        }
        rounds.add(round);
    }

    List<Round> rounds() {
        return List.copyOf(rounds);
    }

    /** The median of the rounds' ratios (the mean of the middle two for an even count). */
    double medianRatio() {
        return median(rounds.stream().map(Round::ratio).toList());
    }

    /** The median of the rounds' health figures, in nanoseconds. */
    long medianHealth() {
        return Math.round(median(rounds.stream().map(r -> (double) r.health()).toList()));
    }

    /** The median of the rounds' bare ssh figures, in nanoseconds. */
    long medianBareSsh() {
        return Math.round(median(rounds.stream().map(r -> (double) r.bareSsh()).toList()));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no rounds");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
