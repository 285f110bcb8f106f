package org.bizhall.itest;

import java.io.IOException;
import java.io.InputStream;
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
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The built bizhall distribution as an operator runs it: the tar.gz unpacked into a fresh directory under
 * {@code target/karaf-process}, its ports moved to free loopback ports, started as {@code bin/karaf server} (a child
 * process of the test, with {@code JAVA_HOME} set), stopped (SIGTERM: Karaf's clean shutdown) or killed with SIGKILL,
 * and started again on the same directory (same {@code data/}, same database). Unlike Pax Exam it runs the
 * distribution's own scripts ({@code bin/karaf}, {@code bin/setenv}) and survives being killed.
 *
 * <p>Always {@link #close()} it (in {@code @After}/{@code @AfterClass}): it kills the Karaf JVM if still running and
 * removes the directory, keeping the console output and Karaf's log under {@code target/karaf-process/logs}. A JVM
 * shutdown hook kills the Karaf JVM too, should the test JVM end without closing it.
 *
 * <p>The tar.gz is found through the system property {@code bizhall.distribution} (set by the suite's pom to the
 * reactor's {@code karaf-distribution/target/karaf-distribution-VERSION.tar.gz}), else in the local Maven repository.
 */
public final class KarafProcess implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(40);
    /** How long a health probe waits for its answer: a busy machine may be slow, and a probe given up is logged. */
    private static final Duration REQUEST_WAIT = Duration.ofSeconds(30);
    private static final Path WORK = Path.of("target", "karaf-process").toAbsolutePath();

    private final String name;
    private final Path dir;
    private final Path home;
    private final int httpPort;
    private final int httpsPort;
    private final int sshPort;
    private final int rmiRegistryPort;
    private final int rmiServerPort;
    private final Thread shutdownHook;
    private boolean httpEnabled = true;
    private boolean httpsEnabled;
    private SSLContext trust;
    private Process process;
    private Long javaPid;
    private int starts;

    private KarafProcess(String name, Path dir, Path home, int[] ports) {
        this.name = name;
        this.dir = dir;
        this.home = home;
        this.httpPort = ports[0];
        this.httpsPort = ports[1];
        this.sshPort = ports[2];
        this.rmiRegistryPort = ports[3];
        this.rmiServerPort = ports[4];
        this.shutdownHook = new Thread(this::killQuietly, "kill-karaf-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Unpacks the distribution into a new directory named after {@code name} and moves HTTP, HTTPS, SSH and JMX/RMI to
     * free ports bound to loopback. Nothing runs yet: adjust {@code etc/} first ({@link #set}, {@link #enableTls}),
     * then {@link #start()}.
     */
    public static KarafProcess unpack(String name) throws IOException, InterruptedException {
        Path tarGz = distribution();
        Files.createDirectories(WORK);
        Path dir = Files.createTempDirectory(WORK, name + "-");
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
        KarafProcess karaf = new KarafProcess(name, dir, home, freePorts(5));
        karaf.movePorts();
        return karaf;
    }

    /** The distribution this build made: {@code bizhall.distribution}, else the local repository's copy. */
    static Path distribution() throws IOException {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("bizhall.distribution");
        if (property != null) {
            candidates.add(Path.of(property));
        }
        String version = System.getProperty("project.version", "1.0.0-SNAPSHOT");
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        candidates.add(Path.of(repo, "org", "bizhall", "karaf-distribution", version,
                "karaf-distribution-" + version + ".tar.gz"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IOException("no bizhall distribution at " + candidates + ": build karaf-distribution first");
    }

    private void movePorts() throws IOException {
        Path web = etc().resolve("org.ops4j.pax.web.cfg");
        setProperty(web, "org.osgi.service.http.port", String.valueOf(httpPort));
        setProperty(web, "org.osgi.service.http.port.secure", String.valueOf(httpsPort));
        setProperty(web, "org.ops4j.pax.web.listening.addresses", "127.0.0.1");
        Path shell = etc().resolve("org.apache.karaf.shell.cfg");
        setProperty(shell, "sshPort", String.valueOf(sshPort));
        setProperty(shell, "sshHost", "127.0.0.1");
        Path management = etc().resolve("org.apache.karaf.management.cfg");
        setProperty(management, "rmiRegistryPort", String.valueOf(rmiRegistryPort));
        setProperty(management, "rmiServerPort", String.valueOf(rmiServerPort));
        setProperty(management, "rmiRegistryHost", "127.0.0.1");
        setProperty(management, "rmiServerHost", "127.0.0.1");
    }

    /** Sets {@code key = value} in {@code etc/<file>} (replacing its uncommented line, or appending one). */
    public void set(String file, String key, String value) throws IOException {
        setProperty(etc().resolve(file), key, value);
    }

    /**
     * Serves HTTPS on {@link #httpsPort()} from a PKCS12 keystore, exactly as {@code docs/operations.md} tells an
     * operator: the keystore is copied to {@code etc/bizhall-tls.p12} and named in {@code etc/org.ops4j.pax.web.cfg};
     * {@code keepPlainHttp = false} also turns plain HTTP off. {@link #client()} then trusts that keystore's
     * certificate and {@link #base()} is the HTTPS address.
     */
    public void enableTls(Path keystore, String password, String alias, boolean keepPlainHttp) throws IOException {
        Path copy = etc().resolve("bizhall-tls.p12");
        Files.copy(keystore, copy, StandardCopyOption.REPLACE_EXISTING);
        String cfg = "org.ops4j.pax.web.cfg";
        set(cfg, "org.osgi.service.http.secure.enabled", "true");
        set(cfg, "org.ops4j.pax.web.ssl.keystore", "${karaf.etc}/bizhall-tls.p12");
        set(cfg, "org.ops4j.pax.web.ssl.keystore.type", "PKCS12");
        set(cfg, "org.ops4j.pax.web.ssl.keystore.password", password);
        set(cfg, "org.ops4j.pax.web.ssl.key.password", password);
        set(cfg, "org.ops4j.pax.web.ssl.key.alias", alias);
        set(cfg, "org.osgi.service.http.enabled", String.valueOf(keepPlainHttp));
        httpsEnabled = true;
        httpEnabled = keepPlainHttp;
        trust = trusting(keystore, password);
    }

    /**
     * Makes a fresh PKCS12 keystore with one RSA key pair and a self-signed certificate for {@code localhost} and
     * {@code 127.0.0.1}, using {@code keytool} of the running JDK (as an operator would, see docs/operations.md).
     */
    public static Path generateKeystore(Path file, String password, String alias)
            throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost, OU=bizhall test",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(file)) {
            throw new IOException("keytool -genkeypair failed: " + out);
        }
        return file;
    }

    /** A TLS context that trusts exactly the certificates of {@code keystore}. */
    public static SSLContext trusting(Path keystore, String password) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read " + keystore, e);
        }
    }

    /** Starts {@code bin/karaf server} on this directory (again, after a stop or a kill: same data, same ports). */
    public void start() throws IOException {
        if (process != null && (process.isAlive() || javaPid().isPresent())) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // the distribution's own JVM options (bin/setenv adds to these), with a bounded heap so that this JVM, the
        // test's and a Pax Exam container fit a small CI machine together
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("EXTRA_JAVA_OPTS", "-Xmx384m");
        javaPid = null;
        process = pb.start();
    }

    /**
     * Waits until {@code GET /api/v1/health} answers 200 on {@link #base()} and the demo number pool answers (the REST
     * whiteboard settles for a moment after the health check first passes); fails with the logs otherwise.
     */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient client = client();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            if (process == null || (!process.isAlive() && javaPid().isEmpty())) {
                throw new AssertionError(name + " ended during its start (" + last + ")\n" + logTail(60));
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base() + "/health"))
                        .timeout(REQUEST_WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    HttpResponse<String> numbers = client.send(HttpRequest.newBuilder(
                            URI.create(base() + "/numbers?prefix=1389180&limit=1")).timeout(REQUEST_WAIT)
                            .header("Authorization", basic("op-sn")).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (numbers.statusCode() == 200 && numbers.body().contains("msisdn")) {
                        return;
                    }
                    last = "numbers " + numbers.statusCode();
                } else {
                    last = "health " + health.statusCode() + " " + health.body();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(300);
        }
        throw new AssertionError(name + " did not become healthy within " + timeout + " (" + last + ")\n"
                + logTail(60));
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
     * {@code bin/stop} would (without starting another JVM to ask for it); SIGKILL if it lingers.
     */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        Optional<Long> pid = javaPid();
        pid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
        if (!waitGone(pid, STOP_WAIT)) {
            killQuietly();
            waitGone(pid, Duration.ofSeconds(10));
        }
        javaPid = null;
    }

    private boolean waitGone(Optional<Long> pid, Duration timeout) throws InterruptedException {
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

    private void killQuietly() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (javaPid != null) {
            ProcessHandle.of(javaPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
    }

    /** Kills what still runs, keeps the logs under {@code target/karaf-process/logs} and removes the directory. */
    @Override
    public void close() {
        try {
            if (process != null && (process.isAlive() || javaPid().isPresent())) {
                stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killQuietly();
        } finally {
            killQuietly();
            keepLogs();
            deleteTree(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
        }
    }

    private void keepLogs() {
        try {
            Path logs = Files.createDirectories(WORK.resolve("logs"));
            String prefix = dir.getFileName().toString();
            copyIfPresent(dir.resolve("console.log"), logs.resolve(prefix + "-console.log"));
            copyIfPresent(home.resolve("data/log/karaf.log"), logs.resolve(prefix + "-karaf.log"));
        } catch (IOException e) {
            System.err.println("could not keep the logs of " + dir + ": " + e);
        }
    }

    private static void copyIfPresent(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The lines of Karaf's {@code data/log/karaf.log} (every start on this directory appends to it). */
    public List<String> karafLog() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
    }

    /** For a failure message: the end of the console output and of Karaf's log. */
    public String logTail(int lines) {
        StringBuilder sb = new StringBuilder();
        excerpt(sb, dir.resolve("console.log"), lines);
        excerpt(sb, home.resolve("data/log/karaf.log"), lines);
        return sb.toString();
    }

    private static void excerpt(StringBuilder sb, Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return;
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            int n = Math.min(lines, all.size());
            sb.append("---- ").append(log).append(" (last ").append(n).append(" of ").append(all.size())
                    .append(" lines)\n");
            all.subList(all.size() - n, all.size()).forEach(l -> sb.append(l).append('\n'));
        } catch (IOException | UncheckedIOException e) {
            sb.append("---- ").append(log).append(": ").append(e.getMessage()).append('\n');
        }
    }

    /** {@code https://localhost:PORT/api/v1} when TLS is on, else {@code http://localhost:PORT/api/v1}. */
    public String base() {
        return httpsEnabled ? httpsBase() : httpBase();
    }

    public String httpBase() {
        return "http://localhost:" + httpPort + "/api/v1";
    }

    public String httpsBase() {
        return "https://localhost:" + httpsPort + "/api/v1";
    }

    /** An HTTP/1.1 client for {@link #base()}: trusting the configured keystore when TLS is on. */
    public HttpClient client() {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (trust != null) {
            builder.sslContext(trust);
        }
        return builder.build();
    }

    /** The Basic authorization header of a demo user (password = user name). */
    public static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    public Path home() {
        return home;
    }

    public Path etc() {
        return home.resolve("etc");
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

    public boolean httpEnabled() {
        return httpEnabled;
    }

    /** How many times {@link #start()} ran on this directory. */
    public int starts() {
        return starts;
    }

    /** Whether something accepts a TCP connection on the loopback port. */
    public static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
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
                    // a file still open is left behind; mvn clean removes it
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
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
