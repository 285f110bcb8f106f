package org.bizhall.api.service;

import java.util.function.Supplier;

/** Runs work in one database transaction, joining the current one if there is one. */
public interface Transactions {
    <T> T required(Supplier<T> work);

    /** Runs work in a transaction of its own, suspending any current one. */
    <T> T requiresNew(Supplier<T> work);
}
