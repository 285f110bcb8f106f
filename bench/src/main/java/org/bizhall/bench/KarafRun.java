package org.bizhall.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Karaf distribution unpacked fresh into a temporary directory, with its ports moved to free loopback ports, started
 * as {@code bin/karaf server} (the script stays the parent of the Karaf JVM, so the bench owns both), and removed again.
 */
final class KarafRun implements AutoCloseable {
    private static final int STOP_WAIT_SECONDS = 40;

    final String label;
    final Path dir;
    final Path home;
    final int httpPort;
    final int sshPort;
    final int rmiRegistryPort;
    final int rmiServerPort;
    private final boolean keep;
    private Process process;
    private long startNanos;
    private Long javaPid;
    private long lastBootCheck;

    private KarafRun(String label, Path dir, Path home, int[] ports, boolean keep) {
        this.label = label;
        this.dir = dir;
        this.home = home;
        this.httpPort = ports[0];
        this.sshPort = ports[1];
        this.rmiRegistryPort = ports[2];
        this.rmiServerPort = ports[3];
        this.keep = keep;
    }

    /** Unpacks {@code tarGz} into a new directory under {@code workDir} and picks four free ports. */
    static KarafRun unpack(String label, Path tarGz, Path workDir, boolean keep) throws IOException, InterruptedException {
        if (!Files.isRegularFile(tarGz)) {
            throw new IOException("no distribution at " + tarGz);
        }
        Files.createDirectories(workDir);
        Path dir = Files.createTempDirectory(workDir, "bizhall-bench-" + label + "-");
        Process tar = new ProcessBuilder("tar", "xzf", tarGz.toString(), "-C", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            deleteTree(dir);
            throw new IOException("tar failed on " + tarGz + ": " + out);
        }
        Path home;
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> dirs = entries.filter(Files::isDirectory).toList();
            if (dirs.size() != 1 || !Files.isRegularFile(dirs.get(0).resolve("bin/karaf"))) {
                deleteTree(dir);
                throw new IOException(tarGz + " does not hold one Karaf directory with bin/karaf");
            }
            home = dirs.get(0);
        }
        return new KarafRun(label, dir, home, freePorts(4), keep);
    }

    /**
     * Moves SSH, JMX/RMI and (with {@code http}) the HTTP port to the chosen ports, all bound to loopback;
     * {@code withKarafUser} enables the {@code karaf}/{@code karaf} user a bare Karaf ships commented out, so
     * {@code bin/client} can log in.
     */
    void configure(boolean http, boolean withKarafUser) throws IOException {
        Path etc = home.resolve("etc");
        if (http) {
            setProperty(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", String.valueOf(httpPort));
            setProperty(etc.resolve("org.ops4j.pax.web.cfg"), "org.ops4j.pax.web.listening.addresses", "127.0.0.1");
        }
        setProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(sshPort));
        setProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshHost", "127.0.0.1");
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(rmiRegistryPort));
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(rmiServerPort));
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryHost", "127.0.0.1");
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerHost", "127.0.0.1");
        if (withKarafUser) {
            Path users = etc.resolve("users.properties");
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

    /** Starts {@code bin/karaf server}; the boot clock starts just before the process does. */
    void start(String extraJavaOpts) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile());
        Map<String, String> env = pb.environment();
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        if (extraJavaOpts != null && !extraJavaOpts.isBlank()) {
            // bin/setenv of the bizhall distribution appends its own options to what is already there
            env.put("EXTRA_JAVA_OPTS", extraJavaOpts);
        }
        startNanos = System.nanoTime();
        process = pb.start();
    }

    long startNanos() {
        return startNanos;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The Karaf JVM: the java process under the start script (the script itself when it exec'd java). */
    Optional<Long> javaPid() {
        if (javaPid != null && ProcessHandle.of(javaPid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.of(javaPid);
        }
        if (process == null) {
            return Optional.empty();
        }
        Optional<ProcessHandle> java = Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants())
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
        javaPid = java.map(ProcessHandle::pid).orElse(null);
        return Optional.ofNullable(javaPid);
    }

    /** VmRSS of the Karaf JVM in KiB, from /proc; -1 when it cannot be read. */
    long rssKiB() {
        return javaPid().map(KarafRun::rssKiB).orElse(-1L);
    }

    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Whether something accepts a TCP connection on the loopback port. */
    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code echo 'command' | bin/client -u user -p password -b}; returns its output, or null when it failed or
     * did not answer within {@code timeoutSeconds}.
     */
    String client(String user, String password, String command, int timeoutSeconds)
            throws IOException, InterruptedException {
        // into a file, not a pipe: a long answer (service:list) would fill the pipe and stall the client until killed
        Path output = Files.createTempFile(dir, "client-", ".out");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a",
                String.valueOf(sshPort), "-u", user, "-p", password, "-r", "1", "-b").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = pb.environment();
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        // the client records host keys under user.home: keep each fresh copy's key out of the user's known_hosts
        env.put("KARAF_OPTS", "-Duser.home=" + dir);
        Process p = pb.start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? Files.readString(output, StandardCharsets.UTF_8) : null;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * Stops Karaf with {@code bin/stop}; if it is still running after a while, terminates the JVM (SIGTERM runs
     * Karaf's shutdown hook), and kills it as a last resort. Returns how it went.
     */
    String stop() {
        if (process == null) {
            return "not started";
        }
        Optional<Long> pid = javaPid();
        String how = "bin/stop";
        try {
            if (process.isAlive()) {
                ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("stop.log").toFile());
                pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
                Process stop = pb.start();
                if (!stop.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    stop.destroyForcibly();
                }
            }
            if (!waitGone(pid, STOP_WAIT_SECONDS)) {
                how = "SIGTERM";
                pid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
                if (!waitGone(pid, STOP_WAIT_SECONDS)) {
                    how = "SIGKILL";
                    pid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    waitGone(pid, 10);
                }
            }
        } catch (IOException e) {
            how = "SIGKILL (bin/stop failed: " + e.getMessage() + ")";
            pid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            how = "SIGKILL (interrupted)";
        }
        return how;
    }

    private boolean waitGone(Optional<Long> pid, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            boolean javaAlive = pid.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
            if (!javaAlive && !process.isAlive()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Whether Karaf has said, on its console, that its boot features failed (it would then never come up). */
    boolean bootFailed() {
        long now = System.nanoTime();
        if (now - lastBootCheck < 1_000_000_000L) {
            return false;
        }
        lastBootCheck = now;
        try {
            Path console = dir.resolve("console.log");
            return Files.isRegularFile(console)
                    && Files.readString(console, StandardCharsets.ISO_8859_1).contains("Error installing boot features");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * For a failure report: the start of the console output (where boot errors land) and the end of Karaf's log.
     */
    String logTail(int lines) {
        StringBuilder sb = new StringBuilder();
        excerpt(sb, dir.resolve("console.log"), lines, true);
        excerpt(sb, home.resolve("data/log/karaf.log"), lines, false);
        return sb.toString();
    }

    private static void excerpt(StringBuilder sb, Path log, int lines, boolean head) {
        if (!Files.isRegularFile(log)) {
            return;
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            int n = Math.min(lines, all.size());
            sb.append("---- ").append(log).append(head ? " (first " : " (last ").append(n).append(" of ")
                    .append(all.size()).append(" lines)\n");
            (head ? all.subList(0, n) : all.subList(all.size() - n, all.size()))
                    .forEach(l -> sb.append(l).append('\n'));
        } catch (IOException | UncheckedIOException e) {
            sb.append("---- ").append(log).append(": ").append(e.getMessage()).append('\n');
        }
    }

    @Override
    public void close() {
        if (process != null && (process.isAlive() || javaPid().isPresent())) {
            stop();
        }
        if (!keep) {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still held open is left; the directory is reported below if it survives
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    /** Sets {@code key} in a Karaf .cfg file: replaces its uncommented line, or appends one (creating the file). */
    static void setProperty(Path cfg, String key, String value) throws IOException {
        List<String> lines = Files.exists(cfg) ? new ArrayList<>(Files.readAllLines(cfg, StandardCharsets.ISO_8859_1))
                : new ArrayList<>();
        Pattern line = Pattern.compile("\\s*" + Pattern.quote(key) + "\\s*[=:].*");
        boolean done = false;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                done = true;
            }
        }
        if (!done) {
            lines.add(key + " = " + value);
        }
        Files.write(cfg, lines, StandardCharsets.ISO_8859_1);
    }

    /** Distinct free loopback ports, all held open while choosing so none is picked twice. */
    static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
