package org.bizhall.rest.internal.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers for a short while the logins the realm confirmed, so that HTTP Basic (credentials on every request) does
 * not pay the realm's slow password hash each time. An entry is keyed by an HMAC of the user and password under a
 * random key of this instance: neither the password nor an unkeyed hash of it is kept, so the memory of the process
 * does not offer the passwords to an offline search. Only successes are remembered; a wrong password always goes to
 * the realm. Entries live {@code ttl}, at most {@code maxEntries} of them (the oldest leave first), and all are
 * forgotten when the realm's version changes (its users file was edited: a password changed, a user removed or given
 * another role).
 */
public final class CachingAuthenticator implements Authenticator {
    private static final String MAC = "HmacSHA256";

    private final Authenticator realm;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Supplier<?> realmVersion;
    private final SecretKeySpec key;
    private final Map<ByteBuffer, Entry> entries = new LinkedHashMap<>();
    private Object versionSeen;

    private record Entry(Login login, long expiresAt) {
    }

    /**
     * @param realm the authenticator that checks passwords
     * @param ttl how long a confirmed login is remembered; zero remembers nothing
     * @param maxEntries how many logins are remembered at most
     * @param nanoClock {@link System#nanoTime()} or a test's clock
     * @param realmVersion anything that changes when the realm's users change (compared with {@code equals})
     */
    public CachingAuthenticator(Authenticator realm, Duration ttl, int maxEntries, LongSupplier nanoClock,
            Supplier<?> realmVersion) {
        this.realm = Objects.requireNonNull(realm);
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        this.realmVersion = realmVersion;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public Optional<Login> authenticate(String user, char[] password) {
        if (ttlNanos <= 0 || maxEntries <= 0) {
            return realm.authenticate(user, password);
        }
        ByteBuffer id = ByteBuffer.wrap(keyedHash(user, password));
        Object version = realmVersion.get();
        long now = nanoClock.getAsLong();
        synchronized (entries) {
            if (!Objects.equals(version, versionSeen)) {
                entries.clear();
                versionSeen = version;
            }
            Entry hit = entries.get(id);
            if (hit != null) {
                if (now - hit.expiresAt() < 0) {
                    return Optional.of(hit.login());
                }
                entries.remove(id);
            }
        }
        Optional<Login> login = realm.authenticate(user, password);
        if (login.isPresent()) {
            synchronized (entries) {
                if (Objects.equals(version, versionSeen)) {
                    evict(now);
                    entries.put(id, new Entry(login.get(), now + ttlNanos));
                }
            }
        }
        return login;
    }

    /** How many logins are remembered now (tests and diagnostics). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Makes room for one more: expired entries go, then the oldest while the map is full. */
    private void evict(long now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (now - e.expiresAt() >= 0 || entries.size() >= maxEntries) {
                it.remove();
            } else {
                // insertion order = expiry order: the rest expire later
                break;
            }
        }
    }

    private byte[] keyedHash(String user, char[] password) {
        ByteBuffer secret = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[secret.remaining()];
        secret.get(bytes);
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            byte[] name = user.getBytes(StandardCharsets.UTF_8);
            // the name's length first, so that no other split of the same bytes gives the same input
            mac.update(ByteBuffer.allocate(4).putInt(name.length).array());
            mac.update(name);
            mac.update(bytes);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " is not available", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (secret.hasArray()) {
                Arrays.fill(secret.array(), (byte) 0);
            }
        }
    }
}
