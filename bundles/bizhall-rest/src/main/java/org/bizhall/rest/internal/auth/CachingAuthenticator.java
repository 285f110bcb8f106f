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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
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
 * <p>
 * Requests that miss at once with the same credentials share one check by the realm instead of hashing the password
 * once each, as long as the realm's users do not change meanwhile: a request that sees the change checks anew.
 * <p>
 * A login used in the later part of its time (from a point of its own between half and nine tenths of it) is renewed
 * while the remembered one answers, in one of two ways:
 * <ul>
 * <li>When {@code everyChangeSeen} says that the realm's version changes with every change of its users (their one
 * store is the users file whose state the version is), it is remembered anew from now without asking the realm: the
 * version is the one the realm confirmed it under, so the realm's answer would be the same. A bcrypt check is 0.1–0.3 s
 * of one CPU; re-hashing every login in use once a {@code ttl} took a small node's CPU from the requests in bursts
 * (payments waiting 30–60 ms behind it at half the top rate).</li>
 * <li>Otherwise (a directory whose changes are not seen here) it is confirmed by the realm again on the
 * {@code refresher}, one at a time, and remembered from that confirmation; a refused one is forgotten. The hash then
 * runs once a {@code ttl} per user in use, off the request path. The spread of the due points keeps logins confirmed
 * together (a hall's counters opening at once) from being re-hashed back to back.</li>
 * </ul>
 * A login the realm's version cannot vouch for is answered only within {@code ttl} of the realm's last confirmation.
 * Either way a login not used between its due point and the end of its time expires, and its next request is the
 * realm's.
 */
public final class CachingAuthenticator implements Authenticator {
    private static final String MAC = "HmacSHA256";

    private final Authenticator realm;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Supplier<?> realmVersion;
    private final BooleanSupplier everyChangeSeen;
    private final SecretKeySpec key;
    private final Executor refresher;
    private final DoubleSupplier spread;
    private final ThreadLocal<Mac> macs;
    private final Map<ByteBuffer, Entry> entries = new LinkedHashMap<>();
    /** Checks by the realm under way, by key: a second request with the same credentials waits for the first's. */
    private final Map<ByteBuffer, CompletableFuture<Optional<Login>>> checking = new java.util.HashMap<>();
    private Object versionSeen;

    /** A remembered login; {@code refreshing} while a background check of it is under way. */
    private static final class Entry {
        final Login login;
        final long expiresAt;
        /** From when a request may have it confirmed again in the background. */
        final long refreshFrom;
        boolean refreshing;

        Entry(Login login, long expiresAt, long refreshFrom) {
            this.login = login;
            this.expiresAt = expiresAt;
            this.refreshFrom = refreshFrom;
        }
    }

    /**
     * A cache that renews nothing: a login is checked by the realm again on its first use after {@code ttl}.
     *
     * @param realm the authenticator that checks passwords
     * @param ttl how long a confirmed login is remembered; zero remembers nothing
     * @param maxEntries how many logins are remembered at most
     * @param nanoClock {@link System#nanoTime()} or a test's clock
     * @param realmVersion anything that changes when the realm's users change (compared with {@code equals})
     */
    public CachingAuthenticator(Authenticator realm, Duration ttl, int maxEntries, LongSupplier nanoClock,
            Supplier<?> realmVersion) {
        this(realm, ttl, maxEntries, nanoClock, realmVersion, () -> false, null);
    }

    /**
     * As above, renewing the logins in use before their time is up.
     *
     * @param everyChangeSeen asked when a login falls due: whether every change of the realm's users changes
     *        {@code realmVersion} now (then the login is renewed without the realm)
     * @param refresher runs the realm's background confirmations of logins due when {@code everyChangeSeen} is false
     *        (null: none; they are then checked again after their time). It should run one at a time: each is a slow
     *        hash.
     */
    public CachingAuthenticator(Authenticator realm, Duration ttl, int maxEntries, LongSupplier nanoClock,
            Supplier<?> realmVersion, BooleanSupplier everyChangeSeen, Executor refresher) {
        this(realm, ttl, maxEntries, nanoClock, realmVersion, everyChangeSeen, refresher,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * As above; {@code spread} gives each confirmed login a number in [0, 1) that places its renewal between half (0)
     * and nine tenths (1) of its time (tests pass a fixed one).
     */
    CachingAuthenticator(Authenticator realm, Duration ttl, int maxEntries, LongSupplier nanoClock,
            Supplier<?> realmVersion, BooleanSupplier everyChangeSeen, Executor refresher, DoubleSupplier spread) {
        this.everyChangeSeen = Objects.requireNonNull(everyChangeSeen);
        this.refresher = refresher;
        this.spread = spread;
        this.realm = Objects.requireNonNull(realm);
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        this.realmVersion = realmVersion;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, MAC);
        Arrays.fill(secret, (byte) 0);
        // one initialised MAC per thread: looking the algorithm up and keying it on every request showed in profiles
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(MAC);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(MAC + " is not available", e);
            }
        });
    }

    @Override
    public Optional<Login> authenticate(String user, char[] password) {
        if (ttlNanos <= 0 || maxEntries <= 0) {
            return realm.authenticate(user, password);
        }
        ByteBuffer id = ByteBuffer.wrap(keyedHash(user, password));
        Object version = realmVersion.get();
        long now = nanoClock.getAsLong();
        CompletableFuture<Optional<Login>> other;
        CompletableFuture<Optional<Login>> mine = null;
        Entry due;
        synchronized (entries) {
            if (!Objects.equals(version, versionSeen)) {
                entries.clear();
                // a check under way read the realm before the change: its answer is for the requests that joined it
                checking.clear();
                versionSeen = version;
            }
            Entry hit = entries.get(id);
            if (hit != null && now - hit.expiresAt >= 0) {
                entries.remove(id);
                hit = null;
            }
            if (hit != null && (hit.refreshing || now - hit.refreshFrom < 0)) {
                return Optional.of(hit.login);
            }
            due = hit;
            if (due != null) {
                due.refreshing = true; // this request renews it; the others meanwhile are answered as before
                other = null;
            } else {
                other = checking.get(id);
                if (other == null) {
                    mine = new CompletableFuture<>();
                    checking.put(id, mine);
                }
            }
        }
        if (due != null) {
            renew(id, due, user, password, version, now);
            return Optional.of(due.login);
        }
        if (other != null) {
            // the same user and password are being checked by another request now: its answer is this one's
            try {
                return other.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
        Optional<Login> login;
        try {
            login = realm.authenticate(user, password);
        } catch (RuntimeException | Error e) {
            synchronized (entries) {
                checking.remove(id, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
        synchronized (entries) {
            checking.remove(id, mine); // a check begun after a change of the realm may stand there now
            if (login.isPresent() && Objects.equals(version, versionSeen)) {
                remember(id, login.get(), now);
            }
        }
        mine.complete(login);
        return login;
    }

    /**
     * Renews {@code due}, remembered under {@code version} and in the later part of its time; the caller set its
     * {@code refreshing}. Asks {@link #everyChangeSeen} without the lock: it may look at the realm's services.
     */
    private void renew(ByteBuffer id, Entry due, String user, char[] password, Object version, long now) {
        if (everyChangeSeen.getAsBoolean()) {
            synchronized (entries) {
                // the realm's users are as they were when it confirmed this login: its answer would be the same now
                if (entries.get(id) == due && Objects.equals(version, versionSeen)) {
                    remember(id, due.login, now);
                }
                due.refreshing = false;
            }
        } else if (refresher != null) {
            refresh(id, due, user, password, version);
        } else {
            synchronized (entries) {
                due.refreshing = false;
            }
        }
    }

    /**
     * Has the realm confirm {@code hit} again in the background with a copy of the password, wiped once checked. The
     * confirmed login is remembered anew from the start of that check; a refused one is forgotten.
     */
    private void refresh(ByteBuffer id, Entry hit, String user, char[] password, Object version) {
        char[] copy = password.clone();
        try {
            refresher.execute(() -> {
                try {
                    // remembered from the start of the check: what the realm confirmed is its state at that time
                    long checked = nanoClock.getAsLong();
                    Optional<Login> again = realm.authenticate(user, copy);
                    synchronized (entries) {
                        if (entries.get(id) != hit) {
                            return; // forgotten or replaced meanwhile
                        }
                        entries.remove(id);
                        if (again.isPresent() && Objects.equals(version, versionSeen)) {
                            remember(id, again.get(), checked);
                        }
                    }
                } finally {
                    Arrays.fill(copy, '\0');
                    synchronized (entries) {
                        hit.refreshing = false;
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            Arrays.fill(copy, '\0');
            synchronized (entries) {
                hit.refreshing = false; // the request after expiry checks it, as without a refresher
            }
        }
    }

    /** Remembers a login the realm confirmed at {@code checkedAt}; called holding the lock on {@code entries}. */
    private void remember(ByteBuffer id, Login login, long checkedAt) {
        entries.remove(id); // re-inserted last: insertion order stays expiry order
        evict(checkedAt);
        long due = ttlNanos / 2 + (long) (Math.min(Math.max(spread.getAsDouble(), 0), 1) * (ttlNanos * 0.4));
        entries.put(id, new Entry(login, checkedAt + ttlNanos, checkedAt + due));
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
            if (now - e.expiresAt >= 0 || entries.size() >= maxEntries) {
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
            Mac mac = macs.get();
            byte[] name = user.getBytes(StandardCharsets.UTF_8);
            // the name's length first, so that no other split of the same bytes gives the same input
            mac.update(ByteBuffer.allocate(4).putInt(name.length).array());
            mac.update(name);
            mac.update(bytes);
            return mac.doFinal();
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (secret.hasArray()) {
                Arrays.fill(secret.array(), (byte) 0);
            }
        }
    }
}
