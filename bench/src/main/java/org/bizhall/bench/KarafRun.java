package org.bizhall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.testing.process.KarafInstance;

/**
 * One Karaf distribution unpacked fresh into a temporary directory, with its ports moved to free loopback ports, started
 * as {@code bin/karaf server} (the script stays the parent of the Karaf JVM, so the bench owns both), and removed again.
 * The process handling is {@link KarafInstance}'s, shared with the integration tests.
 */
final class KarafRun implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(40);

    final String label;
    final Path dir;
    final Path home;
    final int httpPort;
    final int sshPort;
    final int rmiRegistryPort;
    final int rmiServerPort;
    private final boolean keep;
    private final KarafInstance karaf;

    private KarafRun(String label, KarafInstance karaf, boolean keep) {
        this.label = label;
        this.karaf = karaf;
        this.dir = karaf.dir();
        this.home = karaf.home();
        this.httpPort = karaf.httpPort();
        this.sshPort = karaf.sshPort();
        this.rmiRegistryPort = karaf.rmiRegistryPort();
        this.rmiServerPort = karaf.rmiServerPort();
        this.keep = keep;
    }

    /** Unpacks {@code tarGz} into a new directory under {@code workDir} and picks free ports. */
    static KarafRun unpack(String label, Path tarGz, Path workDir, boolean keep) throws IOException, InterruptedException {
        return new KarafRun(label, KarafInstance.unpack(label, tarGz, workDir, "bizhall-bench-" + label), keep);
    }

    /**
     * Moves SSH, JMX/RMI and (with {@code http}) the HTTP port to the chosen ports, all bound to loopback;
     * {@code withKarafUser} enables the {@code karaf}/{@code karaf} user a bare Karaf ships commented out, so
     * {@code bin/client} can log in.
     */
    void configure(boolean http, boolean withKarafUser) throws IOException {
        karaf.movePorts(http);
        if (withKarafUser) {
            Path users = home.resolve("etc").resolve("users.properties");
            List<String> lines = new ArrayList<>(Files.readAllLines(users, StandardCharsets.ISO_8859_1));
            boolean hasUser = lines.stream().anyMatch(l -> l.matches("\\s*karaf\\s*=.*"));
            if (!hasUser) {
                lines.add("# enabled by the bench so bin/client can log in");
                lines.add("karaf = karaf,_g_:admingroup");
                lines.add("_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh");
                Files.write(users, lines, StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** Sets {@code key = value} in {@code etc/<file>}. */
    void set(String file, String key, String value) throws IOException {
        karaf.set(file, key, value);
    }

    /** Adds a feature to {@code featuresBoot} in {@code etc/org.apache.karaf.features.cfg}. */
    void addBootFeature(String feature) throws IOException {
        karaf.addBootFeature(feature);
    }

    /**
     * Starts {@code bin/karaf server}; the boot clock starts just before the process does. The files the bench has just
     * unpacked and edited are written out first ({@code sync}): without it the kernel was still writing the fresh copy
     * (73 MiB for the distribution, 40 MiB for the bare Karaf) during the first seconds of the boot it measures
     * (docs/benchmarks.md, "The command").
     */
    void start(String extraJavaOpts) throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").inheritIO().start();
        if (sync.waitFor() != 0) {
            throw new IOException("sync failed before starting " + label);
        }
        Map<String, String> env = new HashMap<>();
        if (extraJavaOpts != null && !extraJavaOpts.isBlank()) {
            // bin/setenv of the bizhall distribution appends its own options to what is already there
            env.put("EXTRA_JAVA_OPTS", extraJavaOpts);
        }
        karaf.start(env, false);
    }

    long startNanos() {
        return karaf.startNanos();
    }

    boolean alive() {
        return karaf.alive();
    }

    /** The Karaf JVM: the java process under the start script (the script itself when it exec'd java). */
    Optional<Long> javaPid() {
        return karaf.javaPid();
    }

    /** VmRSS of the Karaf JVM in KiB, from /proc; -1 when it cannot be read. */
    long rssKiB() {
        return karaf.rssKiB();
    }

    /** User and system CPU time of process {@code pid} so far, from {@code /proc/<pid>/stat}; −1 when unknown. */
    static long cpuNanos(long pid) {
        try {
            return cpuNanos(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat")));
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * User and system CPU time so far of the JVM's JIT compiler threads in process {@code pid} (threads named "C1
     * CompilerThre…"/"C2 CompilerThre…" in {@code /proc/<pid>/task/<tid>/stat}); −1 when unknown. Compiler threads
     * come and go with the work, so a figure between two readings can only be a lower bound.
     */
    static long compilerCpuNanos(long pid) {
        try (java.util.stream.Stream<java.nio.file.Path> tasks = java.nio.file.Files.list(
                java.nio.file.Path.of("/proc/" + pid + "/task"))) {
            long nanos = 0;
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                String stat;
                try {
                    stat = java.nio.file.Files.readString(task.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    nanos += cpuNanos(stat);
                }
            }
            return nanos;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of a {@code /proc/…/stat} line, in ns. */
    private static long cpuNanos(String stat) {
        // the fields after the command name (which may hold spaces) in parentheses: utime and stime are 12th and 13th
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / 100); // USER_HZ is 100 on Linux
    }

    static long rssKiB(long pid) {
        return KarafInstance.rssKiB(pid);
    }

    /** Whether something accepts a TCP connection on the loopback port. */
    static boolean accepts(int port) {
        return KarafInstance.accepts(port, 250);
    }

    /**
     * Runs {@code echo 'command' | bin/client -u user -p password -b}; returns its output, or null when it failed or
     * did not answer within {@code timeoutSeconds}.
     */
    String client(String user, String password, String command, int timeoutSeconds)
            throws IOException, InterruptedException {
        return karaf.client(user, password, command, timeoutSeconds);
    }

    /**
     * Stops Karaf with {@code bin/stop}; if it is still running after a while, terminates the JVM (SIGTERM runs
     * Karaf's shutdown hook), and kills it as a last resort. Returns how it went.
     */
    String stop() {
        return karaf.stopWithScript(STOP_WAIT);
    }

    /** Whether Karaf has said, on its console, that its boot features failed (it would then never come up). */
    boolean bootFailed() {
        return karaf.bootFailed();
    }

    /**
     * For a failure report: the start of the console output (where boot errors land) and the end of Karaf's log.
     */
    String logTail(int lines) {
        return karaf.logTail(lines, true);
    }

    @Override
    public void close() {
        if (karaf.running()) {
            stop();
        }
        if (!keep) {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path root) {
        KarafInstance.deleteTree(root);
    }
}
