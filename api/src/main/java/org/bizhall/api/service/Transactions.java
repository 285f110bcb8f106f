package org.bizhall.api.service;

import java.util.function.Supplier;

import org.osgi.annotation.versioning.ProviderType;

/** Runs work in one database transaction, joining the current one if there is one. */
@ProviderType
public interface Transactions {
    <T> T required(Supplier<T> work);

    /**
     * Runs work in a transaction of its own, on a thread with no current transaction (as {@link #afterRollback} actions
     * run). Nesting is refused with an {@link IllegalStateException}: work committed inside a caller's transaction
     * would stay committed when the caller's rolls back.
     */
    <T> T requiresNew(Supplier<T> work);

    /**
     * Runs {@code action} once the transaction current on this thread has ended without committing, on another thread,
     * so that it may write in a transaction of its own without waiting for locks the ended one held; with no current
     * transaction, at once. An implementation without transaction synchronisation runs it at once.
     */
    default void afterRollback(Runnable action) {
        action.run();
    }
}
