package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bizhall.persistence.internal.PasswordHasher.Pepper;
import org.bizhall.persistence.internal.PasswordHasher.Verdict;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Service-password hashes (issue 8, "Security the field expects"): PBKDF2-HMAC-SHA256 at OWASP's cost, a pepper kept
 * outside the database, the scheme recorded per hash so older ones verify and are marked for a rehash.
 */
public class PasswordHasherTest {
    private static final int COST = 1_000; // tests only: the platform refuses less than 600,000
    private static final Pepper PEPPER = Pepper.parse(Pepper.generate());
    private static final Pepper OTHER_PEPPER = Pepper.parse(Pepper.generate());
    private final PasswordHasher hasher = PasswordHasher.forTests(PEPPER, List.of(), COST);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String stored = hasher.hash("739151");
        assertEquals(Verdict.MATCH, hasher.verify("739151", stored));
        assertEquals(Verdict.WRONG, hasher.verify("739152", stored));
        assertEquals(Verdict.WRONG, hasher.verify(null, stored));
        assertEquals(Verdict.WRONG, hasher.verify("739151", "pbkdf2-sha256-hmac$" + PEPPER.id() + "$1$%%%$!!!"));
        assertFalse(stored, stored.contains("739151"));
        assertTrue(stored, stored.startsWith("pbkdf2-sha256-hmac$" + PEPPER.id() + "$1000$"));
        assertNotEquals("every hash has its own salt", stored, hasher.hash("739151"));
    }

    @Test
    public void thePlatformRefusesACostBelowOwaspGuidance() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(PEPPER, List.of(), 599_999));
        assertEquals(600_000, new PasswordHasher(PEPPER, List.of(), 600_000).iterations());
        assertThrows("a short pepper", IllegalArgumentException.class, () -> Pepper.of(new byte[16]));
    }

    /** A stolen row and a different pepper: the password cannot be verified, not even knowing it is one of a million. */
    @Test
    public void aStolenHashCannotBeVerifiedWithoutThePepper_issue8() throws Exception {
        String stored = hasher.hash("739151");
        String[] parts = stored.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        byte[] mac = Base64.getDecoder().decode(parts[4]);
        // the thief runs PBKDF2 over the right candidate with the row's salt and cost: no match without the pepper
        byte[] derived = PasswordHasher.derive("739151", salt, COST);
        assertFalse(MessageDigest.isEqual(derived, mac));
        // nor with a pepper of its own guessing
        Mac guess = Mac.getInstance("HmacSHA256");
        guess.init(new SecretKeySpec(Base64.getDecoder().decode(Pepper.generate()), "HmacSHA256"));
        assertFalse(MessageDigest.isEqual(guess.doFinal(derived), mac));
        // and a node with another pepper cannot check it either (it says so rather than calling it wrong)
        PasswordHasher otherNode = PasswordHasher.forTests(OTHER_PEPPER, List.of(), COST);
        assertEquals(Verdict.PEPPER_UNKNOWN, otherNode.verify("739151", stored));
        // the same row relabelled with the other node's pepper id is simply wrong
        String relabelled = stored.replace("$" + PEPPER.id() + "$", "$" + OTHER_PEPPER.id() + "$");
        assertEquals(Verdict.WRONG, otherNode.verify("739151", relabelled));
    }

    @Test
    public void aHashOfBeforeThePepperVerifiesAndIsOutdated_issue8() {
        String old = PasswordHasher.unpeppered("739151", 120_000);
        assertTrue(old, old.startsWith("pbkdf2-sha256$120000$"));
        assertEquals(Verdict.MATCH_OUTDATED, hasher.verify("739151", old));
        assertEquals(Verdict.WRONG, hasher.verify("739152", old));
    }

    @Test
    public void aLowerCostOrAnEarlierPepperIsOutdated_issue8() {
        String cheap = PasswordHasher.forTests(PEPPER, List.of(), COST / 2).hash("739151");
        assertEquals(Verdict.MATCH_OUTDATED, hasher.verify("739151", cheap));

        String beforeRotation = PasswordHasher.forTests(OTHER_PEPPER, List.of(), COST).hash("739151");
        PasswordHasher rotated = PasswordHasher.forTests(PEPPER, List.of(OTHER_PEPPER), COST);
        assertEquals(Verdict.MATCH_OUTDATED, rotated.verify("739151", beforeRotation));
        assertEquals(Verdict.WRONG, rotated.verify("739152", beforeRotation));
        assertEquals(Verdict.MATCH, rotated.verify("739151", rotated.hash("739151")));
    }

    /** The first start writes a pepper into etc/, readable by its owner only, and configuration then reads it back. */
    @Test
    public void aMissingPepperIsGeneratedIntoEtcOnce() throws Exception {
        Path etc = folder.newFolder("etc").toPath();
        String pepper = ServicePasswordHashing.generatePepperFile(etc);
        Path file = etc.resolve("org.bizhall.security.cfg");
        Properties cfg = new Properties();
        cfg.load(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        assertEquals(pepper, cfg.getProperty(ServicePasswordHashing.PEPPER));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));

        ServicePasswordHashing hashing = new ServicePasswordHashing();
        hashing.configure(Map.of(ServicePasswordHashing.PEPPER, pepper));
        assertEquals(PasswordHasher.OWASP_ITERATIONS, hashing.hasher().iterations());
        assertEquals(Pepper.parse(pepper).id(), hashing.hasher().currentPepperId());
    }
}
