package org.bizhall.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the request threads of a Karaf JVM spend their time, from a Java Flight Recording taken under load
 * ({@code --karaf-opts="-XX:StartFlightRecording=filename=/tmp/x.jfr,settings=profile"} on the bench): every
 * {@code jdk.ExecutionSample} (running Java code) and {@code jdk.NativeMethodSample} (inside native code, e.g. the
 * database's log force) of a Jetty thread that is not idle (waiting in its selector or acceptor) is given to one part of the platform, the first frame from the leaf up that
 * belongs to a known part (JDK frames count for their caller), and the parts are printed with their share. The waits
 * ({@code jdk.ThreadPark}, {@code jdk.JavaMonitorEnter}, {@code jdk.JavaMonitorWait} of those threads) are summed by
 * the first non-JDK frame that waited.
 * <pre>
 * java -cp bench/target/bench.jar org.bizhall.bench.JfrBreakdown /tmp/x.jfr [thread-name-prefix [frame]]
 * </pre>
 * With {@code frame} (e.g. {@code OrderResource.pay}) only samples and waits with that method on the stack count: one
 * kind of request. With {@code -Dbizhall.jfr.cpu=true} only {@code jdk.ExecutionSample} counts: CPU alone, where the
 * default also counts threads waiting in native code (a commit's log force shows as the database's work).
 */
public final class JfrBreakdown {
    /** Parts, by the package a frame's class starts with; the first match of a frame wins. */
    private static final List<Map.Entry<String, String>> PARTS = List.of(
            Map.entry("org.apache.derby.", "database: Derby engine (in the JVM)"),
            Map.entry("org.hibernate.", "JPA: Hibernate"),
            Map.entry("org.apache.aries.jpa.", "JPA: Aries JPA template / coordinator"),
            Map.entry("org.apache.geronimo.transaction.", "transactions: Geronimo TM (XA)"),
            Map.entry("org.ops4j.pax.transx.", "transactions: pax-transx pool / XA"),
            Map.entry("org.apache.commons.dbcp", "pool: dbcp"),
            Map.entry("org.apache.commons.pool", "pool: dbcp"),
            Map.entry("org.ops4j.pax.jdbc.", "pool: pax-jdbc"),
            Map.entry("com.fasterxml.jackson.", "JSON: Jackson"),
            Map.entry("com.networknt.", "JSON: schema validation"),
            Map.entry("org.springframework.security.", "authentication: bcrypt"),
            Map.entry("org.apache.karaf.jaas.", "authentication: JAAS"),
            Map.entry("javax.security.auth.", "authentication: JAAS"),
            Map.entry("org.bizhall.rest.internal.auth.", "authentication: bizhall filter and cache"),
            Map.entry("org.apache.cxf.", "HTTP: CXF JAX-RS"),
            Map.entry("org.apache.aries.jax.rs.", "HTTP: Aries JAX-RS whiteboard"),
            Map.entry("org.eclipse.jetty.", "HTTP: Jetty"),
            Map.entry("org.ops4j.pax.web.", "HTTP: Pax Web"),
            Map.entry("org.ops4j.pax.logging.", "logging"),
            Map.entry("org.apache.logging.", "logging"),
            Map.entry("org.slf4j.", "logging"),
            Map.entry("org.apache.felix.", "OSGi: Felix / SCR"),
            Map.entry("org.osgi.", "OSGi: Felix / SCR"),
            Map.entry("org.bizhall.rest.", "bizhall: REST edge"),
            Map.entry("org.bizhall.engine.", "bizhall: engine"),
            Map.entry("org.bizhall.persistence.", "bizhall: stores"),
            Map.entry("org.bizhall.procedure.", "bizhall: procedures"),
            Map.entry("org.bizhall.", "bizhall: other"),
            Map.entry("net.bytebuddy.", "JPA: Hibernate"),
            Map.entry("javassist.", "JPA: Hibernate"));

    /** Native frames of a Jetty thread that waits for work (a selector or the acceptor): idle, not a request's time. */
    private static final java.util.Set<String> IDLE = java.util.Set.of("ManagedSelector.nioSelect",
            "ServerConnector.accept", "ManagedSelector.select");

    private JfrBreakdown() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java -cp bench.jar org.bizhall.bench.JfrBreakdown FILE.jfr [thread-prefix]");
            System.exit(2);
        }
        String prefix = args.length > 1 ? args[1] : "qtp";
        String only = args.length > 2 ? args[2] : null;
        Map<String, Long> byPart = new HashMap<>();
        Map<String, Long> leafMethods = new HashMap<>();
        Map<String, Long> bizhallMethods = new HashMap<>();
        Map<String, Double> waits = new HashMap<>();
        boolean cpuOnly = Boolean.getBoolean("bizhall.jfr.cpu");
        long samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            boolean sample = type.equals("jdk.ExecutionSample")
                    || !cpuOnly && type.equals("jdk.NativeMethodSample");
            boolean wait = type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorEnter")
                    || type.equals("jdk.JavaMonitorWait");
            if (!sample && !wait) {
                continue;
            }
            RecordedThread thread = e.getThread(sample ? "sampledThread" : "eventThread");
            if (thread == null || thread.getJavaName() == null || !thread.getJavaName().startsWith(prefix)) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || only != null && stack.getFrames().stream().noneMatch(f -> name(f).equals(only))) {
                continue;
            }
            if (wait) {
                String where = firstOwnFrame(stack);
                waits.merge(type.substring(4) + " in " + where, e.getDuration().toNanos() / 1e6, Double::sum);
                continue;
            }
            String own = firstOwnFrame(stack);
            if (IDLE.contains(own)) {
                continue;
            }
            samples++;
            byPart.merge(part(stack), 1L, Long::sum);
            leafMethods.merge(own, 1L, Long::sum);
            // inclusive: each bizhall method once per sample, however often it recurs in the stack
            stack.getFrames().stream().filter(f -> f.getMethod().getType().getName().startsWith("org.bizhall."))
                    .map(JfrBreakdown::name).distinct().forEach(m -> bizhallMethods.merge(m, 1L, Long::sum));
        }
        System.out.printf(Locale.ROOT, "%d samples of threads named %s*%s (%s)%n%n", samples, prefix,
                only == null ? "" : " in " + only, cpuOnly ? "running Java code" : "running Java or native code");
        System.out.println("share by part (self time; JDK frames count for their caller):");
        print(byPart, samples, 40);
        System.out.println();
        System.out.println("first non-JDK frame from the leaf (self time):");
        print(leafMethods, samples, 25);
        System.out.println();
        System.out.println("bizhall methods, inclusive (share of samples with the method on the stack):");
        print(bizhallMethods, samples, 30);
        System.out.println();
        System.out.println("waits by kind and first non-JDK frame (ms summed over all threads):");
        waits.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                .forEach(w -> System.out.printf(Locale.ROOT, "  %10.0f ms  %s%n", w.getValue(), w.getKey()));
    }

    private static void print(Map<String, Long> counts, long total, int limit) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(c -> sorted.put(c.getKey(), c.getValue()));
        sorted.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %5.1f %%  %6d  %s%n", 100.0 * v / total, v, k));
    }

    private static String part(RecordedStackTrace stack) {
        for (RecordedFrame f : stack.getFrames()) {
            String cls = f.getMethod().getType().getName();
            for (Map.Entry<String, String> p : PARTS) {
                if (cls.startsWith(p.getKey())) {
                    return p.getValue();
                }
            }
        }
        return "JDK only / other";
    }

    private static String firstOwnFrame(RecordedStackTrace stack) {
        for (RecordedFrame f : stack.getFrames()) {
            String cls = f.getMethod().getType().getName();
            if (!cls.startsWith("java.") && !cls.startsWith("javax.") && !cls.startsWith("jdk.")
                    && !cls.startsWith("sun.") && !cls.startsWith("com.sun.")) {
                return name(f);
            }
        }
        return stack.getFrames().isEmpty() ? "?" : name(stack.getFrames().get(0));
    }

    private static String name(RecordedFrame f) {
        String cls = f.getMethod().getType().getName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }
}
