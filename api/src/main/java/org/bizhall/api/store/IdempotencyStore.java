package org.bizhall.api.store;

import java.util.Optional;

/**
 * Idempotency keys, scoped to the user and the path. {@link #claim} inserts the key in the caller's transaction, so a
 * concurrent request with the same key waits on the database and then fails; the repeat then finds the first answer.
 */
public interface IdempotencyStore {
    Optional<IdempotentResponse> find(String user, String path, String key);

    void claim(String user, String path, String key, String requestHash);

    void complete(String user, String path, String key, int status, String location, String body);
}
