package org.bizhall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node's stop-the-world collections, read from the JVM's own log ({@code -Xlog:gc} with wall-clock times), to
 * set beside the paced payments: in the runs of 2026-12-06 the slowest one percent came every ~80 payments, once per
 * young collection (eden filled that often), whatever the rate (docs/benchmarks.md, "The paced tail and the young
 * collections"). Each run now says how many of its slowest payments were in flight during a pause.
 */
final class GcLog {
    /** The JVM option that writes the log this class reads, for a node whose log goes to {@code file}. */
    static String option(Path file) {
        // utctime: the bench's payment times are wall-clock UTC too; the path must not hold ':' (the option's separator)
        return "-Xlog:gc:file=" + file + ":utctime";
    }

    /** One pause: its end (when the JVM logged it), its length, and whether it collected the whole heap. */
    record Pause(Instant end, double millis, boolean full) {
        Instant start() {
            return end.minusNanos(Math.round(millis * 1e6));
        }

        /** Whether the pause overlaps {@code [from, from + nanos]}. */
        boolean during(Instant from, long nanos) {
            return start().isBefore(from.plusNanos(nanos)) && end.isAfter(from);
        }
    }

    // [2026-12-06T03:10:11.123+0000] GC(42) Pause Young (Allocation Failure) 121M->91M(251M) 5.786ms
    private static final Pattern PAUSE = Pattern.compile(
            "^\\[([^\\]]+)\\].*\\bPause (Young|Full)\\b.*?([0-9]+(?:\\.[0-9]+)?)ms\\s*$");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ",
            Locale.ROOT);

    private GcLog() {
    }

    /** The pauses in the log at {@code file}; none when it is not there (a node started without the option). */
    static List<Pause> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : List.of();
    }

    /** The pauses among {@code lines}; lines of other kinds (the log's start, heap sizes) are skipped. */
    static List<Pause> parse(List<String> lines) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            try {
                Instant end = OffsetDateTime.parse(m.group(1), UTC_TIME).toInstant();
                pauses.add(new Pause(end, Double.parseDouble(m.group(3)), m.group(2).equals("Full")));
            } catch (DateTimeParseException | NumberFormatException e) {
                // a line of another decoration: not one of ours
            }
        }
        return pauses;
    }

    /** What the pauses did to a paced phase. */
    record Report(int young, int full, double medianMillis, double maxMillis, int slowInPause, int slow) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d young collections (pause median %.1f ms, max %.1f ms), %d full;"
                    + " of the slowest 1 %%, %d of %d were in flight during a pause", young, medianMillis, maxMillis,
                    full, slowInPause, slow);
        }
    }

    /**
     * The pauses that ended within {@code [began, began + length]} and how many of {@code slowest} (each sent at its
     * instant and answered after its nanoseconds) were in flight during one of them.
     */
    static Report report(List<Pause> pauses, Instant began, Duration length, List<HallsPhase.Slow> slowest) {
        Instant end = began.plus(length);
        List<Pause> in = pauses.stream().filter(p -> !p.end().isBefore(began) && !p.end().isAfter(end)).toList();
        List<Double> young = in.stream().filter(p -> !p.full()).map(Pause::millis).toList();
        double median = young.isEmpty() ? 0 : BootRounds.median(young);
        double max = in.stream().mapToDouble(Pause::millis).max().orElse(0);
        int hit = (int) slowest.stream().filter(s -> in.stream().anyMatch(p -> p.during(s.sent(), s.nanos()))).count();
        return new Report(young.size(), in.size() - young.size(), median, max, hit, slowest.size());
    }
}
