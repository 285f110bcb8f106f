package org.bizhall.rest.internal.idempotency;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.IdempotencyStore;
import org.bizhall.platform.store.IdempotentResponse;

/**
 * An idempotency store and a transaction manager over one map, as the database behaves: a claim of a taken key fails
 * like a unique constraint, and a transaction that throws leaves the map as it was.
 */
public final class InMemoryKeys implements IdempotencyStore, Transactions {
    private Map<List<String>, IdempotentResponse> rows = new HashMap<>();
    /** Rows other transactions committed: a rollback here does not undo them. */
    private final Map<List<String>, IdempotentResponse> others = new HashMap<>();
    /** Runs just before a claim's insert, standing in for a concurrent request that commits first. */
    Runnable beforeClaim = () -> {
    };
    int transactions;

    /** Equal requests, equal fingerprints; the real store keys its digest with the installation's secret. */
    @Override
    public String fingerprint(String canonicalRequest) {
        return "fp:" + canonicalRequest;
    }

    @Override
    public Optional<IdempotentResponse> find(String user, String path, String key) {
        return Optional.ofNullable(rows.get(List.of(user, path, key)));
    }

    @Override
    public void claim(String user, String path, String key, String requestHash) {
        beforeClaim.run();
        if (rows.containsKey(List.of(user, path, key))) {
            throw new IllegalStateException("could not insert",
                    new SQLIntegrityConstraintViolationException("duplicate key"));
        }
        rows.put(List.of(user, path, key), new IdempotentResponse(requestHash, 0, null, null));
    }

    /** As the database behaves: one read, then {@link #beforeClaim} (a concurrent commit may come now), then the insert. */
    @Override
    public Optional<IdempotentResponse> claimOrFind(String user, String path, String key, String requestHash) {
        Optional<IdempotentResponse> used = find(user, path, key);
        if (used.isPresent()) {
            return used;
        }
        claim(user, path, key, requestHash);
        return Optional.empty();
    }

    @Override
    public void complete(String user, String path, String key, int status, String location, String body) {
        IdempotentResponse claimed = rows.get(List.of(user, path, key));
        rows.put(List.of(user, path, key), new IdempotentResponse(claimed.requestHash(), status, location, body));
    }

    /** Keys here keep no age, so none expires. */
    @Override
    public int purgeExpired() {
        return 0;
    }

    /** Stores an answer directly, as a request on another node would have. */
    void committed(String user, String path, String key, IdempotentResponse response) {
        rows.put(List.of(user, path, key), response);
        others.put(List.of(user, path, key), response);
    }

    public int size() {
        return rows.size();
    }

    @Override
    public <T> T required(Supplier<T> work) {
        transactions++;
        Map<List<String>, IdempotentResponse> before = new HashMap<>(rows);
        try {
            return work.get();
        } catch (RuntimeException e) {
            rows = before;
            rows.putAll(others);
            throw e;
        }
    }

    @Override
    public <T> T requiresNew(Supplier<T> work) {
        return required(work);
    }
}
