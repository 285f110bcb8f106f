package org.bizhall.realm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The realm's users file ({@code etc/users.properties}: {@code user = password,role,...}) and the replacement of the
 * plain passwords in it by their hashes.
 * <p>
 * The file is written in place, not atomically, by Karaf's backing engine ({@code jaas:update}), by the features
 * service and by editors: a reader can meet it empty or cut in the middle of a line. Karaf's own automatic encryption
 * reads it once on every change and writes back what it read; a cut last line looks like a plain password, so it
 * wrote back the cut file, losing the users after the cut or a role just added (seen in the suite: a manager added
 * with {@code jaas:user-add}/{@code jaas:role-add} lost its role 0.1 s later). Here a file is only rewritten from a
 * content that stayed the same over a settling time, the new content replaces it by an atomic rename, and not at all
 * when the file changed while the passwords were being hashed.
 */
final class UsersFile {
    /** What one {@link #hashPlainPasswords} pass did. */
    enum Outcome {
        /** No plain password in the file (or no file). */
        NOTHING_PLAIN,
        /** The plain passwords were replaced by their hashes. */
        HASHED,
        /** The file changed while it was read or hashed: nothing written, try again. */
        CHANGED_MEANWHILE
    }

    private UsersFile() {
    }

    /**
     * Replaces, by an atomic rename, the file with one whose plain passwords {@code encrypt} has hashed, unless the
     * file changed meanwhile.
     *
     * @param encrypt a password's stored form: the hash of a plain one, a hashed one itself
     * @param settle how long the file must stay the same before it is trusted to be whole
     */
    static Outcome hashPlainPasswords(Path file, UnaryOperator<String> encrypt, Duration settle)
            throws IOException, InterruptedException {
        byte[] read = readOrNull(file);
        Thread.sleep(settle.toMillis());
        byte[] settled = readOrNull(file);
        if (settled == null) {
            return read == null ? Outcome.NOTHING_PLAIN : Outcome.CHANGED_MEANWHILE;
        }
        if (!Arrays.equals(read, settled)) {
            return Outcome.CHANGED_MEANWHILE;
        }
        // ISO-8859-1 maps every byte to one char and back: whatever is not a password stays byte for byte
        String content = new String(settled, StandardCharsets.ISO_8859_1);
        String hashed = withPlainPasswordsHashed(content, encrypt);
        if (hashed.equals(content)) {
            return Outcome.NOTHING_PLAIN;
        }
        Path next = file.resolveSibling("." + file.getFileName() + ".hashing");
        Files.deleteIfExists(next); // left by a stop in the middle of a pass
        createWithPermissionsOf(file, next);
        try {
            Files.write(next, hashed.getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            // a hash takes a tenth of a second: a change made meanwhile (a user added) must not be overwritten
            if (!Arrays.equals(settled, readOrNull(file))) {
                return Outcome.CHANGED_MEANWHILE;
            }
            try {
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return Outcome.HASHED;
        } finally {
            Files.deleteIfExists(next);
        }
    }

    /**
     * The content with the password of every simple user line ({@code user = password[,role...]}) that
     * {@code encrypt} changes replaced by what it gives. Comments, group lines ({@code _g_\:name = group,...}), lines
     * continued with a backslash or holding escapes, and every separator and line end are kept as they are.
     */
    static String withPlainPasswordsHashed(String content, UnaryOperator<String> encrypt) {
        StringBuilder out = new StringBuilder(content.length() + 128);
        boolean continued = false;
        int start = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            int next = end < 0 ? content.length() : end + 1;
            int lineEnd = end < 0 ? content.length() : (end > start && content.charAt(end - 1) == '\r' ? end - 1 : end);
            String line = content.substring(start, lineEnd);
            boolean continues = endsWithContinuation(line);
            out.append(continued ? line : hashedLine(line, continues, encrypt));
            out.append(content, lineEnd, next);
            continued = continues;
            start = next;
        }
        return out.toString();
    }

    private static String hashedLine(String line, boolean continues, UnaryOperator<String> encrypt) {
        String trimmed = line.stripLeading();
        if (continues || trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")
                || line.indexOf('\\') >= 0) {
            return line;
        }
        int separator = indexOfAny(line, "=:");
        if (separator < 0) {
            return line;
        }
        String user = line.substring(0, separator).strip();
        if (user.isEmpty() || user.equals("_g_")) { // "_g_:name" unescaped: a group
            return line;
        }
        int from = separator + 1;
        while (from < line.length() && Character.isWhitespace(line.charAt(from))) {
            from++;
        }
        int comma = line.indexOf(',', from);
        int to = comma < 0 ? line.length() : comma;
        String password = line.substring(from, to);
        if (password.isEmpty()) {
            return line;
        }
        String stored = encrypt.apply(password);
        return stored.equals(password) ? line : line.substring(0, from) + stored + line.substring(to);
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static int indexOfAny(String line, String chars) {
        for (int i = 0; i < line.length(); i++) {
            if (chars.indexOf(line.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] readOrNull(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The users file holds password hashes: the new one is made with the old one's permissions (owner-only ones kept
     * so from its first byte), where the file system has them.
     */
    private static void createWithPermissionsOf(Path model, Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(model, PosixFileAttributeView.class);
        if (view == null) {
            Files.createFile(file);
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(permissions));
        // the process's umask may have taken some away at the creation
        Files.setPosixFilePermissions(file, permissions);
    }
}
