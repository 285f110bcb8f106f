package org.bizhall.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The measured openings and payments of the platform and of the JDBC baseline, taken in rounds one after the other,
 * so that both sides of the ratio are sampled over the same minutes. Measured minutes apart, as one phase each, the
 * two rates moved independently with the machine's slow and fast spells (the baseline alone from 544 to 880 openings/s
 * between runs of one build), and the ratio with them, by a fifth either way. A round runs the platform's openings and
 * payments and then the baseline's, or the other way round in every other round, so a spell that begins or ends
 * within a round weighs on both sides alike over the rounds.
 */
final class RatioRounds {
    /** One round: the platform's openings and payments over HTTP, the baseline's in the same round. */
    record Round(Load.Phase httpOpenings, Load.Phase httpPayments, Load.Phase jdbcOpenings, Load.Phase jdbcPayments) {
        double openingsRatio() {
            return ratio(httpOpenings, jdbcOpenings);
        }

        double paymentsRatio() {
            return ratio(httpPayments, jdbcPayments);
        }
    }

    private final List<Round> rounds = new ArrayList<>();

    void add(Round round) {
        rounds.add(round);
    }

    List<Round> rounds() {
        return List.copyOf(rounds);
    }

    /** Whether round {@code r} (1-based) runs the baseline first: every even round, so the order alternates. */
    static boolean jdbcFirst(int r) {
        return r % 2 == 0;
    }

    /** {@code total} tasks in {@code count} rounds as even as can be, the first rounds taking what is left over. */
    static int[] split(int total, int count) {
        if (count < 1 || total < count) {
            throw new IllegalArgumentException(total + " tasks do not make " + count + " rounds");
        }
        int[] sizes = new int[count];
        for (int r = 0; r < count; r++) {
            sizes[r] = total / count + (r < total % count ? 1 : 0);
        }
        return sizes;
    }

    /** The platform's openings of all rounds as one phase: every task, all their latencies, the rounds' wall time. */
    Load.Phase httpOpenings() {
        return pooled("open", Round::httpOpenings);
    }

    Load.Phase httpPayments() {
        return pooled("pay", Round::httpPayments);
    }

    Load.Phase jdbcOpenings() {
        return pooled("jdbc-open", Round::jdbcOpenings);
    }

    Load.Phase jdbcPayments() {
        return pooled("jdbc-pay", Round::jdbcPayments);
    }

    double medianOpeningsRatio() {
        return BootRounds.median(rounds.stream().map(Round::openingsRatio).toList());
    }

    double medianPaymentsRatio() {
        return BootRounds.median(rounds.stream().map(Round::paymentsRatio).toList());
    }

    private Load.Phase pooled(String name, Function<Round, Load.Phase> side) {
        return Load.pooled(name, rounds.stream().map(side).toList());
    }

    private static double ratio(Load.Phase platform, Load.Phase jdbc) {
        return jdbc.perSecond() == 0 ? 0 : platform.perSecond() / jdbc.perSecond();
    }
}
