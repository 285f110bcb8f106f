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
}
