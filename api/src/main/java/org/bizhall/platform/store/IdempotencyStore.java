package org.bizhall.platform.store;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Idempotency keys, scoped to the user and the path. {@link #claim} inserts the key in the caller's transaction, so a
 * concurrent request with the same key waits on the database and then fails; the repeat then finds the first answer.
 * A key expires once it is older than the retention (configuration {@code org.bizhall.scheduler},
 * {@code idempotencyRetentionHours}, default 72): an expired key is not found, may be claimed afresh, and is purged.
 */
@ProviderType
public interface IdempotencyStore {
    Optional<IdempotentResponse> find(String user, String path, String key);

    /**
     * The fingerprint kept with a key to tell a repeat from another request: a digest of {@code canonicalRequest} keyed
     * by a secret of the installation, so the stored value reveals nothing of the request (a 6-digit password in it
     * cannot be found by trying every one). Equal requests give equal fingerprints on every node.
     */
    String fingerprint(String canonicalRequest);

    void claim(String user, String path, String key, String requestHash);

    /**
     * {@link #claim} unless the key has been used already (and has not expired): then nothing is written and the
     * answer stored for it is returned, with status 0 while its request has not completed. One read of the key where
     * {@link #find} then {@link #claim} make two; a concurrent claim of the same key fails as in {@link #claim}.
     *
     * @since 1.1
     */
    Optional<IdempotentResponse> claimOrFind(String user, String path, String key, String requestHash);

    void complete(String user, String path, String key, int status, String location, String body);

    /** Deletes every expired key; returns how many. */
    int purgeExpired();
}
