package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

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
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The platform installed into a stock Apache Karaf 4.4.10 (the {@code apache-karaf} tar.gz as released, not the
 * bizhall distribution), the way an operator with a Karaf of their own does it: {@code feature:repo-add} of the bizhall
 * features repository, {@code feature:install bizhall}, and later {@code feature:install bizhall-demo}. It checks what
 * that operator would: the API answers, a user of the realm gets in and its password is stored as a bcrypt hash, the
 * production platform has no demo data and a fixed business clock, and the demo brings its data, users and clock.
 * <p>
 * The probe runs inside the stock Karaf before any bizhall bundle (or Jackson) is there, so this class uses nothing
 * but the JDK, Karaf's shell and JUnit; it does not extend {@link BizhallTestSupport}, which boots the distribution.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StockKarafIT {
    /** An admin added to the stock realm before the start (password = user name, in plain text as an operator would). */
    private static final String OPERATOR_ADMIN = "ops-admin";

    @Inject
    private SessionFactory sessionFactory;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version", "1.0.0-SNAPSHOT");
        String karaf = System.getProperty("karaf.version", "4.4.10");
        String localRepo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        String httpPort = Integer.toString(BizhallTestSupport.freePort());
        Path distributionRepository = Path.of(System.getProperty("bizhall.distribution.repository",
                "../../karaf-distribution/target/assembly/system")).toAbsolutePath().normalize();
        return new Option[] {
            karafDistributionConfiguration()
                .frameworkUrl(maven().groupId("org.apache.karaf").artifactId("apache-karaf").version(karaf).type("tar.gz"))
                .unpackDirectory(new File("target/exam-stock"))
                .useDeployFolder(false)
                .name("Apache Karaf"),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevelOption.LogLevel.INFO),
            // the HTTP port the http feature will use once bizhall brings it (its configuration is only created when absent)
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(BizhallTestSupport.freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(BizhallTestSupport.freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(BizhallTestSupport.freePort())),
            // The bizhall features and bundles come from this build's distribution (its system folder is a Maven
            // repository), not from the user's local repository, where another build on the machine (a worktree, a
            // CI clone of another commit) may be installing its own snapshots while this container downloads them,
            // so the test checks the build it belongs to. Third-party artifacts (CXF's bundles the distribution leaves
            // out) are releases and still come from there.
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                    "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                    + distributionRepository.toUri() + "@id=bizhall.build@snapshots"),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
            // an operator's own user of the stock realm, written in plain text (the bizhall realm settings hash it)
            editConfigurationFilePut("etc/users.properties", OPERATOR_ADMIN, OPERATOR_ADMIN + ",admin"),
            systemProperty("bizhall.http.port").value(httpPort),
            systemProperty("bizhall.version").value(version),
            systemProperty("bizhall.distribution.repository").value(distributionRepository.toString()),
            systemProperty("org.ops4j.pax.swissbox.tracker.ServiceLookup.DEFAULT_TIMEOUT").value("180000"),
            systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("180000"),
            systemProperty("org.ops4j.pax.exam.invoker.junit.internal.JUnitProbeInvokerFactory.DEFAULT_TIMEOUT").value("180000"),
            BizhallTestSupport.jvmLikeBinKaraf(),
        };
    }

    /**
     * {@code feature:install bizhall} makes a working production node out of a stock Karaf, and
     * {@code feature:install bizhall-demo} then turns it into the demo.
     */
    @Test
    public void bizhallThenTheDemoInstallIntoAStockKaraf() throws Exception {
        String version = System.getProperty("bizhall.version");
        String repoAdd = shell("feature:repo-add mvn:org.bizhall/features/" + version + "/xml/features");
        assertFalse(repoAdd, repoAdd.contains("Error") || repoAdd.contains("EXCEPTION"));

        String install = shell("feature:install bizhall");
        assertFalse(install, install.contains("Error") || install.contains("EXCEPTION"));
        Answer health = poll(null, "/health", 200, 180);
        if (health.status() != 200) {
            // what a look at the container would show, in the failure itself (the probe reports only a message):
            // the end of karaf.log (services that came and went) and the threads waiting on a lock
            List<String> log = karafLog();
            fail("GET /health did not answer 200 within 180 s: " + health + "\nlog tail:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size())) + "\n" + stuckThreads());
        }
        String listed = shell("feature:list -i");
        assertTrue(listed, listed.contains("bizhall "));
        assertFalse("production installs no demo: " + listed, listed.contains("bizhall-demo")
                || listed.contains("bizhall-device-simulators"));

        // the operator's admin gets in, with the role the realm gives it and no hall
        Answer me = send(OPERATOR_ADMIN, "GET", "/me", null);
        assertEquals(me.body(), 200, me.status());
        assertTrue(me.body(), me.body().contains("\"user\":\"" + OPERATOR_ADMIN + "\"") && me.body().contains("\"role\":\"admin\""));
        // bizhall's realm settings: the plain password written into users.properties is now a salted bcrypt hash
        String users = Files.readString(etc().resolve("users.properties"), StandardCharsets.ISO_8859_1);
        assertTrue(users, users.matches("(?s).*\\n" + OPERATOR_ADMIN + "\\s*=\\s*\\{CRYPT\\}\\$2a\\$10\\$.*"));
        // no credentials: 401 as the contract says
        assertEquals(401, send(null, "GET", "/me", null).status());

        // production: the Derby store the feature configured, 22 procedures, no demo data, a clock nobody may move
        assertTrue("the Derby store under data/", Files.isDirectory(Path.of(System.getProperty("karaf.data"), "bizhall-db")));
        // the datasource the feature wrote is the distribution's, pool settings included (keys pax-transx reads)
        java.util.Properties installed = properties(etc().resolve("org.ops4j.datasource-bizhall.cfg"));
        // what Karaf and fileinstall write beside the feature's keys to track the file
        installed.keySet().removeIf(key -> key.toString().startsWith("felix.fileinstall.")
                || key.toString().startsWith("org.apache.karaf.features."));
        assertEquals("20", installed.getProperty("pool.maxPoolSize"));
        assertEquals(properties(Path.of(System.getProperty("bizhall.distribution.repository"))
                .resolveSibling("etc").resolve("org.ops4j.datasource-bizhall.cfg")), installed);
        Answer procedures = send(OPERATOR_ADMIN, "GET", "/procedures", null);
        assertEquals(procedures.body(), 200, procedures.status());
        assertTrue(procedures.body(), procedures.body().contains("\"account-opening\"") && procedures.body().contains("\"bill-payment\""));
        Answer halls = send(OPERATOR_ADMIN, "GET", "/numbers?prefix=1389180&limit=1", null);
        assertTrue(halls.body(), halls.status() != 200 || halls.body().equals("[]"));
        assertEquals("production has no adjustable clock", 404,
                send(OPERATOR_ADMIN, "PUT", "/admin/clock", "{\"now\":\"2026-12-01T10:00:00+08:00\"}").status());
        String production = problemsInLog();

        // the demo on top: its users replace the realm's, its data loads into the empty store, its clock moves
        String demo = shell("feature:install bizhall-demo");
        assertFalse(demo, demo.contains("Error") || demo.contains("EXCEPTION"));
        Answer numbers = awaitStatus("op-sn", "/numbers?prefix=1389180&limit=1", 200, 180);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (numbers.body().equals("[]") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            numbers = send("op-sn", "GET", "/numbers?prefix=1389180&limit=1", null);
        }
        assertTrue("the demo number pool: " + numbers.body(), numbers.body().contains("\"msisdn\":\"1389180"));
        Answer opSn = send("op-sn", "GET", "/me", null);
        assertTrue(opSn.body(), opSn.body().contains("\"hall\":\"SN-XA-001\"") && opSn.body().contains("\"province\":\"SN\""));
        Answer clock = send("admin", "PUT", "/admin/clock", "{\"now\":\"2026-12-01T10:00:00+08:00\"}");
        assertEquals(clock.body(), 200, clock.status());
        Answer devices = send("op-sn", "GET", "/devices", null);
        assertTrue(devices.body(), devices.status() == 200 && devices.body().contains("\"driver\":\"simulator\""));

        assertEquals("the production install logged", "", production);
        assertEquals("the demo install logged", "", problemsInLog());
    }

    private record Answer(int status, String body) {
    }

    private static Answer send(String user, String method, String path, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                    + System.getProperty("bizhall.http.port") + "/api/v1" + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
            }
            if (json != null) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Answer awaitStatus(String user, String path, int status, int seconds) throws InterruptedException {
        Answer last = poll(user, path, status, seconds);
        if (last.status() != status) {
            fail("GET " + path + " did not answer " + status + " within " + seconds + " s: " + last + "\n"
                    + stuckThreads());
        }
        return last;
    }

    /** GET {@code path} every half second until it answers {@code status} or {@code seconds} pass; the last answer. */
    private static Answer poll(String user, String path, int status, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Answer last = send(user, "GET", path, null);
        while (last.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = send(user, "GET", path, null);
        }
        return last;
    }

    /**
     * Karaf's features thread and every thread waiting for a lock another thread holds, with their stacks (idle pool
     * threads left out): a feature install that hangs is then diagnosable from the failure alone.
     */
    private static String stuckThreads() {
        StringBuilder out = new StringBuilder("the features thread, and threads waiting for a lock another holds:\n");
        for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean()
                .dumpAllThreads(true, true)) {
            if (!t.getThreadName().startsWith("features-") && t.getLockOwnerName() == null) {
                continue;
            }
            out.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
            if (t.getLockName() != null) {
                out.append(" on ").append(t.getLockName());
            }
            if (t.getLockOwnerName() != null) {
                out.append(" held by \"").append(t.getLockOwnerName()).append('"');
            }
            out.append('\n');
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(stack.length, 25); i++) {
                out.append("\tat ").append(stack[i]).append('\n');
            }
        }
        return out.toString();
    }

    private static Path etc() {
        return Path.of(System.getProperty("karaf.etc"));
    }

    private static java.util.Properties properties(Path file) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(in);
        }
        return properties;
    }

    /** The lines of data/log/karaf.log so far. */
    private static List<String> karafLog() throws IOException {
        return Files.readAllLines(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"), StandardCharsets.UTF_8);
    }

    /** ERROR entries of data/log/karaf.log so far, and entries with a stack trace, one per line. */
    private static String problemsInLog() throws IOException {
        List<String> lines = karafLog();
        List<String> problems = new ArrayList<>();
        String entry = null;
        for (String line : lines) {
            if (line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")) {
                entry = line;
                if (line.contains("| ERROR |")) {
                    if (!KarafLogLines.knownHarmless(line)) {
                        problems.add(line);
                    }
                    entry = null;
                }
            } else if (entry != null && line.startsWith("\tat ")) {
                problems.add(entry);
                entry = null;
            }
        }
        return String.join("\n", problems);
    }

    /** Runs a shell command as Karaf's admin would and returns what it printed. */
    private String shell(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("karaf"));
        subject.getPrincipals().add(new RolePrincipal("admin"));
        subject.getPrincipals().add(new RolePrincipal("manager"));
        subject.getPrincipals().add(new RolePrincipal("viewer"));
        try {
            Object result = Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
            if (result != null) {
                out.println(result);
            }
        } catch (PrivilegedActionException e) {
            out.println("EXCEPTION: " + e.getCause());
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
