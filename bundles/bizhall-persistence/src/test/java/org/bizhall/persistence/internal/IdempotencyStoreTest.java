package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.bizhall.api.common.ProblemException;
import org.bizhall.platform.store.IdempotentResponse;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class IdempotencyStoreTest {
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    @Test
    public void claimedKeyIsFoundAndReplaysTheCompletedAnswer() {
        db.idempotency.claim("op-sn", "/api/v1/orders", "key-1", "hash-a");
        IdempotentResponse claimed = db.idempotency.find("op-sn", "/api/v1/orders", "key-1").orElseThrow();
        assertEquals("hash-a", claimed.requestHash());
        assertEquals(0, claimed.status());

        db.idempotency.complete("op-sn", "/api/v1/orders", "key-1", 201, "/api/v1/orders/o-1", "{\"id\":\"o-1\"}");
        assertEquals(new IdempotentResponse("hash-a", 201, "/api/v1/orders/o-1", "{\"id\":\"o-1\"}"),
                db.idempotency.find("op-sn", "/api/v1/orders", "key-1").orElseThrow());
    }

    @Test
    public void keysAreScopedToUserAndPath() {
        db.idempotency.claim("op-sn", "/api/v1/orders", "key-2", "h");
        assertTrue(db.idempotency.find("op-sn2", "/api/v1/orders", "key-2").isEmpty());
        assertTrue(db.idempotency.find("op-sn", "/api/v1/orders/o-1/payments", "key-2").isEmpty());
        db.idempotency.claim("op-sn2", "/api/v1/orders", "key-2", "h");
        db.idempotency.claim("op-sn", "/api/v1/orders/o-1/payments", "key-2", "h");
    }

    @Test
    public void claimingAUsedKeyAgainIsAConflict() {
        db.idempotency.claim("op-sn", "/api/v1/orders", "key-3", "h1");
        try {
            db.idempotency.claim("op-sn", "/api/v1/orders", "key-3", "h2");
            fail("claimed twice");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
        assertEquals("h1", db.idempotency.find("op-sn", "/api/v1/orders", "key-3").orElseThrow().requestHash());
    }

    @Test
    public void fingerprintsAreKeyedByTheInstallationsSecretSoAPasswordCannotBeTriedBack() throws Exception {
        String request = "{\"params\":{\"newPassword\":\"620514\"},\"procedure\":\"password-change\"}";
        String fingerprint = db.idempotency.fingerprint(request);
        assertEquals("equal requests, equal fingerprints", fingerprint, db.idempotency.fingerprint(request));
        assertNotEquals(fingerprint, db.idempotency.fingerprint(request.replace("620514", "620515")));
        assertEquals(64, fingerprint.length());

        String plainDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(request.getBytes(StandardCharsets.UTF_8)));
        assertNotEquals("not a digest anyone can recompute", plainDigest, fingerprint);
        try (TestDatabase other = new TestDatabase()) {
            assertNotEquals("another installation has another secret", fingerprint,
                    other.idempotency.fingerprint(request));
        }
    }
}
