package org.bizhall.realm.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class UsersFileTest {
    /** Stands in for bcrypt behind Karaf's encryption support: a hashed password is given back as it is. */
    private static final UnaryOperator<String> HASH = p -> p.startsWith("{H}") ? p : "{H}" + p.length() + p.charAt(0) + "{H}";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void plainPasswordsAreHashedAndEverythingElseIsKeptByteForByte() {
        String content = "# users = password, roles\r\n"
                + "op-sn = op-sn,operator,ssh\r\n"
                + "mgr-sn = {H}6m{H},manager\n"
                + "  bo-sn:secret\n"
                + "! a comment\n"
                + "_g_\\:admingroup = group,admin,manager\n"
                + "long = first\\\n"
                + "   part,operator\n"
                + "escaped = pass\\u0041,operator\n"
                + "\n"
                + "last = word";
        String hashed = UsersFile.withPlainPasswordsHashed(content, HASH);
        // the three plain passwords and nothing else: the hashed, the group's, the escaped and the continued stay
        assertEquals(content.replace("op-sn = op-sn,", "op-sn = {H}5o{H},").replace("bo-sn:secret", "bo-sn:{H}6s{H}")
                .replace("last = word", "last = {H}4w{H}"), hashed);
        assertEquals("nothing plain: the same content", hashed, UsersFile.withPlainPasswordsHashed(hashed, HASH));
    }

    @Test
    public void theFileIsReplacedWithItsPasswordsHashedAndItsPermissionsKept() throws Exception {
        Path users = folder.getRoot().toPath().resolve("users.properties");
        Files.writeString(users, "admin = admin,admin\nop = {H}2o{H},operator\n", StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));

        assertEquals(UsersFile.Outcome.HASHED, UsersFile.hashPlainPasswords(users, HASH, Duration.ofMillis(10)));
        assertEquals("admin = {H}5a{H},admin\nop = {H}2o{H},operator\n", Files.readString(users, StandardCharsets.ISO_8859_1));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        assertEquals("no file left beside it", 1, Files.list(folder.getRoot().toPath()).count());
        assertEquals(UsersFile.Outcome.NOTHING_PLAIN, UsersFile.hashPlainPasswords(users, HASH, Duration.ofMillis(10)));
    }

    /**
     * {@code jaas:update} (or anyone) writes the file while a plain password is being hashed: the write stands, and
     * the hashing is left to the next pass.
     */
    @Test
    public void aUserAddedWhileAPasswordIsHashedIsNotOverwritten() throws Exception {
        Path users = folder.getRoot().toPath().resolve("users.properties");
        Files.writeString(users, "admin = admin,admin\n", StandardCharsets.ISO_8859_1);
        UnaryOperator<String> slowHash = p -> {
            append(users, "mgr-sn2 = {H}7m{H},manager\n");
            return HASH.apply(p);
        };

        assertEquals(UsersFile.Outcome.CHANGED_MEANWHILE, UsersFile.hashPlainPasswords(users, slowHash, Duration.ofMillis(10)));
        assertEquals("admin = admin,admin\nmgr-sn2 = {H}7m{H},manager\n", Files.readString(users, StandardCharsets.ISO_8859_1));
        assertEquals(UsersFile.Outcome.HASHED, UsersFile.hashPlainPasswords(users, HASH, Duration.ofMillis(10)));
        assertEquals("admin = {H}5a{H},admin\nmgr-sn2 = {H}7m{H},manager\n", Files.readString(users, StandardCharsets.ISO_8859_1));
    }

    /**
     * The file is read in the middle of a write in place (cut after a password, before its role): what was read is not
     * written back; Karaf's automatic encryption wrote such a cut file back, and the role was lost.
     */
    @Test
    public void aFileReadWhileItIsBeingWrittenIsNotWrittenBack() throws Exception {
        Path users = folder.getRoot().toPath().resolve("users.properties");
        String whole = "admin = {H}5a{H},admin\nmgr-sn2 = {H}7m{H},manager\nop = op,operator\n";
        int cut = whole.indexOf(",manager");
        try (OutputStream out = Files.newOutputStream(users)) {
            out.write(whole.substring(0, cut).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<UsersFile.Outcome> pass = new CompletableFuture<>();
            new Thread(() -> {
                started.countDown();
                try {
                    pass.complete(UsersFile.hashPlainPasswords(users, HASH, Duration.ofSeconds(2)));
                } catch (IOException | InterruptedException | RuntimeException e) {
                    pass.completeExceptionally(e);
                }
            }).start();
            started.await();
            Thread.sleep(100); // the pass has read the cut file; it settles for two seconds
            out.write(whole.substring(cut).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertEquals(UsersFile.Outcome.CHANGED_MEANWHILE, pass.get(30, TimeUnit.SECONDS));
        }
        assertEquals(whole, Files.readString(users, StandardCharsets.ISO_8859_1));
        assertEquals(UsersFile.Outcome.HASHED, UsersFile.hashPlainPasswords(users, HASH, Duration.ofMillis(10)));
        String hashed = Files.readString(users, StandardCharsets.ISO_8859_1);
        assertTrue(hashed, hashed.contains("mgr-sn2 = {H}7m{H},manager\nop = {H}2o{H},operator\n"));
    }

    @Test
    public void aPlainPasswordWrittenIntoTheWatchedFileIsHashedSoon() throws Exception {
        Path users = folder.getRoot().toPath().resolve("users.properties");
        Files.writeString(users, "admin = admin,admin\n", StandardCharsets.ISO_8859_1);
        try (PlainPasswordHashing hashing = new PlainPasswordHashing(users, HASH, Duration.ofMillis(20))) {
            hashing.start();
            awaitContent(users, "admin = {H}5a{H},admin\n");
            append(users, "op-xa7 = a-long-password,operator,ssh\n");
            awaitContent(users, "admin = {H}5a{H},admin\nop-xa7 = {H}15a{H},operator,ssh\n");
        }
        assertFalse(Files.exists(users.resolveSibling(".users.properties.hashing")));
    }

    private static void awaitContent(Path file, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String content = Files.readString(file, StandardCharsets.ISO_8859_1);
        while (!content.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            content = Files.readString(file, StandardCharsets.ISO_8859_1);
        }
        assertEquals(expected, content);
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line, StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
