package org.bizhall.rest.internal.idempotency;

import java.util.Optional;
import java.util.function.Supplier;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.IdempotencyStore;
import org.bizhall.platform.store.IdempotentResponse;
import org.bizhall.rest.internal.edge.HttpDate;
import org.bizhall.rest.internal.json.Json;
import org.bizhall.rest.internal.json.JsonBytes;
import org.bizhall.rest.internal.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request that creates something or moves money in one transaction, honouring an {@code Idempotency-Key}.
 * The key, scoped to the user and the request path, is claimed in the same transaction as the work, so the key and
 * the work commit together or not at all: a refused request stores nothing and may be retried with the same key. A
 * repeat with the same body replays the stored status, Location and body; with another body it is refused with 409.
 * Two concurrent requests with one key meet at the store's unique constraint: the loser's transaction fails, and its
 * single retry finds the winner's answer and replays it. A request the store rolled back over a lock it could not take
 * in time ({@value ProblemException#STORE_BUSY}) runs once more before the 503 reaches the client.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 128;
    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

    private final Transactions transactions;
    private final IdempotencyStore store;

    public Idempotency(Transactions transactions, IdempotencyStore store) {
        this.transactions = transactions;
        this.store = store;
    }

    /**
     * Runs {@code work} for {@code user} on {@code path}. {@code request} is what the client sent (its parsed body, or
     * null when the request has none): two requests are the same when its canonical JSON is.
     */
    public Response run(String user, String path, String key, Object request, Supplier<Outcome> work) {
        if (key == null) {
            // Without a key there is nothing to keep atomic with the work, which runs in transactions of its own; an
            // outer transaction here would hold the order row while the engine records a failed step in a new one.
            try {
                return answer(work.get());
            } catch (RuntimeException e) {
                if (!storeBusy(e)) {
                    throw e;
                }
                LOG.debug("The store refused a lock in time; running the request once more");
                return answer(work.get());
            }
        }
        String checkedKey = checkKey(key);
        String hash = store.fingerprint(canonical(request));
        try {
            return attempt(user, path, checkedKey, hash, work);
        } catch (RuntimeException e) {
            if (storeBusy(e)) {
                LOG.debug("The store refused a lock in time; running the request once more");
            } else if (Problems.find(e) != null || !isPersistenceFailure(e)) {
                throw e;
            } else {
                LOG.debug("Idempotency key claim lost to a concurrent request; retrying to replay its answer");
            }
            return attempt(user, path, checkedKey, hash, work);
        }
    }

    /**
     * The store rolled the whole request back over a lock (a lock timeout or a deadlock): nothing of it was kept, so
     * it runs once more; a second refusal reaches the client as 503 {@value ProblemException#STORE_BUSY}, to be sent
     * again.
     */
    static boolean storeBusy(Throwable e) {
        ProblemException problem = Problems.find(e);
        return problem != null && ProblemException.STORE_BUSY.equals(problem.code());
    }

    private Response attempt(String user, String path, String key, String hash, Supplier<Outcome> work) {
        return transactions.required(() -> {
            Optional<IdempotentResponse> first = store.claimOrFind(user, path, key, hash);
            if (first.isPresent()) {
                if (!first.get().requestHash().equals(hash)) {
                    throw ProblemException.conflict("IDEMPOTENCY_KEY_REUSED",
                            "this Idempotency-Key was used with a different request");
                }
                return replay(first.get());
            }
            Outcome outcome = work.get();
            String body = Json.write(outcome.body());
            store.complete(user, path, key, outcome.status(), outcome.location(), body);
            return response(outcome.status(), outcome.location(), body);
        });
    }

    private static Response answer(Outcome outcome) {
        return response(outcome.status(), outcome.location(), Json.write(outcome.body()));
    }

    private static Response replay(IdempotentResponse stored) {
        return Response.fromResponse(response(stored.status(), stored.location(), stored.body()))
                .header("Idempotent-Replayed", "true").build();
    }

    /** The answer as bytes, so the first response and every replay carry the very same UTF-8 body. */
    private static Response response(int status, String location, String body) {
        Response.ResponseBuilder builder = Response.status(status).header(HttpHeaders.DATE, HttpDate.now());
        if (location != null) {
            builder.header(HttpHeaders.LOCATION, location);
        }
        if (body != null) {
            builder.entity(JsonBytes.of(body)).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return builder.build();
    }

    static String checkKey(String key) {
        String trimmed = key.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_KEY_LENGTH || !trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.badRequest("IDEMPOTENCY_KEY_INVALID",
                    "an Idempotency-Key has 1 to " + MAX_KEY_LENGTH + " visible ASCII characters", HEADER);
        }
        return trimmed;
    }

    /** The request as compared: its canonical JSON, or nothing for a request without a body. */
    static String canonical(Object request) {
        return request == null ? "" : Json.canonical(request);
    }

    /**
     * Whether a failure came from the database or the transaction manager (a unique-key violation surfaces as either,
     * depending on whether the store flushed before commit). Recognised by name so this bundle imports neither API.
     */
    static boolean isPersistenceFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof java.sql.SQLException || name.startsWith("javax.persistence.")
                    || name.startsWith("jakarta.persistence.") || name.startsWith("javax.transaction.")
                    || name.startsWith("org.hibernate.") || name.startsWith("org.apache.aries.jpa.")
                    || name.contains("ConstraintViolation") || name.contains("Rollback")) {
                return true;
            }
        }
        return false;
    }
}
