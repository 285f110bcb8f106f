package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.bizhall.testing.OpenApiContract;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Boots the real bizhall distribution (the tar.gz this build made) once per suite and talks to it as a branch system
 * would: HTTP Basic against the JAAS realm, JSON in and out, plus the Karaf shell as an admin.
 */
public abstract class BizhallTestSupport {
    protected static final ObjectMapper JSON = new ObjectMapper();
    /** A valid resident ID number (check character X). */
    protected static final String VALID_ID = "11010519491231002X";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version", "1.0.0-SNAPSHOT");
        String localRepo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        String httpPort = Integer.toString(freePort());
        String sshPort = Integer.toString(freePort());
        return new Option[] {
            karafDistributionConfiguration()
                .frameworkUrl(maven().groupId("org.bizhall").artifactId("karaf-distribution").version(version).type("tar.gz"))
                .unpackDirectory(new File("target/exam"))
                .useDeployFolder(false)
                .name("bizhall"),
            configureConsole().ignoreLocalConsole(), // the remote shell stays: ShellIT runs a command over SSH
            logLevel(LogLevelOption.LogLevel.WARN),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
            // the distribution is sealed; the test container takes Pax Exam's own bundles from the build's repository
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
            // Pax Exam adds its own boot features, and Karaf applies featuresBoot at a first start only: the framework
            // cache the distribution ships (a first start the build ran, without them) is dropped, as bin/setenv does
            // for an operator's changed boot (Pax Exam starts the JVM without bin/karaf)
            systemProperty("karaf.clean.cache").value("true"),
            systemProperty("bizhall.http.port").value(httpPort),
            systemProperty("bizhall.ssh.port").value(sshPort),
            // On a loaded machine the test probe may wait more than Pax Exam's default 10 s for its injector and
            // invoker services; giving up leaves the probe unregistered and the run hanging, so wait as long as the
            // boot itself may take.
            systemProperty("org.ops4j.pax.swissbox.tracker.ServiceLookup.DEFAULT_TIMEOUT").value("180000"),
            systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("180000"),
            // the probe's invoker waits for the Injector service with a timeout of its own (10 s by default)
            systemProperty("org.ops4j.pax.exam.invoker.junit.internal.JUnitProbeInvokerFactory.DEFAULT_TIMEOUT").value("180000"),
            // bin/karaf's JVM options (Pax Exam starts the JVM itself, without bin/karaf or bin/setenv): the spec
            // locator patched into java.base, the module openings, and the distribution's own setenv option
            jvmLikeBinKaraf(),
            systemProperty("bizhall.fixture.province").value(new File(System.getProperty("bizhall.fixture.province", "missing")).getAbsolutePath()),
            systemProperty("bizhall.fixture.scheduled").value(new File(System.getProperty("bizhall.fixture.scheduled", "missing")).getAbsolutePath()),
            systemProperty("bizhall.pack.sn").value(new File(System.getProperty("bizhall.pack.sn", "missing")).getAbsolutePath()),
            systemProperty("bizhall.pack.sx").value(new File(System.getProperty("bizhall.pack.sx", "missing")).getAbsolutePath()),
            // the suites share one container and move its clock: month-end billing and collection run only when a
            // suite asks (the scheduler's own suite starts them), never behind another suite's back
            editConfigurationFilePut("etc/org.bizhall.scheduler.cfg", "recurring", "false"),
            editConfigurationFilePut("etc/org.bizhall.scheduler.cfg", "pollSeconds", "1"),
            systemProperty("bizhall.device.escpos").value(new File(System.getProperty("bizhall.device.escpos", "missing")).getAbsolutePath()),
        };
    }

    /**
     * The JVM options {@code bin/karaf} and the distribution's {@code bin/setenv} give Karaf 4.4 on Java 17; every
     * container of the suite needs them.
     */
    static Option jvmLikeBinKaraf() {
        String karaf = System.getProperty("karaf.version", "4.4.10");
        return composite(
            vmOption("--add-reads=java.xml=java.logging"),
            vmOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
            vmOption("--patch-module"), vmOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karaf + ".jar"),
            vmOption("--patch-module"), vmOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karaf + ".jar"),
            vmOption("--add-opens"), vmOption("java.base/java.security=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.net=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.lang=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.util=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
            vmOption("--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED"),
            vmOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true"),
            // bin/setenv's compiler choice: the container runs the code the distribution runs, compiled alike
            vmOption("-XX:TieredStopAtLevel=1"));
    }

    static int freePort() {
        try {
            return org.bizhall.testing.process.KarafInstance.freePorts(1)[0];
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String base() {
        return "http://localhost:" + System.getProperty("bizhall.http.port", "8181") + "/api/v1";
    }

    /** An HTTP answer: status, headers, and the body parsed as JSON where it is JSON. */
    public record Answer(int status, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public Answer expect(int expected) {
            assertEquals("HTTP status of " + raw.request().method() + " " + raw.request().uri() + ": " + raw.body(),
                    expected, status);
            return this;
        }

        /** Asserts an RFC 7807 problem with this status and code. */
        public JsonNode problem(int expectedStatus, String code) {
            expect(expectedStatus);
            assertEquals(raw.body(), "application/problem+json",
                    header("Content-Type") == null ? null : header("Content-Type").split(";")[0]);
            JsonNode body = json();
            assertEquals(raw.body(), code, body.path("code").asText());
            assertEquals(raw.body(), expectedStatus, body.path("status").asInt());
            return body;
        }
    }

    protected Answer get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    protected Answer post(String user, String path, Object body) {
        return send(user, "POST", path, body, null);
    }

    protected Answer post(String user, String path, Object body, String idempotencyKey) {
        return send(user, "POST", path, body, idempotencyKey);
    }

    protected Answer put(String user, String path, Object body) {
        return send(user, "PUT", path, body, null);
    }

    protected Answer send(String user, String method, String path, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (user != null) {
                // demo users' passwords equal their names
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            if (text != null) {
                request.header("Content-Type", "application/json; charset=UTF-8");
                request.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            OpenApiContract contract = checksAnswersAgainstOpenApi() ? contract() : null;
            if (contract != null) {
                contract.assertDescribed(method, response.request().uri().getRawPath(), response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null),
                        response.body().getBytes(StandardCharsets.UTF_8));
            }
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Whether {@link #send} checks every answer against the OpenAPI document the platform serves (the operation, the
     * status, the media type and the body's schema), failing the call that drifts. On for every suite; a suite whose
     * requests provoke answers no API document lists (the servlet container's own) may turn it off.
     */
    protected boolean checksAnswersAgainstOpenApi() {
        return true;
    }

    private static volatile OpenApiContract contract;

    /** The served document, read once it is served (null while the platform is still booting). */
    private static OpenApiContract contract() {
        OpenApiContract read = contract;
        if (read != null) {
            return read;
        }
        try {
            HttpResponse<byte[]> document = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/openapi.json"))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (document.statusCode() != 200) {
                return null;
            }
            read = OpenApiContract.read(new ByteArrayInputStream(document.body()));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        contract = read;
        return read;
    }

    /** The served document was read and its check works in the container: a wrong answer is caught. */
    private void assertAnswersAreChecked() {
        if (!checksAnswersAgainstOpenApi()) {
            return;
        }
        OpenApiContract served = contract();
        if (served == null) {
            fail("GET /openapi.json did not answer the document");
        }
        byte[] wrong = "{\"user\":7}".getBytes(StandardCharsets.UTF_8);
        if (served.violations("GET", "/api/v1/me", 200, "application/json", wrong).isEmpty()) {
            fail("the OpenAPI check let a /me answer with a numeric user pass");
        }
    }

    /** Waits until /health answers 200 and the demo data is loaded (the REST whiteboard settles after boot). */
    /** The installed bundle of this symbolic name; fails the test when there is none. */
    protected Bundle bundle(String symbolicName) {
        Bundle bundle = installed(symbolicName);
        if (bundle == null) {
            throw new AssertionError("no bundle " + symbolicName);
        }
        return bundle;
    }

    /** The installed bundle of this symbolic name, or null. */
    protected Bundle installed(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    protected void awaitPlatform() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        String last = "";
        boolean up = false;
        while (!up && System.currentTimeMillis() < deadline) {
            try {
                Answer health = get(null, "/health");
                if (health.status() == 200) {
                    Answer numbers = get("op-sn", "/numbers?prefix=1389180&limit=1");
                    if (numbers.status() == 200 && numbers.json().size() > 0) {
                        recordBootLog();
                        up = true;
                        continue;
                    }
                    last = "numbers: " + numbers.status() + " " + numbers.raw().body();
                } else {
                    last = "health: " + health.status() + " " + health.raw().body();
                }
            } catch (AssertionError e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        if (!up) {
            fail("the platform did not become healthy: " + last);
        }
        assertAnswersAreChecked();
    }

    /** The container's log as it was when the platform first came up: the boot, before any test acted. */
    private static volatile List<String> bootLog;

    private static synchronized void recordBootLog() {
        if (bootLog == null) {
            bootLog = karafLog();
        }
    }

    /** The lines of the container's data/log/karaf.log (the suite logs at WARN and above). */
    protected static List<String> karafLog() {
        Path log = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data") + "/log"), "karaf.log");
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + log, e);
        }
    }

    /**
     * The boot's log entries an admin would have to look into: ERROR entries and entries with a stack trace, on any
     * thread. Jetty's request threads (qtp...) included: the suite polls /health from the start, and the API, published
     * once and whole, answers those polls 404 until it is there without logging anything.
     */
    protected static List<String> bootProblems() {
        List<String> lines = bootLog == null ? karafLog() : bootLog;
        List<String> problems = new ArrayList<>();
        String entry = null;
        boolean trace = false;
        for (String line : lines) {
            Matcher m = LOG_ENTRY.matcher(line);
            if (m.find()) {
                if (entry != null && trace) {
                    problems.add(entry);
                }
                entry = line;
                trace = false;
                if (m.group(1).equals("ERROR")) {
                    if (!KarafLogLines.knownHarmless(line)) {
                        problems.add(line);
                    }
                    entry = null;
                }
            } else if (entry != null && (line.startsWith("\tat ") || line.startsWith("Caused by: "))) {
                trace = true;
            }
        }
        if (entry != null && trace) {
            problems.add(entry);
        }
        return problems;
    }

    /** The start of a log entry in Karaf's pattern: time | level | thread | ... */
    private static final Pattern LOG_ENTRY = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+ \\| (\\w+)\\s*\\| (\\S+)");

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    protected static String key() {
        return UUID.randomUUID().toString();
    }

    /** A personal customer with a valid ID number. */
    protected static ObjectNode personalCustomer(String name) {
        return object().put("type", "PERSONAL").put("name", name).put("idType", "ID_CARD").put("idNumber", VALID_ID)
                .put("address", "西安市高新区科技路1号");
    }

    /** An account-opening envelope for a personal holder who came in person. */
    protected static ObjectNode openingOrder(String msisdn, String packageCode) {
        ObjectNode order = object().put("procedure", "account-opening").put("msisdn", msisdn);
        order.set("customer", personalCustomer("张三"));
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
        order.putObject("params").put("package", packageCode);
        return order;
    }

    /** The first available number of a province's segment whose prestore is as asked (0 or more). */
    protected String availableNumber(String user, String prefix, boolean withPrestore) {
        JsonNode numbers = get(user, "/numbers?prefix=" + prefix + "&limit=500").expect(200).json();
        for (JsonNode n : numbers) {
            if ((n.path("prestoreFen").asLong() > 0) == withPrestore) {
                return n.path("msisdn").asText();
            }
        }
        throw new AssertionError("no available number under " + prefix + " with prestore " + withPrestore);
    }

    /** Runs a shell command as an admin and returns what it printed (stdout and stderr). */
    protected String shell(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("admin"));
        subject.getPrincipals().add(new RolePrincipal("admin"));
        subject.getPrincipals().add(new RolePrincipal("manager"));
        subject.getPrincipals().add(new RolePrincipal("viewer"));
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (java.security.PrivilegedActionException e) {
            out.println("EXCEPTION: " + e.getCause());
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
