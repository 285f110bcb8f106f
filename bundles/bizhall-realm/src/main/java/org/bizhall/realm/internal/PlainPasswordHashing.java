package org.bizhall.realm.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hashes the plain passwords of the users file at start and whenever the file changes (an operator wrote a user's
 * line by hand, a stock Karaf's {@code karaf = karaf}), on a thread of its own: a hash costs a tenth of a second.
 */
final class PlainPasswordHashing implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlainPasswordHashing.class);
    /** Tries of one pass while others keep changing the file; the next change starts a new pass. */
    private static final int ATTEMPTS = 50;

    private final Path file;
    private final UnaryOperator<String> encrypt;
    private final Duration settle;
    private final Thread thread;
    private volatile boolean closed;

    PlainPasswordHashing(Path file, UnaryOperator<String> encrypt, Duration settle) {
        this.file = file.toAbsolutePath();
        this.encrypt = encrypt;
        this.settle = settle;
        this.thread = new Thread(this, "bizhall-users-hashing");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try (WatchService watch = file.getFileSystem().newWatchService()) {
            // the directory, not the file: a file replaced by a rename is a new file (ENTRY_CREATE)
            file.getParent().register(watch, ENTRY_CREATE, ENTRY_MODIFY);
            hashUntilSettled();
            while (!closed) {
                WatchKey key = watch.take();
                boolean changed = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    changed |= event.kind() == OVERFLOW || file.getFileName().equals(event.context());
                }
                if (!key.reset()) {
                    LOG.warn("The directory of {} is gone: plain passwords written into it are no longer hashed", file);
                    return;
                }
                if (changed) {
                    hashUntilSettled();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("Cannot watch {}: plain passwords written into it are not hashed", file, e);
            }
        }
    }

    /** One pass, tried again while the file keeps changing under it; a failed pass leaves the watch on. */
    private void hashUntilSettled() throws InterruptedException {
        for (int attempt = 1; attempt <= ATTEMPTS && !closed; attempt++) {
            UsersFile.Outcome outcome;
            try {
                outcome = UsersFile.hashPlainPasswords(file, encrypt, settle);
            } catch (IllegalStateException e) {
                // Karaf's encryption service is missing (its feature uninstalled): logins with a plain password fail
                LOG.warn("Plain passwords in {} are not hashed: {}", file, e.getMessage());
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Plain passwords in {} are not hashed now (tried again at its next change): {}", file,
                            e.toString());
                }
                return;
            }
            if (outcome == UsersFile.Outcome.HASHED) {
                LOG.info("Replaced the plain passwords in {} by their hashes", file);
                return;
            }
            if (outcome == UsersFile.Outcome.NOTHING_PLAIN) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
