package org.bizhall.persistence.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salted, peppered PBKDF2 hashes of service passwords. A service password is 6 digits: a million candidates, which a
 * stolen table alone would let anyone try offline however slow the hash. So the stored value is
 * {@code HMAC-SHA256(pepper, PBKDF2-HMAC-SHA256(password, salt, iterations))}, where the pepper is a secret kept outside
 * the database (configuration {@code org.bizhall.security}); without it the stored value cannot be tested against a
 * candidate.
 * <p>
 * Stored forms, each naming its scheme so older hashes keep verifying and are replaced after the next right password:
 * <ul>
 * <li>{@code pbkdf2-sha256-hmac$<pepper id>$<iterations>$<salt>$<mac>} (current; the pepper id tells which pepper made
 * it, so a pepper can be rotated and a node with the wrong pepper notices instead of counting wrong attempts);</li>
 * <li>{@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (before the pepper, 120,000 iterations: verified, then outdated).</li>
 * </ul>
 */
final class PasswordHasher {
    /** OWASP Password Storage Cheat Sheet (2023 on) for PBKDF2-HMAC-SHA256. */
    static final int OWASP_ITERATIONS = 600_000;
    static final String PEPPERED = "pbkdf2-sha256-hmac";
    static final String UNPEPPERED = "pbkdf2-sha256";
    /** The shortest pepper accepted: the HMAC key should be as long as its output. */
    static final int MIN_PEPPER_BYTES = 32;

    private static final String KDF = "PBKDF2WithHmacSHA256";
    private static final String MAC = "HmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a check found. */
    enum Verdict {
        /** The password is right and its hash is current. */
        MATCH,
        /** The password is right but its hash is of an older scheme, cost or pepper: store a new one. */
        MATCH_OUTDATED,
        /** The password is wrong. */
        WRONG,
        /** The hash was made with a pepper this node does not have: nothing can be said about the password. */
        PEPPER_UNKNOWN;

        boolean right() {
            return this == MATCH || this == MATCH_OUTDATED;
        }
    }

    /** A pepper and the id stored beside the hashes it made. */
    record Pepper(String id, byte[] key) {
        static Pepper of(byte[] key) {
            if (key == null || key.length < MIN_PEPPER_BYTES) {
                throw new IllegalArgumentException("a pepper needs at least " + MIN_PEPPER_BYTES + " bytes");
            }
            byte[] copy = key.clone();
            // an id that names the pepper without revealing it: its own MAC of a fixed label, shortened
            byte[] id = Arrays.copyOf(mac(copy, "bizhall service-password pepper id".getBytes(StandardCharsets.UTF_8)), 6);
            return new Pepper(Base64.getUrlEncoder().withoutPadding().encodeToString(id), copy);
        }

        /** A pepper from its Base64 text (the form the configuration holds). */
        static Pepper parse(String base64) {
            try {
                return of(Base64.getDecoder().decode(base64.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a pepper is Base64 of at least " + MIN_PEPPER_BYTES + " random bytes", e);
            }
        }

        /** A new random pepper, Base64. */
        static String generate() {
            byte[] key = new byte[MIN_PEPPER_BYTES];
            RANDOM.nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        }

        @Override
        public String toString() {
            return "Pepper[" + id + "]"; // never the key
        }
    }

    private final Pepper current;
    private final Map<String, Pepper> known = new LinkedHashMap<>();
    private final int iterations;

    /**
     * @param current the pepper new hashes are made with
     * @param previous peppers of earlier hashes that still verify (and are replaced on the next right password)
     * @param iterations the PBKDF2 cost of new hashes; at least {@link #OWASP_ITERATIONS}, except in tests
     *        ({@link #forTests})
     */
    PasswordHasher(Pepper current, List<Pepper> previous, int iterations) {
        this(current, previous, iterations, false);
    }

    private PasswordHasher(Pepper current, List<Pepper> previous, int iterations, boolean test) {
        if (!test && iterations < OWASP_ITERATIONS) {
            throw new IllegalArgumentException("service-password hashes need at least " + OWASP_ITERATIONS
                    + " PBKDF2 iterations");
        }
        this.current = current;
        this.iterations = iterations;
        known.put(current.id(), current);
        for (Pepper p : previous) {
            known.putIfAbsent(p.id(), p);
        }
    }

    /** A hasher of a low cost, so that unit tests stay fast; never used by the running platform. */
    static PasswordHasher forTests(Pepper current, List<Pepper> previous, int iterations) {
        return new PasswordHasher(current, previous, iterations, true);
    }

    int iterations() {
        return iterations;
    }

    String currentPepperId() {
        return current.id();
    }

    String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return PEPPERED + "$" + current.id() + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(mac(current.key(), derive(password, salt, iterations)));
    }

    Verdict verify(String password, String stored) {
        if (password == null || stored == null) {
            return Verdict.WRONG;
        }
        String[] parts = stored.split("\\$");
        try {
            if (parts.length == 5 && PEPPERED.equals(parts[0])) {
                Pepper pepper = known.get(parts[1]);
                if (pepper == null) {
                    return Verdict.PEPPER_UNKNOWN;
                }
                int cost = Integer.parseInt(parts[2]);
                byte[] expected = Base64.getDecoder().decode(parts[4]);
                byte[] actual = mac(pepper.key(), derive(password, Base64.getDecoder().decode(parts[3]), cost));
                if (!MessageDigest.isEqual(expected, actual)) {
                    return Verdict.WRONG;
                }
                return pepper == current && cost >= iterations ? Verdict.MATCH : Verdict.MATCH_OUTDATED;
            }
            if (parts.length == 4 && UNPEPPERED.equals(parts[0])) {
                byte[] expected = Base64.getDecoder().decode(parts[3]);
                byte[] actual = derive(password, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
                return MessageDigest.isEqual(expected, actual) ? Verdict.MATCH_OUTDATED : Verdict.WRONG;
            }
        } catch (IllegalArgumentException e) {
            // a damaged value matches nothing
            return Verdict.WRONG;
        }
        return Verdict.WRONG;
    }

    /** The ids of the peppers this hasher can verify with, the current one first. */
    List<String> pepperIds() {
        return new ArrayList<>(known.keySet());
    }

    /** The pre-pepper form ({@link #UNPEPPERED}); kept to write test data of that age. */
    static String unpeppered(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return UNPEPPERED + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(KDF + " is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(key, MAC));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(MAC + " is not available", e);
        }
    }
}
