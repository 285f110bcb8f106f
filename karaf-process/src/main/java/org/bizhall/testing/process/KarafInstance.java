package org.bizhall.testing.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One unpacked copy of a Karaf distribution run as an operator runs it: the tar.gz unpacked into a fresh directory,
 * HTTP, HTTPS, SSH and JMX/RMI moved to free loopback ports, {@code bin/karaf server} started as a child process
 * (console output into {@code console.log} beside the Karaf directory), then stopped with SIGTERM (Karaf's shutdown
 * hook) or {@code bin/stop}, or killed. The JVM under the start script is what gets signalled, so a kill really is
 * a kill of Karaf and not only of the script.
 *
 * <p>Used by the process tests of the Pax Exam suite, the two-node test and the bench; it needs nothing beyond the JDK.
 * The caller owns cleanup: {@link #killAll()} and {@link #deleteDirectory()} (or a wrapper's {@code close()}).
 */
public final class KarafInstance {
    private static final Duration HEALTH_REQUEST_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final Path dir;
    private final Path home;
    private final int httpPort;
    private final int httpsPort;
    private final int sshPort;
    private final int rmiRegistryPort;
    private final int rmiServerPort;
    private Process process;
    private Long javaPid;
    private long startNanos;
    private long lastBootCheck;

    private KarafInstance(String name, Path dir, Path home, int[] ports) {
        this.name = name;
        this.dir = dir;
        this.home = home;
        this.httpPort = ports[0];
        this.httpsPort = ports[1];
        this.sshPort = ports[2];
        this.rmiRegistryPort = ports[3];
        this.rmiServerPort = ports[4];
    }

    /**
     * Unpacks {@code tarGz} into a new directory {@code workDir/<prefix>-…} and picks five distinct free ports.
     * Nothing is configured or started yet.
     */
    public static KarafInstance unpack(String name, Path tarGz, Path workDir, String prefix)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(tarGz)) {
            throw new IOException("no distribution at " + tarGz);
        }
        Files.createDirectories(workDir);
        Path dir = Files.createTempDirectory(workDir, prefix + "-");
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
        return new KarafInstance(name, dir, home, freePorts(5));
    }

    /**
     * Copies the Karaf directory {@code karafHome} (an assembly, e.g. {@code karaf-distribution/target/assembly})
     * without its {@code data/} into a new directory {@code workDir/<prefix>-…}, as {@link #unpack} would lay out the
     * distribution's archive; picks five distinct free ports.
     */
    public static KarafInstance copyOf(String name, Path karafHome, Path workDir, String prefix) throws IOException {
        if (!Files.isRegularFile(karafHome.resolve("bin/karaf"))) {
            throw new IOException(karafHome + " is not a Karaf directory with bin/karaf");
        }
        Files.createDirectories(workDir);
        Path dir = Files.createTempDirectory(workDir, prefix + "-");
        Path home = dir.resolve(karafHome.getFileName());
        Path data = karafHome.resolve("data");
        try (Stream<Path> walk = Files.walk(karafHome)) {
            for (Path from : (Iterable<Path>) walk.filter(p -> !p.startsWith(data))::iterator) {
                Files.copy(from, home.resolve(karafHome.relativize(from).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException | UncheckedIOException e) {
            deleteTree(dir);
            throw e;
        }
        return new KarafInstance(name, dir, home, freePorts(5));
    }

    /**
     * Moves SSH and JMX/RMI (and, with {@code web}, HTTP and HTTPS) to this copy's ports, all bound to loopback.
     * A bare Karaf has no web server to move: pass {@code false}.
     */
    public void movePorts(boolean web) throws IOException {
        if (web) {
            String cfg = "org.ops4j.pax.web.cfg";
            set(cfg, "org.osgi.service.http.port", String.valueOf(httpPort));
            set(cfg, "org.osgi.service.http.port.secure", String.valueOf(httpsPort));
            set(cfg, "org.ops4j.pax.web.listening.addresses", "127.0.0.1");
        }
        set("org.apache.karaf.shell.cfg", "sshPort", String.valueOf(sshPort));
        set("org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
        String management = "org.apache.karaf.management.cfg";
        set(management, "rmiRegistryPort", String.valueOf(rmiRegistryPort));
        set(management, "rmiServerPort", String.valueOf(rmiServerPort));
        set(management, "rmiRegistryHost", "127.0.0.1");
        set(management, "rmiServerHost", "127.0.0.1");
    }

    /** Sets {@code key = value} in {@code etc/<file>} (replacing its uncommented line, or appending one). */
    public void set(String file, String key, String value) throws IOException {
        setProperty(etc().resolve(file), key, value);
    }

    /**
     * Appends {@code feature} to {@code featuresBoot} in {@code etc/org.apache.karaf.features.cfg} (a continued
     * property: its last line gets the new entry), so the copy installs it at its next start, as an operator would
     * with {@code feature:install} before the first start.
     */
    public void addBootFeature(String feature) throws IOException {
        addBootFeature(etc().resolve("org.apache.karaf.features.cfg"), feature);
    }

    /** Appends {@code feature} to the {@code featuresBoot} property of a features configuration file. */
    public static void addBootFeature(Path cfg, String feature) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg, StandardCharsets.ISO_8859_1));
        int i = 0;
        while (i < lines.size() && !lines.get(i).trim().startsWith("featuresBoot")) {
            i++;
        }
        if (i == lines.size()) {
            throw new IOException("no featuresBoot in " + cfg);
        }
        while (lines.get(i).trim().endsWith("\\")) {
            i++;
        }
        String last = lines.get(i).replaceAll("\\s+$", "");
        boolean empty = last.trim().endsWith("=");
        lines.set(i, empty ? last + " \\" : last + ", \\");
        lines.add(i + 1, "    " + feature);
        Files.write(cfg, lines, StandardCharsets.ISO_8859_1);
    }

    /**
     * Starts {@code bin/karaf server} in the Karaf directory with {@code JAVA_HOME} of this JVM unless {@code env}
     * names another; {@code env} is applied last (a null value removes the variable). The console output goes to
     * {@code console.log}, appended with {@code appendConsole} (a restart on the same directory), else replaced.
     */
    public void start(Map<String, String> env, boolean appendConsole) throws IOException {
        if (running()) {
            throw new IllegalStateException(name + " is already running");
        }
        java.io.File console = dir.resolve("console.log").toFile();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(appendConsole ? ProcessBuilder.Redirect.appendTo(console)
                        : ProcessBuilder.Redirect.to(console));
        Map<String, String> environment = pb.environment();
        environment.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        env.forEach((k, v) -> {
            if (v == null) {
                environment.remove(k);
            } else {
                environment.put(k, v);
            }
        });
        javaPid = null;
        startNanos = System.nanoTime();
        process = pb.start();
    }

    /** {@link System#nanoTime()} just before the last start. */
    public long startNanos() {
        return startNanos;
    }

    /** Whether the start script still runs. */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Whether the start script or the Karaf JVM still runs. */
    public boolean running() {
        return process != null && (process.isAlive() || javaPid().isPresent());
    }

    /** The Karaf JVM: the java process under the start script (or the script itself, had it exec'd java). */
    public Optional<Long> javaPid() {
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

    /**
     * Polls {@code GET <base>/health} until it answers 200, then {@code GET <base>/numbers?prefix=1389180&limit=1}
     * with {@code authorization} until it lists a number (the demo data is in and the REST whiteboard has settled);
     * throws an {@link AssertionError} with the logs when the JVM ends or the time runs out.
     */
    public void awaitHealthy(HttpClient client, String base, String authorization, Duration timeout)
            throws InterruptedException {
        await("healthy", timeout, () -> {
            String health = healthNotYet(client, base);
            if (health != null) {
                return health;
            }
            HttpResponse<String> numbers = client.send(HttpRequest.newBuilder(
                    URI.create(base + "/numbers?prefix=1389180&limit=1")).timeout(HEALTH_REQUEST_WAIT)
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            return numbers.statusCode() == 200 && numbers.body().contains("msisdn") ? null
                    : "numbers " + numbers.statusCode();
        });
    }

    /** Null when {@code GET <base>/health} answers 200, else what it answered. */
    public static String healthNotYet(HttpClient client, String base) throws IOException, InterruptedException {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .timeout(HEALTH_REQUEST_WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        return health.statusCode() == 200 ? null : "health " + health.statusCode() + " " + health.body();
    }

    /** What {@link #await} asks until it answers null (ready); else it says what it saw. */
    @FunctionalInterface
    public interface Readiness {
        String notYet() throws IOException, InterruptedException;
    }

    /**
     * Asks {@code readiness} every 300 ms until it answers null; throws an {@link AssertionError} with the logs (the
     * console's first lines, where boot errors land) when the JVM ends, Karaf says its boot features failed, or
     * {@code timeout} runs out. An {@link IOException} of a check (nothing listens yet) counts as not yet.
     */
    public void await(String what, Duration timeout, Readiness readiness) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            if (!running() || bootFailed()) {
                throw new AssertionError(name + " ended or failed before it was " + what + " (" + last + ")\n"
                        + logTail(60, true));
            }
            try {
                String notYet = readiness.notYet();
                if (notYet == null) {
                    return;
                }
                last = notYet;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(300);
        }
        throw new AssertionError(name + " was not " + what + " within " + timeout + " (" + last + ")\n"
                + logTail(60, false));
    }

    /**
     * SIGKILL to the Karaf JVM (not the start script: the JVM is what must die without a chance to clean up), then
     * waits until it and the script are gone. The JVM must be running.
     */
    public void kill9() throws InterruptedException {
        long pid = javaPid().orElseThrow(() -> new IllegalStateException("no Karaf JVM runs for " + name));
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        if (!waitGone(Optional.of(pid), Duration.ofSeconds(20))) {
            process.destroyForcibly();
            throw new AssertionError("the Karaf JVM " + pid + " outlived SIGKILL");
        }
        javaPid = null;
    }

    /**
     * Stops Karaf cleanly: SIGTERM to its JVM runs Karaf's shutdown hook, which stops the framework as
     * {@code bin/stop} would (without starting another JVM to ask for it); SIGKILL if it lingers past {@code wait}.
     * Returns how it ended.
     */
    public String terminate(Duration wait) throws InterruptedException {
        if (process == null) {
            return "not started";
        }
        Optional<Long> pid = javaPid();
        String how = "SIGTERM";
        pid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
        if (!waitGone(pid, wait)) {
            how = "SIGKILL";
            killAll();
            waitGone(pid, Duration.ofSeconds(10));
        }
        javaPid = null;
        return how;
    }

    /**
     * Stops Karaf with {@code bin/stop}; if it still runs after {@code wait}, terminates the JVM (SIGTERM runs
     * Karaf's shutdown hook), and kills it as a last resort. Returns how it ended.
     */
    public String stopWithScript(Duration wait) {
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
                if (!stop.waitFor(wait.toSeconds(), TimeUnit.SECONDS)) {
                    stop.destroyForcibly();
                }
            }
            if (!waitGone(pid, wait)) {
                how = "SIGTERM";
                pid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
                if (!waitGone(pid, wait)) {
                    how = "SIGKILL";
                    killAll();
                    waitGone(pid, Duration.ofSeconds(10));
                }
            }
        } catch (IOException e) {
            how = "SIGKILL (bin/stop failed: " + e.getMessage() + ")";
            killAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killAll();
            how = "SIGKILL (interrupted)";
        }
        return how;
    }

    /** Waits until the JVM {@code pid} and the start script are gone; false when they still run after {@code timeout}. */
    public boolean waitGone(Optional<Long> pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean javaAlive = pid.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
            if (!javaAlive && (process == null || !process.isAlive())) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** SIGKILL to the script, everything under it and the JVM; quiet, safe to call at any time (a shutdown hook). */
    public void killAll() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (javaPid != null) {
            ProcessHandle.of(javaPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
    }

    /** Whether Karaf has said, on its console, that its boot features failed (it would then never come up). */
    public boolean bootFailed() {
        long now = System.nanoTime();
        if (now - lastBootCheck < 1_000_000_000L) {
            return false;
        }
        lastBootCheck = now;
        try {
            Path console = consoleLog();
            return Files.isRegularFile(console)
                    && Files.readString(console, StandardCharsets.ISO_8859_1).contains("Error installing boot features");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code echo 'command' | bin/client -u user -p password -b}; returns its output, or null when it failed or
     * did not answer within {@code timeoutSeconds}.
     */
    public String client(String user, String password, String command, int timeoutSeconds)
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

    /** VmRSS of the Karaf JVM in KiB, from /proc; -1 when it cannot be read. */
    public long rssKiB() {
        return javaPid().map(KarafInstance::rssKiB).orElse(-1L);
    }

    /** VmRSS of process {@code pid} in KiB, from /proc; -1 when it cannot be read. */
    public static long rssKiB(long pid) {
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

    /** The lines of Karaf's {@code data/log/karaf.log} (every start on this directory appends to it). */
    public List<String> karafLog() throws IOException {
        Path log = karafLogFile();
        return Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
    }

    /**
     * For a failure report: the console output (its first lines with {@code consoleHead}, where boot errors land,
     * else its last) and the end of Karaf's log.
     */
    public String logTail(int lines, boolean consoleHead) {
        StringBuilder sb = new StringBuilder();
        excerpt(sb, consoleLog(), lines, consoleHead);
        excerpt(sb, karafLogFile(), lines, false);
        return sb.toString();
    }

    private static void excerpt(StringBuilder sb, Path log, int lines, boolean head) {
        if (!Files.isRegularFile(log)) {
            return;
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            int n = Math.min(lines, all.size());
            sb.append("---- ").append(log).append(head ? " (first " : " (last ").append(n).append(" of ")
                    .append(all.size()).append(" lines)\n");
            (head ? all.subList(0, n) : all.subList(all.size() - n, all.size()))
                    .forEach(l -> sb.append(l).append('\n'));
        } catch (IOException | UncheckedIOException e) {
            sb.append("---- ").append(log).append(": ").append(e.getMessage()).append('\n');
        }
    }

    /** Removes the directory this copy was unpacked into (the JVM should be gone first). */
    public void deleteDirectory() {
        deleteTree(dir);
    }

    public String name() {
        return name;
    }

    /** The directory the tar.gz was unpacked into (holds the Karaf directory and {@code console.log}). */
    public Path dir() {
        return dir;
    }

    /** The Karaf directory ({@code bin/}, {@code etc/}, {@code data/}). */
    public Path home() {
        return home;
    }

    public Path etc() {
        return home.resolve("etc");
    }

    public Path consoleLog() {
        return dir.resolve("console.log");
    }

    public Path karafLogFile() {
        return home.resolve("data/log/karaf.log");
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    public int sshPort() {
        return sshPort;
    }

    public int rmiRegistryPort() {
        return rmiRegistryPort;
    }

    public int rmiServerPort() {
        return rmiServerPort;
    }

    /** Whether something accepts a TCP connection on the loopback port within {@code timeoutMillis}. */
    public static boolean accepts(int port, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a directory tree; a file still held open is left behind. */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still open is left behind; the caller's report names the directory if it survives
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    /** Sets {@code key} in a Karaf .cfg file: replaces its uncommented line, or appends one (creating the file). */
    public static void setProperty(Path cfg, String key, String value) throws IOException {
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

    /** The ports handed out: below Linux's ephemeral range (from 32768), above most services'. */
    private static final int FIRST_PORT = 20_000;
    private static final int PAST_LAST_PORT = 32_768;

    /**
     * Distinct free loopback ports, all held open while choosing so none is picked twice. They come from below the
     * kernel's ephemeral range: a port from that range (what binding port 0 gives) may become the local port of an
     * outgoing connection, and a distribution restarted on it then failed to bind its ssh port ("Address already in
     * use") while the load's connections were still closing.
     */
    public static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            for (int i = 0, tries = 0; i < n; tries++) {
                if (tries > 10_000) {
                    throw new IOException("no free loopback port in " + FIRST_PORT + "-" + (PAST_LAST_PORT - 1));
                }
                ServerSocket socket = new ServerSocket();
                try {
                    socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(),
                            random.nextInt(FIRST_PORT, PAST_LAST_PORT)), 1);
                } catch (IOException taken) {
                    socket.close();
                    continue;
                }
                sockets.add(socket);
                ports[i++] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
