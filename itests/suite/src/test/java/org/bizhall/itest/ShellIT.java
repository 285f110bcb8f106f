package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/** The admin's view in the Karaf shell agrees with what was done over HTTP. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ShellIT extends BizhallTestSupport {

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    /** An admin reading data/log/karaf.log after a start finds no ERROR and no stack trace. */
    @Test
    public void bootLogsNoErrorAndNoStackTrace() {
        List<String> problems = bootProblems();
        assertTrue("the boot logged:\n" + String.join("\n", problems), problems.isEmpty());
    }

    /** What an SSH exec request (`ssh -p 8101 user@host command`) printed and its exit status. */
    private record Exec(String printed, Integer exitStatus) {
    }

    private static Exec sshExec(String user, String command) throws Exception {
        int port = Integer.parseInt(System.getProperty("bizhall.ssh.port"));
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier((session, address, key) -> true); // the container's fresh host key
            client.start();
            try (ClientSession session = client.connect(user, "localhost", port).verify(30, TimeUnit.SECONDS).getSession()) {
                session.addPasswordIdentity(user); // demo users' passwords equal their names
                session.auth().verify(30, TimeUnit.SECONDS);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                try (ChannelExec exec = session.createExecChannel(command)) {
                    exec.setOut(out);
                    exec.setErr(err);
                    exec.open().verify(30, TimeUnit.SECONDS);
                    exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TimeUnit.SECONDS.toMillis(60));
                    return new Exec(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8),
                            exec.getExitStatus());
                }
            }
        }
    }

    /**
     * One command per SSH exec request, as scripts run it ({@code ssh -p 8101 admin@host hall:procedures}, or
     * {@code bin/client ... "hall:procedures"}): the command's output comes back and the exit status is 0.
     */
    @Test
    public void oneShotCommandOverSshExecPrintsItsOutputAndExitsZero() throws Exception {
        Exec exec = sshExec("admin", "hall:procedures");
        assertTrue(exec.printed(), exec.printed().contains("account-opening"));
        assertEquals(exec.printed(), Integer.valueOf(0), exec.exitStatus());
    }

    /** Issue 8: a refused command exits 1 over SSH and says why (docs/operations.md "Shell"). */
    @Test
    public void aRefusedCommandOverSshExitsOneAndPrintsTheProblem_issue8() throws Exception {
        Exec missing = sshExec("admin", "hall:order no-such-order");
        assertTrue(missing.printed(), missing.printed().contains("ORDER_NOT_FOUND: "));
        assertEquals(missing.printed(), Integer.valueOf(1), missing.exitStatus());

        Exec badMonth = sshExec("admin", "hall:bill-run 2026-13");
        assertTrue(badMonth.printed(), badMonth.printed().contains("MONTH_INVALID: "));
        assertEquals(badMonth.printed(), Integer.valueOf(1), badMonth.exitStatus());

        Exec noArgument = sshExec("admin", "hall:bill-run");
        assertEquals(noArgument.printed(), Integer.valueOf(1), noArgument.exitStatus());
    }

    /**
     * An admin adds users with the shell's jaas commands (docs/operations.md, "Users"): each keeps the role it was
     * given and its password is stored as a bcrypt hash; a user's line written into users.properties by hand with a
     * plain password is hashed within seconds and logs in. With Karaf's own automatic encryption on, about one in
     * twenty-five additions lost its role (or the users after it) a tenth of a second after {@code jaas:update}.
     */
    @Test
    public void usersAddedWithTheJaasCommandsKeepTheirRolesAndAHandWrittenPasswordIsHashed() throws Exception {
        int added = 30;
        for (int i = 1; i <= added; i++) {
            String user = "jaas-op-" + i;
            String printed = shell("jaas:realm-manage --realm karaf ; jaas:user-add " + user + " " + user
                    + " ; jaas:role-add " + user + " operator ; jaas:update");
            assertFalse(printed, printed.contains("EXCEPTION") || printed.contains("Error"));
        }
        Path usersFile = Path.of(System.getProperty("karaf.etc"), "users.properties");
        Thread.sleep(1000); // Karaf's encryption wrote its stale copy about 0.1 s after the command
        String users = Files.readString(usersFile, StandardCharsets.ISO_8859_1);
        for (int i = 1; i <= added; i++) {
            assertTrue("jaas-op-" + i + " with its role, hashed:\n" + users, users.matches(
                    "(?s).*\\njaas-op-" + i + " = \\{CRYPT\\}\\$2a\\$10\\$[^{]+\\{CRYPT\\},operator\\r?\\n.*"));
        }
        // the realm gives the role (no hall for them: 403 NO_HALL, not ROLE_NOT_ALLOWED)
        get("jaas-op-1", "/me").problem(403, "NO_HALL");
        get("jaas-op-" + added, "/me").problem(403, "NO_HALL");

        Files.writeString(usersFile, "jaas-hand = jaas-hand,operator,ssh\n", StandardCharsets.ISO_8859_1,
                StandardOpenOption.APPEND);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.readString(usersFile, StandardCharsets.ISO_8859_1).contains("jaas-hand = {CRYPT}$2a$10$")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        users = Files.readString(usersFile, StandardCharsets.ISO_8859_1);
        assertTrue(users, users.matches("(?s).*\\njaas-hand = \\{CRYPT\\}\\$2a\\$10\\$[^{]+\\{CRYPT\\},operator,ssh\\n.*"));
        assertTrue("the others kept: " + users, users.contains("jaas-op-" + added + " = {CRYPT}"));
        get("jaas-hand", "/me").problem(403, "NO_HALL");
        // and into the shell over SSH, where its role lets it list the procedures
        Exec exec = sshExec("jaas-hand", "hall:procedures");
        assertEquals(exec.printed(), Integer.valueOf(0), exec.exitStatus());
        assertTrue(exec.printed(), exec.printed().contains("account-opening"));
    }

    /**
     * Issue 13, the paced payments' bursts: a remembered login in use is renewed without a new bcrypt hash while the
     * realm checks passwords against etc/users.properties alone and the file stays the same (docs/operations.md,
     * "Remembered logins"). Karaf's own login audit (etc/org.apache.karaf.jaas.cfg, {@code audit.file.enabled}) counts
     * the realm's checks: one when the login is first made or expired, none while it is in use, one after the file
     * changed. Before, the realm was asked again about once a cache time per user in use.
     */
    @Test
    public void aLoginInUseIsNotHashedAgainWhileTheUsersFileStaysTheSame_issue13() throws Exception {
        Path audit = Path.of(System.getProperty("karaf.data"), "security", "cache-audit.log");
        long seconds = 4;
        ServiceReference<ConfigurationAdmin> ref = bundleContext.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin configs = bundleContext.getService(ref);
        Configuration jaas = configs.getConfiguration("org.apache.karaf.jaas", "?");
        Configuration cache = configs.getConfiguration("org.bizhall.rest.auth", "?");
        Dictionary<String, Object> jaasBefore = jaas.getProperties();
        Dictionary<String, Object> cacheBefore = cache.getProperties();
        try {
            Dictionary<String, Object> audited = jaasBefore == null ? new Hashtable<>()
                    : new Hashtable<>(FrameworkUtil.asMap(jaasBefore));
            audited.put("audit.file.enabled", "true");
            audited.put("audit.file.file", audit.toString());
            jaas.update(audited);
            Dictionary<String, Object> shortTime = new Hashtable<>();
            shortTime.put("credentialCache.seconds", Long.toString(seconds));
            cache.update(shortTime);
            Thread.sleep(3000); // the authentication filter starts again with the new time

            // not used for its whole time: the realm checks it again (so the short time and the audit are in effect)
            get("mgr-sn", "/me").expect(200);
            Thread.sleep(seconds * 1000 + 500);
            int before = realmChecks(audit, "mgr-sn");
            get("mgr-sn", "/me").expect(200);
            assertEquals("an expired login is checked by the realm", before + 1, realmChecks(audit, "mgr-sn"));

            // in use for three of its times: renewed each time without the realm
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3 * seconds);
            int requests = 0;
            while (System.nanoTime() < until) {
                get("mgr-sn", "/me").expect(200);
                requests++;
                Thread.sleep(400);
            }
            assertEquals("no new hash in " + requests + " requests over three cache times", before + 1,
                    realmChecks(audit, "mgr-sn"));

            // the users file changed: every remembered login is forgotten, the next request is the realm's
            Path usersFile = Path.of(System.getProperty("karaf.etc"), "users.properties");
            Files.setLastModifiedTime(usersFile, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            get("mgr-sn", "/me").expect(200);
            assertEquals(before + 2, realmChecks(audit, "mgr-sn"));
        } finally {
            if (jaasBefore == null) {
                jaas.delete();
            } else {
                jaas.update(jaasBefore);
            }
            if (cacheBefore == null) {
                cache.delete();
            } else {
                cache.update(cacheBefore);
            }
            bundleContext.ungetService(ref);
        }
    }

    /** Lines of Karaf's login audit that record an attempt by {@code user} (each is one check by the realm). */
    private static int realmChecks(Path audit, String user) throws java.io.IOException {
        if (!Files.exists(audit)) {
            return 0;
        }
        return (int) Files.readAllLines(audit, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(" - Authentication attempt - " + user + " - ")
                        || line.endsWith(" - Authentication attempt - " + user))
                .count();
    }

    /**
     * Issue 8, shell ACLs (etc/org.apache.karaf.command.acl.hall.cfg): an operator lists what its role may see, within
     * its own province, and cannot run an admin-only command, nor close the day, nor Karaf's own configuration commands.
     */
    @Test
    public void anOperatorRunsListingsButNoAdminCommand_issue8() throws Exception {
        Exec listing = sshExec("op-sn", "hall:procedures --province SN");
        assertEquals(listing.printed(), Integer.valueOf(0), listing.exitStatus());
        assertTrue(listing.printed(), listing.printed().contains("account-opening"));

        Exec billRun = sshExec("op-sn", "hall:bill-run 2026-10");
        assertEquals(billRun.printed(), Integer.valueOf(1), billRun.exitStatus());
        assertTrue(billRun.printed(), billRun.printed().contains("hall:bill-run"));
        assertFalse(billRun.printed(), billRun.printed().contains("Charged"));

        Exec demo = sshExec("op-sn", "hall:demo-data");
        assertEquals(demo.printed(), Integer.valueOf(1), demo.exitStatus());
        assertFalse(demo.printed(), demo.printed().contains("STORE_NOT_EMPTY"));

        Exec close = sshExec("op-sn", "hall:settle SN-XA-001 2026-11-05 --close --counted-cash 0");
        assertEquals(close.printed(), Integer.valueOf(1), close.exitStatus());
        assertTrue(close.printed(), close.printed().contains("Insufficient credentials"));

        Exec config = sshExec("op-sn", "config:list");
        assertEquals(config.printed(), Integer.valueOf(1), config.exitStatus());
        assertFalse("the pepper stays hidden", config.printed().contains("servicePassword.pepper"));

        // an operator of Shanxi acts within Shanxi: another province's order is not shown
        String msisdn = availableNumber("op-sn", "138918094", false);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        String id = order.path("id").asText();
        Exec own = sshExec("op-sn", "hall:order " + id);
        assertEquals(own.printed(), Integer.valueOf(0), own.exitStatus());
        Exec other = sshExec("op-sx", "hall:order " + id);
        assertEquals(other.printed(), Integer.valueOf(1), other.exitStatus());
        assertFalse(other.printed(), other.printed().contains(msisdn));
    }

    @Test
    public void shellCommandsShowProceduresOrdersSubscribersNumbersAndParameters() throws Exception {
        String msisdn = availableNumber("op-sn", "138918090", false);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        String id = order.path("id").asText();
        post("op-sn", "/orders/" + id + "/payments", object().put("method", "BANK_CARD"), key()).expect(201);

        String procedures = shell("hall:procedures --province SN");
        assertTrue(procedures, procedures.contains("account-opening"));
        assertTrue(procedures, procedures.contains("org.bizhall.procedure.opening"));

        String orders = shell("hall:orders --state COMPLETED");
        assertTrue(orders, orders.contains(id));

        String one = shell("hall:order " + id);
        assertTrue(one, one.contains("COMPLETED"));
        assertTrue(one, one.contains("account-opening"));
        assertTrue(one, !one.contains(VALID_ID));

        String subscriber = shell("hall:subscriber " + msisdn);
        assertTrue(subscriber, subscriber.contains("ACTIVE"));
        assertTrue(subscriber, subscriber.contains("GOTONE-88"));
        assertTrue(subscriber, !subscriber.contains("张三"));

        String numbers = shell("hall:numbers 1389180");
        assertTrue(numbers, numbers.contains("1389180"));

        String province = shell("hall:province SN");
        assertTrue(province, province.contains("numberReservationMinutes"));
        assertTrue(province, province.contains("transferMinDepositFen"));
        assertTrue(province, province.contains("20000"));

        String demo = shell("hall:demo-data");
        assertTrue(demo, demo.contains("STORE_NOT_EMPTY"));
    }
}
