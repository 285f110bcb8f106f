package org.bizhall.rest.internal.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

/** The verified-credential cache in front of the slow realm (issue 8, "Security the field expects"). */
public class CachingAuthenticatorTest {
    private static final Duration TTL = Duration.ofSeconds(60);

    /** A realm that knows op-sn/op-sn and admin/admin and counts every password it checks. */
    private static final class CountingRealm implements Authenticator {
        final List<String> checked = new ArrayList<>();
        final Map<String, String> passwords = new java.util.HashMap<>(Map.of("op-sn", "op-sn", "admin", "admin"));

        @Override
        public Optional<Login> authenticate(String user, char[] password) {
            checked.add(user);
            return new String(password).equals(passwords.get(user))
                    ? Optional.of(new Login(user, List.of(user.equals("admin") ? "admin" : "operator")))
                    : Optional.empty();
        }
    }

    private final CountingRealm realm = new CountingRealm();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicReference<String> usersVersion = new AtomicReference<>("v1");

    private CachingAuthenticator cache(Duration ttl, int max) {
        return new CachingAuthenticator(realm, ttl, max, now::get, usersVersion::get);
    }

    @Test
    public void aConfirmedLoginIsAnsweredWithoutTheRealmUntilItsTimeIsUp() {
        CachingAuthenticator cache = cache(TTL, 100);
        assertEquals("op-sn", cache.authenticate("op-sn", "op-sn".toCharArray()).orElseThrow().user());
        assertEquals(List.of("operator"), cache.authenticate("op-sn", "op-sn".toCharArray()).orElseThrow().roles());
        assertEquals("the second request did not reach the realm", 1, realm.checked.size());

        now.addAndGet(TTL.toNanos() - 1);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertEquals(1, realm.checked.size());
        now.addAndGet(1);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertEquals("after its time the realm is asked again", 2, realm.checked.size());
    }

    @Test
    public void aWrongPasswordIsNeverRememberedNorAnsweredFromTheCache() {
        CachingAuthenticator cache = cache(TTL, 100);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertFalse(cache.authenticate("op-sn", "op-sn2".toCharArray()).isPresent());
        assertFalse(cache.authenticate("op-sn", "op-sn2".toCharArray()).isPresent());
        assertFalse("another user with a remembered user's password", cache.authenticate("admin", "op-sn".toCharArray())
                .isPresent());
        assertEquals("each wrong attempt reached the realm", List.of("op-sn", "op-sn", "op-sn", "admin"), realm.checked);
        assertEquals(1, cache.size());
    }

    @Test
    public void aChangeOfTheRealmsUsersForgetsEveryRememberedLogin() {
        CachingAuthenticator cache = cache(TTL, 100);
        cache.authenticate("op-sn", "op-sn".toCharArray());
        cache.authenticate("admin", "admin".toCharArray());
        assertEquals(2, cache.size());

        // the admin changes op-sn's password in etc/users.properties
        realm.passwords.put("op-sn", "n3w-secret");
        usersVersion.set("v2");
        assertFalse("the old password no longer works at once", cache.authenticate("op-sn", "op-sn".toCharArray())
                .isPresent());
        assertTrue(cache.authenticate("op-sn", "n3w-secret".toCharArray()).isPresent());
        assertEquals(1, cache.size());
    }

    @Test
    public void theCacheIsBoundedAndTheOldestLeaveFirst() {
        CachingAuthenticator cache = cache(TTL, 3);
        for (int i = 0; i < 5; i++) {
            realm.passwords.put("u" + i, "p" + i);
            cache.authenticate("u" + i, ("p" + i).toCharArray());
            now.addAndGet(1);
        }
        assertEquals(3, cache.size());
        realm.checked.clear();
        cache.authenticate("u4", "p4".toCharArray());
        cache.authenticate("u2", "p2".toCharArray());
        assertEquals("the three newest are remembered", List.of(), realm.checked);
        cache.authenticate("u0", "p0".toCharArray());
        assertEquals("the oldest went", List.of("u0"), realm.checked);
    }

    @Test
    public void aTimeOfZeroRemembersNothing() {
        CachingAuthenticator cache = cache(Duration.ZERO, 100);
        cache.authenticate("op-sn", "op-sn".toCharArray());
        cache.authenticate("op-sn", "op-sn".toCharArray());
        assertEquals(2, realm.checked.size());
        assertEquals(0, cache.size());
    }

    /** What the cache holds names neither the password nor a plain hash of it: only a keyed MAC of user and password. */
    @Test
    public void theCacheKeepsNoPassword() throws Exception {
        CachingAuthenticator cache = cache(TTL, 100);
        cache.authenticate("op-sn", "op-sn".toCharArray());
        Field field = CachingAuthenticator.class.getDeclaredField("entries");
        field.setAccessible(true);
        Map<?, ?> entries = (Map<?, ?>) field.get(cache);
        Object key = entries.keySet().iterator().next();
        byte[] bytes = ((java.nio.ByteBuffer) key).array();
        assertEquals("an HMAC-SHA256", 32, bytes.length);
        byte[] plainSha = java.security.MessageDigest.getInstance("SHA-256")
                .digest("op-sn".getBytes(StandardCharsets.UTF_8));
        assertFalse(java.util.Arrays.equals(plainSha, bytes));
        assertFalse(entries.toString().contains("op-sn:op-sn"));
        // two instances key the same credentials differently (each has its own random key)
        CachingAuthenticator other = cache(TTL, 100);
        other.authenticate("op-sn", "op-sn".toCharArray());
        Map<?, ?> otherEntries = (Map<?, ?>) field.get(other);
        assertFalse(otherEntries.containsKey(key));
    }

    /** Runs nothing until told to: the background confirmations, one by one. */
    private static final class ManualExecutor implements java.util.concurrent.Executor {
        final java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
        }
    }

    @Test
    public void aLoginInUseIsConfirmedAgainInTheBackgroundSoNoRequestWaitsForTheRealmAfterTheFirst() {
        ManualExecutor background = new ManualExecutor();
        // confirmations fall due at exactly half the time (no spread)
        CachingAuthenticator cache = new CachingAuthenticator(realm, TTL, 100, now::get, usersVersion::get, () -> false, background,
                () -> 0.0);
        long first = now.get();
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        now.set(first + TTL.toNanos() / 2 - 1);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertEquals("nothing to confirm in the first half of its time", 0, background.queued.size());

        now.set(first + TTL.toNanos() / 2);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertEquals("answered from memory meanwhile", 1, realm.checked.size());
        assertEquals("one confirmation, however many requests", 1, background.queued.size());
        background.runAll();
        assertEquals(2, realm.checked.size());

        // past the first login's time: the confirmed one answers, and its own second half has begun
        now.set(first + TTL.toNanos() + 1);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertEquals(2, realm.checked.size());
        assertEquals(1, background.queued.size());
        background.queued.clear(); // that confirmation never ran (e.g. the node was stopping)
        now.set(first + TTL.toNanos() / 2 + TTL.toNanos());
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertEquals("a ttl after the last confirmation the request asks the realm itself", 3, realm.checked.size());
    }

    @Test
    public void loginsConfirmedTogetherFallDueForConfirmationAtTheirOwnTimesBetweenHalfAndNineTenthsOfIt() {
        ManualExecutor background = new ManualExecutor();
        double[] spreads = {0.0, 0.25, 0.5, 0.75, 0.999};
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < spreads.length; i++) {
            realm.passwords.put("op-" + i, "op-" + i);
        }
        CachingAuthenticator cache = new CachingAuthenticator(realm, TTL, 100, now::get, usersVersion::get, () -> false, background,
                () -> spreads[next.getAndIncrement() % spreads.length]);
        long first = now.get();
        for (int i = 0; i < spreads.length; i++) {
            assertTrue(cache.authenticate("op-" + i, ("op-" + i).toCharArray()).isPresent());
        }
        // every login is used every second; each is sent for confirmation once, at its own time
        List<Long> dueAfterMillis = new ArrayList<>();
        for (long ms = 0; ms < TTL.toMillis(); ms += 1000) {
            now.set(first + Duration.ofMillis(ms).toNanos());
            for (int i = 0; i < spreads.length; i++) {
                assertTrue(cache.authenticate("op-" + i, ("op-" + i).toCharArray()).isPresent());
            }
            for (int queued = background.queued.size(); queued > 0; queued--) {
                dueAfterMillis.add(ms);
            }
            background.queued.clear(); // left unconfirmed: each stays refreshing, so it is not sent again
        }
        assertEquals(List.of(30_000L, 36_000L, 42_000L, 48_000L, 54_000L), dueAfterMillis);
    }

    @Test
    public void aLoginTheRealmRefusesOnConfirmationIsForgotten() {
        ManualExecutor background = new ManualExecutor();
        // confirmations fall due at exactly half the time (no spread)
        CachingAuthenticator cache = new CachingAuthenticator(realm, TTL, 100, now::get, usersVersion::get, () -> false, background,
                () -> 0.0);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        now.addAndGet(TTL.toNanos() / 2);
        // the password changed in a store whose version this cache cannot see
        realm.passwords.put("op-sn", "n3w-secret");
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        background.runAll();
        assertEquals(0, cache.size());
        assertFalse(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertEquals(List.of("op-sn", "op-sn", "op-sn"), realm.checked);
    }

    /**
     * Where every change of the realm's users changes its version (the users file alone), a login in use is renewed
     * without a new hash: the realm would answer the same while the file is as it was. One hash per user while it
     * works, not one a minute on the background thread.
     */
    @Test
    public void whereTheVersionSeesEveryChangeALoginInUseIsRenewedWithoutTheRealmUntilTheUsersChange() {
        ManualExecutor background = new ManualExecutor();
        CachingAuthenticator cache = new CachingAuthenticator(realm, TTL, 100, now::get, usersVersion::get,
                () -> true, background, () -> 0.0);
        long first = now.get();
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        // used every six seconds for five of its times
        for (long ms = 6_000; ms <= 5 * TTL.toMillis(); ms += 6_000) {
            now.set(first + Duration.ofMillis(ms).toNanos());
            assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        }
        assertEquals("one hash, on the first request", List.of("op-sn"), realm.checked);
        assertEquals("nothing sent to the background", 0, background.queued.size());

        // the users file changed (a password): the next request is the realm's
        realm.passwords.put("op-sn", "n3w-secret");
        usersVersion.set("v2");
        assertFalse(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertTrue(cache.authenticate("op-sn", "n3w-secret".toCharArray()).isPresent());
        assertEquals(3, realm.checked.size());
    }

    /** Renewal needs use: a login not used for its whole time is checked by the realm again, as any expired one. */
    @Test
    public void whereTheVersionSeesEveryChangeALoginNotUsedForItsTimeIsStillCheckedAgain() {
        CachingAuthenticator cache = new CachingAuthenticator(realm, TTL, 100, now::get, usersVersion::get,
                () -> true, new ManualExecutor(), () -> 0.0);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        now.addAndGet(TTL.toNanos() / 2 - 1);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        now.addAndGet(TTL.toNanos() / 2 + 1);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertEquals("used only in the first half: expired, the realm asked", 2, realm.checked.size());
    }

    /**
     * Whether the version sees every change is asked when a login falls due, not once: a realm replaced meanwhile by
     * one whose changes are not seen (a directory) gets its timed confirmations from then on.
     */
    @Test
    public void aLoginFallingDueWhenTheVersionNoLongerSeesEveryChangeIsConfirmedByTheRealmInTheBackground() {
        ManualExecutor background = new ManualExecutor();
        java.util.concurrent.atomic.AtomicBoolean seesAll = new java.util.concurrent.atomic.AtomicBoolean(true);
        CachingAuthenticator cache = new CachingAuthenticator(realm, TTL, 100, now::get, usersVersion::get,
                seesAll::get, background, () -> 0.0);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        now.addAndGet(TTL.toNanos() / 2);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertEquals(0, background.queued.size());
        seesAll.set(false);
        now.addAndGet(TTL.toNanos() / 2);
        assertTrue(cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
        assertEquals(1, background.queued.size());
        realm.passwords.put("op-sn", "n3w-secret"); // changed where the version cannot see it
        background.runAll();
        assertFalse("refused on confirmation: forgotten", cache.authenticate("op-sn", "op-sn".toCharArray()).isPresent());
    }

    @Test
    public void requestsThatMissAtOnceWithTheSameCredentialsShareOneCheckByTheRealm() throws Exception {
        java.util.concurrent.CountDownLatch inRealm = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        Authenticator slow = (user, password) -> {
            checks.incrementAndGet();
            inRealm.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(new Authenticator.Login(user, List.of("operator")));
        };
        CachingAuthenticator cache = new CachingAuthenticator(slow, TTL, 100, now::get, usersVersion::get);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Optional<Authenticator.Login>>> answers = new ArrayList<>();
            answers.add(clients.submit(() -> cache.authenticate("op-sn", "op-sn".toCharArray())));
            inRealm.await();
            for (int i = 0; i < 3; i++) {
                answers.add(clients.submit(() -> cache.authenticate("op-sn", "op-sn".toCharArray())));
            }
            Thread.sleep(100); // the three reach the cache while the first is in the realm
            release.countDown();
            for (var answer : answers) {
                assertEquals("op-sn", answer.get(5, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().user());
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals("one slow hash for four requests", 1, checks.get());
    }

    /** A check under way when the users file changes (a role added) answers only the requests that were waiting for it. */
    @Test
    public void aRequestAfterAChangeOfTheUsersDoesNotTakeTheAnswerOfACheckBegunBeforeIt() throws Exception {
        java.util.concurrent.CountDownLatch inRealm = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<List<String>> roles = new AtomicReference<>(List.of());
        Authenticator changing = (user, password) -> {
            List<String> seen = roles.get(); // the file as the check read it
            inRealm.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(new Authenticator.Login(user, seen));
        };
        CachingAuthenticator cache = new CachingAuthenticator(changing, TTL, 100, now::get, usersVersion::get);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var before = clients.submit(() -> cache.authenticate("mgr", "mgr".toCharArray()));
            inRealm.await();
            roles.set(List.of("manager"));
            usersVersion.set("v2"); // jaas:role-add wrote the file again
            var after = clients.submit(() -> cache.authenticate("mgr", "mgr".toCharArray()));
            Thread.sleep(100); // the second request reaches the cache while the first check is in the realm
            release.countDown();
            assertEquals(List.of(), before.get(5, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().roles());
            assertEquals("the request after the change sees the role", List.of("manager"),
                    after.get(5, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().roles());
            assertEquals("and so does the next one", List.of("manager"),
                    cache.authenticate("mgr", "mgr".toCharArray()).orElseThrow().roles());
        } finally {
            clients.shutdownNow();
        }
    }
}
