package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.bizhall.api.common.ResidentId;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The service password over HTTP (rulebook §11): set at opening, changed with the old one (a wrong one refused and
 * counted), locked by wrong attempts in a row although each refusal stores nothing, and reset with the holder's ID,
 * which lifts the lock. No password ever shows in an order, the audit trail or the log. Numbers: 138918085xx.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ServicePasswordIT extends BizhallTestSupport {
    private static final String AT_OPENING = "739151";
    private static final String CHANGED = "864202";
    private static final String WRONG = "917363";
    private static final String AFTER_RESET = "592047";
    private static final List<String> PASSWORDS = List.of(AT_OPENING, CHANGED, WRONG, AFTER_RESET);

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    private String openWithPassword() {
        String msisdn = availableNumber("op-sn", "138918085", false);
        ObjectNode opening = openingOrder(msisdn, "GOTONE-88");
        ((ObjectNode) opening.get("params")).put("servicePassword", AT_OPENING);
        JsonNode order = post("op-sn", "/orders", opening, key()).expect(201).json();
        assertEquals("***", order.path("params").path("servicePassword").asText());
        post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", order.path("quote").path("totalFen").asLong()), key())
                .expect(201);
        return msisdn;
    }

    private static ObjectNode change(String msisdn, String oldPassword, String newPassword) {
        ObjectNode order = object().put("procedure", "password-change").put("msisdn", msisdn);
        order.putObject("params").put("oldPassword", oldPassword).put("newPassword", newPassword);
        return order;
    }

    private static ObjectNode reset(String msisdn, String newPassword) {
        ObjectNode order = object().put("procedure", "password-reset").put("msisdn", msisdn);
        order.set("customer", personalCustomer("张三"));
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
        order.putObject("params").put("newPassword", newPassword);
        return order;
    }

    private JsonNode completed(ObjectNode order) {
        JsonNode done = post("op-sn", "/orders", order, key()).expect(201).json();
        assertEquals(done.toString(), "COMPLETED", done.path("state").asText());
        assertEquals(0, done.path("quote").path("totalFen").asLong());
        assertNoPassword(done.toString());
        return done;
    }

    private static void assertNoPassword(String shown) {
        for (String password : PASSWORDS) {
            assertFalse(password + " in " + shown, shown.contains(password));
        }
    }

    private int storedOrders(String procedure, String msisdn) {
        return get("op-sn", "/orders?procedure=" + procedure + "&msisdn=" + msisdn).expect(200).json().size();
    }

    @Test
    public void theProceduresAreListedWithWriteOnlyPasswords() {
        int found = 0;
        for (JsonNode p : get("op-sn", "/procedures").expect(200).json()) {
            String id = p.path("id").asText();
            if (id.equals("password-change") || id.equals("password-reset")) {
                found++;
                assertTrue(p.path("provider").asText().startsWith("org.bizhall.procedure.password/"));
                assertTrue(id, p.path("paramsSchema").path("properties").path("newPassword").path("writeOnly").asBoolean());
            }
        }
        assertEquals(2, found);
    }

    @Test
    public void changeLockAndResetOverHttp_rule11() throws Exception {
        String msisdn = openWithPassword();

        // 密码变更: a wrong old password is refused, stores no order, but counts
        JsonNode wrong = post("op-sn", "/orders", change(msisdn, WRONG, CHANGED), key()).problem(422, "PASSWORD_WRONG");
        assertEquals("params.oldPassword", wrong.path("field").asText());
        assertNoPassword(wrong.toString());
        assertEquals(0, storedOrders("password-change", msisdn));

        JsonNode changed = completed(change(msisdn, AT_OPENING, CHANGED));
        assertEquals("***", changed.path("params").path("oldPassword").asText());
        assertEquals("***", changed.path("params").path("newPassword").asText());
        JsonNode stored = get("op-sn", "/orders/" + changed.path("id").asText()).expect(200).json();
        assertEquals("COMPLETED", stored.path("state").asText());
        assertEquals("***", stored.path("params").path("newPassword").asText());
        assertTrue(stored.path("result").path("servicePasswordSet").asBoolean());
        assertNoPassword(stored.toString());
        assertNoPassword(shell("hall:order " + changed.path("id").asText()));

        // the old one no longer works; wrong attempts in a row lock the password (national default: 5), each refusal
        // rolled back with nothing stored, the count kept
        post("op-sn", "/orders", change(msisdn, AT_OPENING, AFTER_RESET), key()).problem(422, "PASSWORD_WRONG");
        for (int attempt = 2; attempt <= 4; attempt++) {
            post("op-sn", "/orders", change(msisdn, WRONG, AFTER_RESET), key()).problem(422, "PASSWORD_WRONG");
        }
        JsonNode locked = post("op-sn", "/orders", change(msisdn, WRONG, AFTER_RESET), key()).problem(423, "PASSWORD_LOCKED");
        assertNoPassword(locked.toString());
        post("op-sn", "/orders", change(msisdn, CHANGED, AFTER_RESET), key()).problem(423, "PASSWORD_LOCKED");
        assertEquals(1, storedOrders("password-change", msisdn));

        // 密码重置: the holder's ID; someone else's is refused
        ObjectNode stranger = reset(msisdn, AFTER_RESET);
        String otherId = "61010219800101123";
        ((ObjectNode) stranger.get("customer")).put("name", "李四")
                .put("idNumber", otherId + ResidentId.checkCharacter(otherId));
        post("op-sn", "/orders", stranger, key()).problem(422, "HOLDER_MISMATCH");
        post("op-sn", "/orders", reset(msisdn, "123456"), key()).problem(400, "PASSWORD_INVALID");
        JsonNode reset = completed(reset(msisdn, AFTER_RESET));
        assertEquals("***", get("op-sn", "/orders/" + reset.path("id").asText()).expect(200).json()
                .path("params").path("newPassword").asText());

        // unlocked, and the new password is the one that works
        post("op-sn", "/orders", change(msisdn, CHANGED, WRONG), key()).problem(422, "PASSWORD_WRONG");
        completed(change(msisdn, AFTER_RESET, CHANGED));

        // the audit trail records what happened, never a password
        ServiceReference<AuditLog> ref = bundleContext.getServiceReference(AuditLog.class);
        assertNotNull(ref);
        AuditLog audit = bundleContext.getService(ref);
        try {
            List<AuditEntry> changeTrail = audit.forOrder(changed.path("id").asText());
            assertTrue(changeTrail.toString(), changeTrail.stream().anyMatch(e -> e.action().equals("SERVICE_PASSWORD_CHANGED")));
            List<AuditEntry> resetTrail = audit.forOrder(reset.path("id").asText());
            assertTrue(resetTrail.toString(), resetTrail.stream().anyMatch(e -> e.action().equals("SERVICE_PASSWORD_SET")
                    && e.detail().contains("lock is lifted")));
            assertNoPassword(changeTrail.toString() + resetTrail);
        } finally {
            bundleContext.ungetService(ref);
        }

        File log = new File(System.getProperty("karaf.log"), "karaf.log");
        assertTrue(log.toString(), log.isFile());
        assertNoPassword(Files.readString(log.toPath(), StandardCharsets.UTF_8));
    }

    /**
     * Issue 8: the service-password pepper lives in etc/ (written at the first start, readable by its owner only) and
     * reaches the store through configuration admin, not through the database.
     */
    @Test
    public void thePepperIsGeneratedIntoEtcAndReadThroughConfigurationAdmin_issue8() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("karaf.etc"), "org.bizhall.security.cfg");
        assertTrue(file.toString(), Files.isRegularFile(file));
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(file));
        java.util.Properties written = new java.util.Properties();
        try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            written.load(in);
        }
        String pepper = written.getProperty("servicePassword.pepper");
        assertNotNull(pepper);
        assertEquals("32 random bytes", 32, java.util.Base64.getDecoder().decode(pepper).length);

        ServiceReference<org.osgi.service.cm.ConfigurationAdmin> ref =
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class);
        org.osgi.service.cm.ConfigurationAdmin configs = bundleContext.getService(ref);
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            Object configured = null;
            while (configured == null && System.currentTimeMillis() < deadline) {
                java.util.Dictionary<String, Object> props = configs.getConfiguration("org.bizhall.security", "?")
                        .getProperties();
                configured = props == null ? null : props.get("servicePassword.pepper");
                if (configured == null) {
                    Thread.sleep(500);
                }
            }
            assertEquals(pepper, configured);
        } finally {
            bundleContext.ungetService(ref);
        }
        // and a password set now is checked with it: the opening's password opens the change
        String msisdn = openWithPassword();
        completed(change(msisdn, AT_OPENING, CHANGED));
    }
}
