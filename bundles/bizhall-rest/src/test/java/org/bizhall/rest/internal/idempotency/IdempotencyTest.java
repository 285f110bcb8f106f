package org.bizhall.rest.internal.idempotency;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.platform.store.IdempotentResponse;
import org.bizhall.rest.internal.edge.HttpDate;
import org.bizhall.rest.internal.json.JsonBytes;
import org.junit.Test;

public class IdempotencyTest {
    private static final String PATH = "/api/v1/orders/o-1/payments";

    private final InMemoryKeys keys = new InMemoryKeys();
    private final Idempotency idempotency = new Idempotency(keys, keys);
    private final AtomicInteger runs = new AtomicInteger();

    private Response pay(String user, String key, PaymentRequest request) {
        return idempotency.run(user, PATH, key, request, () -> {
            int n = runs.incrementAndGet();
            return Outcome.created("/api/v1/orders/o-1/payments", Map.of("id", "p-" + n, "payer", "张三"));
        });
    }

    private static String body(Response response) {
        return new String(((JsonBytes) response.getEntity()).utf8(), StandardCharsets.UTF_8);
    }

    @Test
    public void sameKeySameBodyReplaysTheFirstAnswerAndRunsOnce() {
        PaymentRequest cash = new PaymentRequest(PaymentMethod.CASH, 30000L, null);
        Response first = pay("op-sn", "k-1", cash);
        Response second = pay("op-sn", "k-1", new PaymentRequest(PaymentMethod.CASH, 30000L, null));
        assertEquals(1, runs.get());
        assertEquals(201, first.getStatus());
        assertEquals(201, second.getStatus());
        assertEquals("/api/v1/orders/o-1/payments", second.getHeaderString(HttpHeaders.LOCATION));
        assertArrayEquals(((JsonBytes) first.getEntity()).utf8(), ((JsonBytes) second.getEntity()).utf8());
        assertEquals("{\"id\":\"p-1\",\"payer\":\"张三\"}".length(), body(second).length());
        assertEquals("true", second.getHeaderString("Idempotent-Replayed"));
        // dated here, so CXF need not format a date for the answer
        assertEquals(HttpDate.now().substring(0, 16), first.getHeaderString(HttpHeaders.DATE).substring(0, 16));
        assertEquals(HttpDate.now().substring(0, 16), second.getHeaderString(HttpHeaders.DATE).substring(0, 16));
    }

    @Test
    public void sameKeyWithAnotherBodyIsRefusedWith409() {
        pay("op-sn", "k-1", new PaymentRequest(PaymentMethod.CASH, 30000L, null));
        try {
            pay("op-sn", "k-1", new PaymentRequest(PaymentMethod.CASH, 40000L, null));
            fail("a reused key with another body must be refused");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals("IDEMPOTENCY_KEY_REUSED", e.code());
        }
        assertEquals(1, runs.get());
    }

    @Test
    public void aRefusedRequestStoresNothingSoItsKeyCanBeRetried() {
        PaymentRequest cash = new PaymentRequest(PaymentMethod.CASH, 100L, null);
        try {
            idempotency.run("op-sn", PATH, "k-1", cash, () -> {
                throw ProblemException.rule("PAYMENT_TOO_LOW", "the amount does not cover the quote");
            });
            fail("the refusal must reach the caller");
        } catch (ProblemException e) {
            assertEquals("PAYMENT_TOO_LOW", e.code());
        }
        assertEquals(0, keys.size());
        assertEquals(201, pay("op-sn", "k-1", cash).getStatus());
        assertEquals(1, runs.get());
    }

    @Test
    public void keysAreScopedToTheUser() {
        PaymentRequest cash = new PaymentRequest(PaymentMethod.CASH, 30000L, null);
        pay("op-sn", "k-1", cash);
        pay("mgr-sn", "k-1", cash);
        assertEquals(2, runs.get());
    }

    @Test
    public void withoutAKeyEveryRequestRuns() {
        PaymentRequest cash = new PaymentRequest(PaymentMethod.CASH, 30000L, null);
        pay("op-sn", null, cash);
        pay("op-sn", null, cash);
        assertEquals(2, runs.get());
        assertEquals(0, keys.size());
    }

    @Test
    public void aClaimLostToAConcurrentRequestReplaysItsAnswer() {
        PaymentRequest cash = new PaymentRequest(PaymentMethod.CASH, 30000L, null);
        String hash = keys.fingerprint(Idempotency.canonical(cash));
        keys.beforeClaim = () -> {
            keys.beforeClaim = () -> {
            };
            keys.committed("op-sn", PATH, "k-1", new IdempotentResponse(hash, 201, "/api/v1/orders/o-1/payments",
                    "{\"id\":\"p-other\"}"));
        };
        Response response = pay("op-sn", "k-1", cash);
        assertEquals(0, runs.get());
        assertEquals(201, response.getStatus());
        assertEquals("{\"id\":\"p-other\"}", body(response));
    }

    @Test
    public void requestHashIgnoresFieldOrderButNotValues() {
        Map<String, Object> ab = new java.util.LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", List.of("x"));
        Map<String, Object> ba = new java.util.LinkedHashMap<>();
        ba.put("b", List.of("x"));
        ba.put("a", 1);
        assertEquals(Idempotency.canonical(ab), Idempotency.canonical(ba));
        assertEquals(false, Idempotency.canonical(Map.of("a", 1)).equals(Idempotency.canonical(Map.of("a", 2))));
    }

    @Test
    public void emptyOrOverlongKeyIsBadRequest() {
        for (String bad : new String[] {" ", "x".repeat(Idempotency.MAX_KEY_LENGTH + 1), "键"}) {
            try {
                pay("op-sn", bad, null);
                fail("key should be refused: " + bad);
            } catch (ProblemException e) {
                assertEquals("IDEMPOTENCY_KEY_INVALID", e.code());
                assertEquals(400, e.status());
            }
        }
        assertNull(keys.find("op-sn", PATH, " ").orElse(null));
    }

    private static ProblemException storeBusy() {
        return ProblemException.storeBusy("the store could not take a lock in time");
    }

    /** A lock timeout or deadlock rolled the whole request back: it runs once more, and its answer is the one kept. */
    @Test
    public void aRequestTheStoreRolledBackOverALockRunsOnceMoreAndIsKeptOnce() {
        PaymentRequest cash = new PaymentRequest(PaymentMethod.CASH, 30000L, null);
        AtomicInteger attempts = new AtomicInteger();
        Response first = idempotency.run("op-sn", PATH, "k-busy", cash, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw storeBusy();
            }
            return Outcome.created("/api/v1/orders/o-1/payments", Map.of("id", "p-" + attempts.get()));
        });
        assertEquals(201, first.getStatus());
        assertEquals(2, attempts.get());
        assertEquals("{\"id\":\"p-2\"}", body(first));
        Response replay = idempotency.run("op-sn", PATH, "k-busy", cash, () -> {
            throw new AssertionError("a replay runs nothing");
        });
        assertEquals("{\"id\":\"p-2\"}", body(replay));
    }

    /** Refused twice: the client gets 503 STORE_BUSY, nothing is stored, and the same key may be sent again. */
    @Test
    public void aRequestRefusedOverALockTwiceIsAnswered503AndItsKeyStaysFree() {
        PaymentRequest cash = new PaymentRequest(PaymentMethod.CASH, 30000L, null);
        AtomicInteger attempts = new AtomicInteger();
        try {
            idempotency.run("op-sn", PATH, "k-busy", cash, () -> {
                attempts.incrementAndGet();
                throw storeBusy();
            });
            fail("the second refusal must reach the caller");
        } catch (ProblemException e) {
            assertEquals(503, e.status());
            assertEquals("STORE_BUSY", e.code());
        }
        assertEquals(2, attempts.get());
        assertEquals(0, keys.size());
        assertEquals(201, pay("op-sn", "k-busy", cash).getStatus());
    }

    /** Without a key the work ran in transactions of its own that were rolled back: it runs once more too. */
    @Test
    public void aRequestWithoutKeyRefusedOverALockRunsOnceMore() {
        AtomicInteger attempts = new AtomicInteger();
        Response answer = idempotency.run("op-sn", PATH, null, null, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw storeBusy();
            }
            return Outcome.ok(Map.of("n", attempts.get()));
        });
        assertEquals(200, answer.getStatus());
        assertEquals(2, attempts.get());
    }
}
