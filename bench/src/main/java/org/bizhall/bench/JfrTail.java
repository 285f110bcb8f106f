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
        List<List<String>> found = new ArrayList<>();
        List<Map<String, Integer>> others = new ArrayList<>();
        for (int i = 0; i < slow.size(); i++) {
            found.add(new ArrayList<>());
            others.add(new TreeMap<>());
        }
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                Instant start = e.getStartTime();
                Instant end = e.getEndTime();
                String what = describe(e, type);
                boolean sample = type.equals("jdk.ExecutionSample") || type.equals("jdk.NativeMethodSample");
                if (what == null && !sample) {
                    continue;
                }
                for (int i = 0; i < slow.size(); i++) {
                    if (!slow.get(i).overlaps(start, end)) {
                        continue;
                    }
                    if (what != null) {
                        found.get(i).add(time(start) + " " + what);
                    }
                    if (sample) {
                        RecordedThread t = e.getThread("sampledThread");
                        String name = t == null ? "?" : t.getJavaName();
                        if (name == null || !name.startsWith("qtp")) {
                            others.get(i).merge(name == null ? "?" : name.replaceAll("[0-9]+", "#"), 1, Integer::sum);
                        } else if (hashing(e)) {
                            found.get(i).add(time(start) + " password hash sample on " + name);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < slow.size(); i++) {
            System.out.println(slow.get(i).label());
            found.get(i).stream().sorted().distinct().forEach(line -> System.out.println("    " + line));
            if (!others.get(i).isEmpty()) {
                System.out.println("    CPU samples of other threads: " + others.get(i));
            }
        }
    }

    /** One line for an event worth naming, or null. */
    private static String describe(RecordedEvent e, String type) {
        double ms = e.getDuration().toNanos() / 1e6;
        switch (type) {
            case "jdk.GarbageCollection":
                return String.format(Locale.ROOT, "GC %s (%s) %.1f ms", e.getString("name"), e.getString("cause"), ms);
            case "jdk.SafepointBegin":
                return ms >= 2 ? String.format(Locale.ROOT, "safepoint %.1f ms", ms) : null;
            case "jdk.JavaMonitorWait", "jdk.JavaMonitorEnter", "jdk.ThreadPark":
                RecordedThread t = e.getThread();
                if (t == null || t.getJavaName() == null || !t.getJavaName().startsWith("qtp") || ms < 5) {
                    return null;
                }
                String frame = firstOwnFrame(e);
                if (frame.contains("BlockingArrayQueue") || frame.contains("ReservedThread")) {
                    return null; // an idle Jetty thread waiting for work
                }
                return String.format(Locale.ROOT, "%s %s %.1f ms on %s", type.substring(4), frame, ms, t.getJavaName());
            case "jdk.FileForce":
                return String.format(Locale.ROOT, "fsync %.1f ms", ms);
            default:
                return null;
        }
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
