package org.bizhall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * CPU time the machine did not get while a paced phase ran: the {@code steal} column of the kernel's
 * {@code /proc/stat}, the time the hypervisor did not run this machine's virtual CPUs although they had work, read
 * every {@value #PERIOD_MS} ms. On the machine of 2026-12-06 one cluster of slow payments that missed the goal came
 * while neither the node nor the bench ran any code and the disk kept its pace, and another while up to 30 ms of CPU
 * were stolen in 50 ms (docs/benchmarks.md, "Stolen CPU"). Each paced phase now says how much was stolen and how many
 * of its slowest payments were in flight while it was. Where the column cannot be read the report says so. The reads
 * cost this process about 1 % of one CPU (the kernel writes the whole file, every interrupt's count included, at each
 * read), which the client's CPU figure of the paced phase includes.
 */
final class StolenCpu {
    static final Path PROC_STAT = Path.of("/proc/stat");
    static final long PERIOD_MS = 20;
    /** The unit of {@code /proc/stat}: USER_HZ, 100 on every Linux the bench runs on. */
    static final double MS_PER_TICK = 10;
    /** The window over which the worst stealing is given. */
    static final Duration WINDOW = Duration.ofMillis(100);

    /** The machine's steal counter, in ticks, at an instant. */
    record Sample(Instant at, long ticks) {
    }

    /** Samples {@code /proc/stat} on a daemon thread until stopped. */
    static final class Sampler {
        private final Path stat;
        private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean running = true;

        private Sampler(Path stat) {
            this.stat = stat;
            this.thread = new Thread(this::run, "bench-stolen-cpu");
            thread.setDaemon(true);
        }

        private void run() {
            while (running) {
                try {
                    long ticks = read(stat);
                    if (ticks < 0) {
                        return;
                    }
                    samples.add(new Sample(Instant.now(), ticks));
                    Thread.sleep(PERIOD_MS);
                } catch (IOException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** Stops sampling (after one last sample) and gives what was read, oldest first; empty when nothing could be. */
        List<Sample> stop() throws InterruptedException {
            running = false;
            thread.join(1000);
            try {
                long ticks = read(stat);
                if (ticks >= 0 && !samples.isEmpty()) {
                    samples.add(new Sample(Instant.now(), ticks));
                }
            } catch (IOException e) {
                // what was read stands
            }
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }
    }

    private StolenCpu() {
    }

    /** Starts sampling the machine's {@code /proc/stat}. */
    static Sampler start() {
        return start(PROC_STAT);
    }

    static Sampler start(Path stat) {
        Sampler sampler = new Sampler(stat);
        sampler.thread.start();
        return sampler;
    }

    /** The steal ticks in {@code stat}'s first line: the file's other lines (one is every interrupt's count) not read. */
    static long read(Path stat) throws IOException {
        try (java.io.BufferedReader in = Files.newBufferedReader(stat, StandardCharsets.US_ASCII)) {
            String first = in.readLine();
            return first == null ? -1 : steal(first);
        }
    }

    /**
     * The steal ticks of all CPUs from the first line of {@code /proc/stat} ({@code cpu user nice system idle iowait irq
     * softirq steal ...}); −1 when it has no such column (a kernel before 2.6.11) or is not that line.
     */
    static long steal(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            return -1;
        }
        try {
            return Long.parseLong(f[8]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What was stolen during a paced phase. */
    record Report(boolean read, double stolenMillis, double phaseMillis, double worstWindowMillis, int slowInSteal,
            int slow) {
        @Override
        public String toString() {
            if (!read) {
                return "not read (no /proc/stat with a steal column)";
            }
            return String.format(Locale.ROOT, "%.0f ms of CPU stolen over %.1f s (at most %.0f ms in %d ms);"
                    + " of the slowest 1 %%, %d of %d were in flight while CPU was stolen", stolenMillis,
                    phaseMillis / 1000, worstWindowMillis, WINDOW.toMillis(), slowInSteal, slow);
        }
    }

    /**
     * The CPU stolen from {@code began} for {@code length} (all CPUs together), the most stolen in any {@link #WINDOW}
     * of it, and how many of {@code slowest} were in flight while some was: the counter grew between the last sample
     * before the payment was sent and the first after it was answered. The counter moves in whole ticks, so a payment
     * can be counted for a tick that fell just outside it: the figure is an upper bound, the stolen milliseconds give
     * its weight.
     */
    static Report report(List<Sample> samples, Instant began, Duration length, List<HallsPhase.Slow> slowest) {
        if (samples.size() < 2) {
            return new Report(false, 0, length.toNanos() / 1e6, 0, 0, slowest.size());
        }
        Instant end = began.plus(length);
        double stolen = (ticksAt(samples, end, true) - ticksAt(samples, began, false)) * MS_PER_TICK;
        double worst = 0;
        for (Sample s : samples) {
            if (s.at().isBefore(began) || s.at().isAfter(end)) {
                continue;
            }
            worst = Math.max(worst, (ticksAt(samples, s.at().plus(WINDOW), true) - s.ticks()) * MS_PER_TICK);
        }
        int hit = 0;
        for (HallsPhase.Slow slow : slowest) {
            long before = ticksAt(samples, slow.sent(), false);
            long after = ticksAt(samples, slow.answered(), true);
            if (after > before) {
                hit++;
            }
        }
        return new Report(true, stolen, length.toNanos() / 1e6, worst, hit, slowest.size());
    }

    /**
     * The counter at the last sample at or before {@code at} ({@code after} false), or at the first at or after it
     * ({@code after} true); the first or the last sample when there is none on that side.
     */
    static long ticksAt(List<Sample> samples, Instant at, boolean after) {
        if (after) {
            for (Sample s : samples) {
                if (!s.at().isBefore(at)) {
                    return s.ticks();
                }
            }
            return samples.get(samples.size() - 1).ticks();
        }
        long ticks = samples.get(0).ticks();
        for (Sample s : samples) {
            if (s.at().isAfter(at)) {
                break;
            }
            ticks = s.ticks();
        }
        return ticks;
    }
}
