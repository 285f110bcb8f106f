package org.bizhall.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the server was doing while the slowest paced payments waited: for each interval [sent, sent + latency] the
 * bench printed ("slowest 1 %"), the events of a flight recording of the Karaf JVM that overlap it — collections
 * and other safepoint pauses, waits of request threads ({@code qtp…}) of 5 ms or more by the first non-JDK frame, the
 * slow password hash — and the CPU samples of other threads than the request threads in it (a database checkpoint,
 * the scheduler, the login refresh). Flight recordings carry wall-clock times, so the bench's times match them.
 * <pre>
 * java -cp bench/target/bench.jar org.bizhall.bench.JfrTail /tmp/x.jfr DATE "21:03:25.301 97.1 ms, 21:03:28.4 55.0 ms"
 * </pre>
 * {@code DATE} is the UTC day of the run (2026-12-03); the list is the bench's line as printed.
 */
public final class JfrTail {
    private JfrTail() {
    }

    private record Interval(Instant from, Instant to, String label) {
        boolean overlaps(Instant start, Instant end) {
            return !end.isBefore(from) && !start.isAfter(to);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: JfrTail recording.jfr YYYY-MM-DD \"HH:MM:SS.sss N ms, ...\"");
            System.exit(2);
        }
        List<Interval> slow = new ArrayList<>();
        for (String item : args[2].split(",")) {
            String[] parts = item.trim().split("\\s+");
            if (parts.length < 2) {
                continue;
            }
            Instant sent = java.time.LocalDate.parse(args[1]).atTime(LocalTime.parse(parts[0])).toInstant(ZoneOffset.UTC);
            long nanos = (long) (Double.parseDouble(parts[1]) * 1e6);
            slow.add(new Interval(sent, sent.plusNanos(nanos), item.trim()));
        }
        slow.sort(Comparator.comparing(Interval::from));
        // payments slow at the same moment make one window: what happened in it is printed once
        List<Interval> windows = new ArrayList<>();
        List<List<Interval>> members = new ArrayList<>();
        for (Interval i : slow) {
            int last = windows.size() - 1;
            if (last >= 0 && !i.from().isAfter(windows.get(last).to())) {
                Interval w = windows.get(last);
                windows.set(last, new Interval(w.from(), i.to().isAfter(w.to()) ? i.to() : w.to(), w.label()));
                members.get(last).add(i);
            } else {
                windows.add(i);
                members.add(new ArrayList<>(List.of(i)));
            }
        }
        List<Map<String, double[]>> found = new ArrayList<>();
        List<List<String>> pauses = new ArrayList<>();
        List<Map<String, Integer>> others = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            found.add(new TreeMap<>());
            pauses.add(new ArrayList<>());
            others.add(new TreeMap<>());
        }
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                Instant start = e.getStartTime();
                Instant end = e.getEndTime();
                boolean sample = type.equals("jdk.ExecutionSample") || type.equals("jdk.NativeMethodSample");
                String pause = pause(e, type);
                String wait = pause == null && !sample ? waitOf(e, type) : null;
                if (pause == null && wait == null && !sample) {
                    continue;
                }
                for (int i = 0; i < windows.size(); i++) {
                    if (!windows.get(i).overlaps(start, end)) {
                        continue;
                    }
                    if (pause != null) {
                        pauses.get(i).add(time(start) + " " + pause);
                    } else if (wait != null) {
                        double[] sum = found.get(i).computeIfAbsent(wait, k -> new double[3]);
                        double ms = e.getDuration().toNanos() / 1e6;
                        sum[0]++;
                        sum[1] += ms;
                        sum[2] = Math.max(sum[2], ms);
                    } else {
                        RecordedThread t = e.getThread("sampledThread");
                        String name = t == null || t.getJavaName() == null ? "?" : t.getJavaName();
                        if (!name.startsWith("qtp")) {
                            others.get(i).merge(name.replaceAll("[0-9]+", "#"), 1, Integer::sum);
                        } else if (hashing(e)) {
                            others.get(i).merge("password hash on a request thread", 1, Integer::sum);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < windows.size(); i++) {
            Interval w = windows.get(i);
            System.out.printf(Locale.ROOT, "%s – %s: %d slow payments, the slowest %.1f ms%n", time(w.from()),
                    time(w.to()), members.get(i).size(), members.get(i).stream()
                            .mapToDouble(m -> (m.to().toEpochMilli() - m.from().toEpochMilli())).max().orElse(0));
            pauses.get(i).stream().sorted().forEach(line -> System.out.println("    " + line));
            found.get(i).entrySet().stream().sorted((x, y) -> Double.compare(y.getValue()[1], x.getValue()[1]))
                    .forEach(x -> System.out.printf(Locale.ROOT, "    request threads waited in %s: %d times, %.0f ms"
                            + " in all, the longest %.1f ms%n", x.getKey(), (long) x.getValue()[0], x.getValue()[1],
                            x.getValue()[2]));
            if (!others.get(i).isEmpty()) {
                System.out.println("    CPU samples of other threads: " + others.get(i));
            }
        }
    }

    /** A stop of the whole JVM (a collection, another safepoint) or a log force, or null. */
    private static String pause(RecordedEvent e, String type) {
        double ms = e.getDuration().toNanos() / 1e6;
        return switch (type) {
            case "jdk.GarbageCollection" -> String.format(Locale.ROOT, "GC %s (%s) %.1f ms", e.getString("name"),
                    e.getString("cause"), ms);
            case "jdk.SafepointBegin" -> ms >= 2 ? String.format(Locale.ROOT, "safepoint %.1f ms", ms) : null;
            case "jdk.FileForce" -> String.format(Locale.ROOT, "file force (fsync) %.1f ms", ms);
            default -> null;
        };
    }

    /** A request thread's wait of 5 ms or more, named by kind and first non-JDK frame; null for anything else. */
    private static String waitOf(RecordedEvent e, String type) {
        if (!type.equals("jdk.JavaMonitorWait") && !type.equals("jdk.JavaMonitorEnter") && !type.equals("jdk.ThreadPark")) {
            return null;
        }
        RecordedThread t = e.getThread();
        if (t == null || t.getJavaName() == null || !t.getJavaName().startsWith("qtp")
                || e.getDuration().toNanos() < 5_000_000) {
            return null;
        }
        String frame = firstOwnFrame(e);
        if (frame.contains("BlockingArrayQueue") || frame.contains("ReservedThread") || frame.contains("ManagedSelector")) {
            return null; // an idle Jetty thread waiting for work
        }
        return type.substring(4) + " " + frame;
    }

    private static boolean hashing(RecordedEvent e) {
        if (e.getStackTrace() == null) {
            return false;
        }
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            if (f.getMethod().getType().getName().contains("BCrypt")) {
                return true;
            }
        }
        return false;
    }

    private static String firstOwnFrame(RecordedEvent e) {
        if (e.getStackTrace() == null) {
            return "?";
        }
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            String type = f.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
            }
        }
        return "?";
    }

    private static String time(Instant t) {
        return LocalTime.ofInstant(t, ZoneOffset.UTC).toString();
    }
}
