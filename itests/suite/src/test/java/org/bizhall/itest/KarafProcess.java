package org.bizhall.itest;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bizhall.testing.process.KarafInstance;

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
 * <p>Unpacking, ports, start, stop and kill are {@link KarafInstance}'s (shared with the two-node test and the bench);
 * this class adds what the suite's tests need: TLS, the demo users, the logs kept after the test.
 *
 * <p>The tar.gz is found through the system property {@code bizhall.distribution} (set by the suite's pom to the
 * reactor's {@code karaf-distribution/target/karaf-distribution-VERSION.tar.gz}), else in the local Maven repository.
 */
public final class KarafProcess implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(40);
    private static final Path WORK = Path.of("target", "karaf-process").toAbsolutePath();

    private final KarafInstance karaf;
    private final Thread shutdownHook;
    private boolean httpEnabled = true;
    private boolean httpsEnabled;
    private SSLContext trust;
    private int starts;

    private KarafProcess(KarafInstance karaf) {
        this.karaf = karaf;
        this.shutdownHook = new Thread(karaf::killAll, "kill-karaf-" + karaf.name());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Unpacks the distribution into a new directory named after {@code name} and moves HTTP, HTTPS, SSH and JMX/RMI to
     * free ports bound to loopback. Nothing runs yet: adjust {@code etc/} first ({@link #set}, {@link #enableTls}),
     * then {@link #start()}.
     */
    public static KarafProcess unpack(String name) throws IOException, InterruptedException {
        KarafInstance instance = KarafInstance.unpack(name, distribution(), WORK, name);
        try {
            instance.movePorts(true);
        } catch (IOException e) {
            instance.deleteDirectory();
            throw e;
        }
        return new KarafProcess(instance);
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

    /** Sets {@code key = value} in {@code etc/<file>} (replacing its uncommented line, or appending one). */
    public void set(String file, String key, String value) throws IOException {
        karaf.set(file, key, value);
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
        starts++;
        // the distribution's own JVM options (bin/setenv adds to these), with a bounded heap so that this JVM, the
        // test's and a Pax Exam container fit a small CI machine together
        Map<String, String> env = new java.util.HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", null);
        env.put("EXTRA_JAVA_OPTS", "-Xmx384m");
        karaf.start(env, true);
    }

    /**
     * Waits until {@code GET /api/v1/health} answers 200 on {@link #base()} and the demo number pool answers (the REST
     * whiteboard settles for a moment after the health check first passes); fails with the logs otherwise.
     */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        karaf.awaitHealthy(client(), base(), basic("op-sn"), timeout);
    }

    /** The Karaf JVM: the java process under the start script (or the script itself, had it exec'd java). */
    public Optional<Long> javaPid() {
        return karaf.javaPid();
    }

    /**
     * SIGKILL to the Karaf JVM (not the start script: the JVM is what must die without a chance to clean up), then
     * waits until it and the script are gone. The JVM must be running.
     */
    public void kill9() throws InterruptedException {
        karaf.kill9();
    }

    /**
     * Stops Karaf cleanly: SIGTERM to its JVM runs Karaf's shutdown hook, which stops the framework as
     * {@code bin/stop} would (without starting another JVM to ask for it); SIGKILL if it lingers.
     */
    public void stop() throws InterruptedException {
        karaf.terminate(STOP_WAIT);
    }

    /** Kills what still runs, keeps the logs under {@code target/karaf-process/logs} and removes the directory. */
    @Override
    public void close() {
        try {
            if (karaf.running()) {
                stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            karaf.killAll();
        } finally {
            karaf.killAll();
            keepLogs();
            karaf.deleteDirectory();
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
            String prefix = karaf.dir().getFileName().toString();
            copyIfPresent(karaf.consoleLog(), logs.resolve(prefix + "-console.log"));
            copyIfPresent(karaf.karafLogFile(), logs.resolve(prefix + "-karaf.log"));
        } catch (IOException e) {
            System.err.println("could not keep the logs of " + karaf.dir() + ": " + e);
        }
    }

    private static void copyIfPresent(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The lines of Karaf's {@code data/log/karaf.log} (every start on this directory appends to it). */
    public List<String> karafLog() throws IOException {
        return karaf.karafLog();
    }

    /** For a failure message: the end of the console output and of Karaf's log. */
    public String logTail(int lines) {
        return karaf.logTail(lines, false);
    }

    /** {@code https://localhost:PORT/api/v1} when TLS is on, else {@code http://localhost:PORT/api/v1}. */
    public String base() {
        return httpsEnabled ? httpsBase() : httpBase();
    }

    public String httpBase() {
        return "http://localhost:" + httpPort() + "/api/v1";
    }

    public String httpsBase() {
        return "https://localhost:" + httpsPort() + "/api/v1";
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

    /**
     * {@code method path} on {@link #base()} through {@code http}, as demo {@code user} (null: no credentials), with
     * an Idempotency-Key when {@code key} is not null and a JSON {@code body} when it is not null.
     */
    public HttpResponse<String> send(HttpClient http, String user, String method, String path, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json; charset=UTF-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The Basic authorization header of a demo user (password = user name). */
    public static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    public Path home() {
        return karaf.home();
    }

    public Path etc() {
        return karaf.etc();
    }

    public int httpPort() {
        return karaf.httpPort();
    }

    public int httpsPort() {
        return karaf.httpsPort();
    }

    public int sshPort() {
        return karaf.sshPort();
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
        return KarafInstance.accepts(port, 500);
    }
}
