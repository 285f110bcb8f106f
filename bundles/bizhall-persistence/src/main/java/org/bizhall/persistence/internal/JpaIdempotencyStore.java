package org.bizhall.persistence.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.ProblemException;
import org.bizhall.platform.store.IdempotencyStore;
import org.bizhall.platform.store.IdempotentResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Idempotency keys in {@code idempotency_keys}, primary key (user, path, key). A claim is inserted and flushed at once:
 * a concurrent request with the same key blocks on that row until the first transaction ends, then fails. A stored
 * response with status 0 is a key claimed by a request that has not completed. A key older than the retention
 * ({@code idempotencyRetentionHours} of configuration {@code org.bizhall.scheduler}, whose scheduler purges expired
 * keys) is treated as absent: it replays nothing and may be claimed afresh. Key ages are machine time, so moving a demo
 * business clock never expires the key of a retry in flight.
 */
@Component(service = IdempotencyStore.class, configurationPid = JpaIdempotencyStore.CONFIGURATION_PID)
public class JpaIdempotencyStore implements IdempotencyStore {
    /** The scheduler's configuration, which also holds the retention of keys. */
    static final String CONFIGURATION_PID = "org.bizhall.scheduler";
    static final String RETENTION_PROPERTY = "idempotencyRetentionHours";
    static final long DEFAULT_RETENTION_HOURS = 72;

    /** The installation setting (table {@code bizhall_settings}) holding the fingerprint secret. */
    static final String FINGERPRINT_SETTING = "idempotency.hmac";
    private static final String FINGERPRINT_ALGORITHM = "HmacSHA256";

    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    SchemaReady schema;

    /** Machine time of key ages; tests set it. */
    volatile Clock time = Clock.systemUTC();
    volatile Duration retention = Duration.ofHours(DEFAULT_RETENTION_HOURS);

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        Object hours = properties == null ? null : properties.get(RETENTION_PROPERTY);
        long value = DEFAULT_RETENTION_HOURS;
        if (hours != null) {
            try {
                value = Long.parseLong(hours.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(RETENTION_PROPERTY + " is a whole number of hours: " + hours, e);
            }
        }
        if (value < 1) {
            throw new IllegalArgumentException(RETENTION_PROPERTY + " is at least 1 hour: " + value);
        }
        retention = Duration.ofHours(value);
    }

    /** Keys created before this instant have expired. */
    private Instant expiredBefore() {
        return time.instant().minus(retention);
    }

    private boolean expired(Instant createdAt) {
        return createdAt.isBefore(expiredBefore());
    }

    /** The secret of {@link #fingerprint}; read once, it never changes for an installation. */
    private volatile SecretKeySpec fingerprintKey;

    /**
     * One keyed MAC per request thread: looking the algorithm up and keying it again for every money POST was half a
     * per cent of an opening's CPU. {@code doFinal} leaves it ready for the next request.
     */
    private final ThreadLocal<Mac> fingerprintMacs = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance(FINGERPRINT_ALGORITHM);
            mac.init(fingerprintKey());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    });

    @Override
    public String fingerprint(String canonicalRequest) {
        byte[] request = canonicalRequest.getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(fingerprintMacs.get().doFinal(request));
    }

    private SecretKeySpec fingerprintKey() {
        SecretKeySpec key = fingerprintKey;
        if (key == null) {
            String stored = Tx.call(jpa, em -> (String) em.createNativeQuery(
                    "SELECT setting_value FROM bizhall_settings WHERE name = ?1").setParameter(1, FINGERPRINT_SETTING)
                    .getSingleResult());
            key = new SecretKeySpec(Base64.getDecoder().decode(stored), FINGERPRINT_ALGORITHM);
            fingerprintKey = key;
        }
        return key;
    }

    /** A new random secret for {@link #FINGERPRINT_SETTING}, Base64. */
    static String newFingerprintSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    @Override
    public Optional<IdempotentResponse> find(String user, String path, String key) {
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(IdempotencyEntity.class, new IdempotencyEntity.Key(user, path, key)))
                .filter(e -> !expired(e.createdAt)).map(JpaIdempotencyStore::response));
    }

    @Override
    public void claim(String user, String path, String key, String requestHash) {
        if (claimOrFind(user, path, key, requestHash).isPresent()) {
            throw ProblemException.conflict("IDEMPOTENCY_KEY_IN_USE", "this Idempotency-Key has been used already");
        }
    }

    @Override
    public Optional<IdempotentResponse> claimOrFind(String user, String path, String key, String requestHash) {
        if (key == null || key.isBlank() || key.length() > 128) {
            throw ProblemException.badRequest("IDEMPOTENCY_KEY_INVALID", "an Idempotency-Key has 1 to 128 characters",
                    "Idempotency-Key");
        }
        if (user == null || path == null || path.length() > 255 || requestHash == null) {
            throw new IllegalArgumentException("user, path (up to 255 characters) and request hash are required");
        }
        return Tx.call(jpa, em -> {
            IdempotencyEntity.Key id = new IdempotencyEntity.Key(user, path, key);
            IdempotencyEntity known = Tx.managed(em, IdempotencyEntity.class, id);
            // every POST reads its key, nearly always one that is not there: a statement, not an entity load
            Optional<Stored> previous = known != null ? Optional.of(new Stored(response(known), known.createdAt))
                    : Jdbc.one(em, KEY, s -> bind(s, id), rs -> new Stored(new IdempotentResponse(rs.getString(1),
                            rs.getInt(2), rs.getString(3), rs.getString(4)), Jdbc.instant(rs, 5)));
            if (previous.isPresent() && expired(previous.get().createdAt())) {
                // an expired key is free again: the old row goes before the new one is inserted
                if (known != null) {
                    em.remove(known);
                    em.flush();
                } else {
                    Jdbc.update(em, DELETE_KEY, s -> bind(s, id));
                }
                previous = Optional.empty();
            }
            if (previous.isPresent()) {
                return Optional.of(previous.get().response());
            }
            // the claim goes to the database at once: a concurrent request with this key waits on its row
            boolean claimed = Jdbc.onTransactionConnection(em, c -> {
                try (PreparedStatement s = Jdbc.prepare(c, CLAIM)) {
                    bind(s, id);
                    s.setString(4, requestHash);
                    Jdbc.timestamp(s, 5, time.instant());
                    s.executeUpdate();
                    return true;
                } catch (SQLException e) {
                    if (Jdbc.duplicateKey(e)) {
                        return false;
                    }
                    throw e;
                }
            });
            if (!claimed) {
                // a concurrent request with this key committed first
                throw new ProblemException(409, "IDEMPOTENCY_KEY_IN_USE", "this Idempotency-Key is being used", null);
            }
            return Optional.empty();
        });
    }

    /*
     * A claim and its answer are statements, not an entity persisted, flushed, loaded and flushed again: Hibernate's
     * part of that was about a twentieth of an opening's CPU (docs/benchmarks.md, "What the flight recorder did not
     * see"). A key a transaction loaded as an entity (find, or an expired key removed) is still changed as one.
     */
    private static final String CLAIM = "INSERT INTO idempotency_keys (username, path, idem_key, request_hash,"
            + " created_at) VALUES (?, ?, ?, ?, ?)";
    private static final String ANSWER = "UPDATE idempotency_keys SET status = ?, location = ?, body = ?"
            + " WHERE username = ? AND path = ? AND idem_key = ?";

    private static final String KEY = "SELECT request_hash, status, location, body, created_at FROM idempotency_keys"
            + " WHERE username = ? AND path = ? AND idem_key = ?";
    private static final String DELETE_KEY = "DELETE FROM idempotency_keys WHERE username = ? AND path = ?"
            + " AND idem_key = ?";

    /** A key's row as stored: its answer (status 0 while the first request runs) and when it was claimed. */
    private record Stored(IdempotentResponse response, Instant createdAt) {
    }

    private static void bind(PreparedStatement s, IdempotencyEntity.Key id) throws SQLException {
        s.setString(1, id.user);
        s.setString(2, id.path);
        s.setString(3, id.key);
    }

    private static IdempotentResponse response(IdempotencyEntity e) {
        return new IdempotentResponse(e.requestHash, e.status == null ? 0 : e.status, e.location, e.body);
    }

    @Override
    public void complete(String user, String path, String key, int status, String location, String body) {
        // a response this large is not replayed; repeats are answered as a conflict instead of a wrong body
        String stored = body != null && body.length() > Codec.MAX_TEXT ? null : body;
        String storedLocation = Codec.truncate(location, 500);
        Tx.decide(jpa, em -> {
            IdempotencyEntity.Key id = new IdempotencyEntity.Key(user, path, key);
            IdempotencyEntity e = Tx.managed(em, IdempotencyEntity.class, id);
            if (e != null) {
                e.status = status;
                e.location = storedLocation;
                e.body = stored;
                return Tx.Outcome.ok(null);
            }
            int answered = Jdbc.update(em, ANSWER, q -> {
                q.setInt(1, status);
                q.setString(2, storedLocation);
                q.setString(3, stored);
                q.setString(4, user);
                q.setString(5, path);
                q.setString(6, key);
            });
            if (answered == 0) {
                return Tx.Outcome.refused(ProblemException.notFound("IDEMPOTENCY_KEY_UNKNOWN", "the key was never claimed"));
            }
            return Tx.Outcome.ok(null);
        });
    }

    /** Expired keys deleted per transaction by {@link #purgeExpired()}. */
    static final int PURGE_SLICE = 1000;

    /**
     * In slices of {@value #PURGE_SLICE} keys, each its own transaction (when called outside one, as the scheduler
     * does): a busy day's keys deleted in one statement held that many row locks until the end, and on Derby past its
     * escalation threshold the whole table, so every money POST claiming a new key waited for the purge.
     */
    @Override
    public int purgeExpired() {
        Instant before = expiredBefore();
        return Tx.inSlices(jpa, em -> {
            List<Object[]> keys = em.createQuery("select e.user, e.path, e.key from IdempotencyEntity e"
                    + " where e.createdAt < :before", Object[].class).setParameter("before", before)
                    .setMaxResults(PURGE_SLICE).getResultList();
            int missed = Jdbc.work(em, c -> Jdbc.batch(c, "DELETE FROM idempotency_keys WHERE username = ?"
                    + " AND path = ? AND idem_key = ? AND created_at < ?", keys, (q, i, k) -> {
                        q.setString(i, (String) k[0]);
                        q.setString(i + 1, (String) k[1]);
                        q.setString(i + 2, (String) k[2]);
                        Jdbc.timestamp(q, i + 3, before);
                    })).size();
            return keys.size() - missed;
        });
    }
}
