package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

    /**
     * Two requests with one key at once: the second never claims it too. On Derby its read of the key waits for the
     * first's row and then replays the first's answer; on PostgreSQL its read does not wait, its insert does, and is
     * refused once the first commits (its retry then replays the answer, as the edge does).
     */
    @Test
    public void aClaimRacingAnUncommittedOneWaitsForItAndNeverClaimsTheKeyTwice() throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch racing = new CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        IdempotentResponse answer = new IdempotentResponse("h1", 201, "/api/v1/orders/o-r", "{}");
        try {
            Future<?> winner = first.submit(() -> db.transactions.required(() -> {
                assertTrue(db.idempotency.claimOrFind("op-sn", "/api/v1/orders", "key-race", "h1").isEmpty());
                claimed.countDown();
                try {
                    // the second claim is sent meanwhile and must wait on this one's row
                    racing.await(5, TimeUnit.SECONDS);
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                db.idempotency.complete("op-sn", "/api/v1/orders", "key-race", 201, "/api/v1/orders/o-r", "{}");
                return null;
            }));
            assertTrue(claimed.await(5, TimeUnit.SECONDS));
            racing.countDown();
            try {
                assertEquals(answer, db.transactions.required(
                        () -> db.idempotency.claimOrFind("op-sn", "/api/v1/orders", "key-race", "h1")).orElseThrow());
                assertFalse("Derby's read waits for the first claim", TestDatabase.postgres());
            } catch (ProblemException refused) {
                assertEquals(409, refused.status());
                assertEquals("IDEMPOTENCY_KEY_IN_USE", refused.code());
                assertTrue("PostgreSQL's insert meets the first claim", TestDatabase.postgres());
            }
            winner.get(10, TimeUnit.SECONDS);
        } finally {
            first.shutdownNow();
        }
        assertEquals(answer, db.idempotency.claimOrFind("op-sn", "/api/v1/orders", "key-race", "h1").orElseThrow());
    }

    @Test
    public void claimOrFindClaimsAFreeKeyAndGivesBackTheAnswerOfAUsedOneWithoutWriting() {
        assertTrue(db.idempotency.claimOrFind("op-sn", "/api/v1/orders", "key-4", "h1").isEmpty());
        assertEquals("claimed in progress", new IdempotentResponse("h1", 0, null, null),
                db.idempotency.claimOrFind("op-sn", "/api/v1/orders", "key-4", "h2").orElseThrow());
        db.idempotency.complete("op-sn", "/api/v1/orders", "key-4", 201, "/api/v1/orders/o-4", "{\"id\":\"o-4\"}");
        assertEquals(new IdempotentResponse("h1", 201, "/api/v1/orders/o-4", "{\"id\":\"o-4\"}"),
                db.idempotency.claimOrFind("op-sn", "/api/v1/orders", "key-4", "h2").orElseThrow());
        assertEquals("the repeat wrote nothing", "h1",
                db.idempotency.find("op-sn", "/api/v1/orders", "key-4").orElseThrow().requestHash());
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

    /** Issue 8: idempotency keys expire after the retention and are purged; an expired key no longer replays. */
    @Test
    public void anExpiredKeyNoLongerReplaysMayBeUsedAfreshAndIsPurged_idempotencyKeyRetention() {
        Clock machine = db.idempotency.time;
        db.idempotency.configure(Map.of(JpaIdempotencyStore.RETENTION_PROPERTY, "24"));
        try {
            db.idempotency.claim("op-sn", "/api/v1/orders", "key-old", "hash-old");
            db.idempotency.complete("op-sn", "/api/v1/orders", "key-old", 201, "/api/v1/orders/o-old", "{}");
            db.idempotency.time = Clock.offset(machine, Duration.ofHours(23));
            db.idempotency.claim("op-sn", "/api/v1/orders", "key-young", "hash-young");
            assertTrue("inside the retention the key replays",
                    db.idempotency.find("op-sn", "/api/v1/orders", "key-old").isPresent());

            db.idempotency.time = Clock.offset(machine, Duration.ofHours(25));
            assertFalse("past the retention the key replays nothing",
                    db.idempotency.find("op-sn", "/api/v1/orders", "key-old").isPresent());
            assertTrue(db.idempotency.find("op-sn", "/api/v1/orders", "key-young").isPresent());
            assertTrue(db.idempotency.purgeExpired() >= 1);
            assertTrue("the younger key stays", db.idempotency.find("op-sn", "/api/v1/orders", "key-young").isPresent());
            assertEquals(0, db.idempotency.purgeExpired());

            db.idempotency.claim("op-sn", "/api/v1/orders", "key-young", "other") ;
            fail("a live key is still a conflict");
        } catch (ProblemException e) {
            assertEquals("IDEMPOTENCY_KEY_IN_USE", e.code());
        } finally {
            db.idempotency.time = machine;
            db.idempotency.configure(Map.of());
        }
    }

    @Test
    public void anExpiredKeyNotYetPurgedMayBeClaimedAfresh_idempotencyKeyRetention() {
        Clock machine = db.idempotency.time;
        try {
            db.idempotency.claim("op-sn", "/api/v1/orders", "key-reuse", "first");
            db.idempotency.complete("op-sn", "/api/v1/orders", "key-reuse", 201, null, "{}");
            db.idempotency.time = Clock.offset(machine, Duration.ofHours(JpaIdempotencyStore.DEFAULT_RETENTION_HOURS + 1));
            db.idempotency.claim("op-sn", "/api/v1/orders", "key-reuse", "second");
            assertEquals("second", db.idempotency.find("op-sn", "/api/v1/orders", "key-reuse").orElseThrow().requestHash());
        } finally {
            db.idempotency.time = machine;
        }
    }
}
