package org.bizhall.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.bizhall.api.service.Transactions;

/**
 * Transactions that run the work directly on the calling thread. Stores {@linkplain #enlist enlisted} as
 * {@link Participant}s are snapshot when the outermost transaction begins and restored when its work throws, which is
 * what a rollback looks like from outside; {@code requiresNew} work is rolled back on its own.
 */
public final class DirectTransactions implements Transactions {
    /** An in-memory store whose state a transaction can take back. */
    public interface Participant {
        Object snapshot();

        void restore(Object snapshot);
    }

    private final List<Participant> participants = new ArrayList<>();
    private int depth;
    private int begun;
    private int rollbacks;

    /** Makes the stores take part in rollbacks. */
    public DirectTransactions enlist(Participant... more) {
        participants.addAll(List.of(more));
        return this;
    }

    @Override
    public <T> T required(Supplier<T> work) {
        return depth > 0 ? work.get() : requiresNew(work);
    }

    @Override
    public <T> T requiresNew(Supplier<T> work) {
        List<Object> snapshots = participants.stream().map(Participant::snapshot).toList();
        begun++;
        depth++;
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < snapshots.size(); i++) {
                participants.get(i).restore(snapshots.get(i));
            }
            rollbacks++;
            throw e;
        } finally {
            depth--;
        }
    }

    /** Whether work of a transaction is running on this object now. */
    public boolean active() {
        return depth > 0;
    }

    /** Fails a write made outside a transaction, for stores that must only be written to inside one. */
    public void requireActive() {
        if (!active()) {
            throw new IllegalStateException("write outside a transaction");
        }
    }

    /** How many transactions began (joined ones not counted). */
    public int begun() {
        return begun;
    }

    /** How many transactions were rolled back. */
    public int rollbacks() {
        return rollbacks;
    }
}
