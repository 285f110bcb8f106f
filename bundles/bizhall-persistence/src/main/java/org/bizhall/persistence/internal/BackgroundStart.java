package org.bizhall.persistence.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;

/**
 * The long part of a component's activation (the schema migration, the Hibernate bootstrap) run on a thread of its own.
 * SCR activates an immediate component on the thread that registered its last reference, at a boot the features
 * service's only thread: work done there holds up every bundle it still has to start. Run here, it overlaps with them
 * (the node has two CPUs), and what depends on its result waits for the service it registers at the end, as before.
 */
final class BackgroundStart<T> {
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private BackgroundStart() {
    }

    /** Starts {@code work} on a new daemon thread named {@code name}; a failure is logged as {@code failure}. */
    static <T> BackgroundStart<T> run(String name, Logger log, String failure, Callable<T> work) {
        BackgroundStart<T> start = new BackgroundStart<>();
        Thread thread = new Thread(() -> {
            try {
                start.result.complete(work.call());
            } catch (Throwable e) {
                log.error(failure, e);
                start.result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return start;
    }

    /** Waits for the work to end; its result, or {@code null} when it failed (logged already). */
    T await() {
        try {
            return result.join();
        } catch (CompletionException e) {
            return null;
        }
    }
}
