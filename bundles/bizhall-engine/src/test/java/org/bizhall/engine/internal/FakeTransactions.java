package org.bizhall.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.bizhall.api.service.Transactions;

/**
 * Transactions over in-memory fakes: the outermost transaction snapshots every participant and restores the snapshot
 * when the work throws, which is what a rollback looks like from outside.
 */
final class FakeTransactions implements Transactions {
    /** A fake store whose state a transaction can take back. */
    interface Participant {
        Object snapshot();

        void restore(Object snapshot);
    }

    private final List<Participant> participants = new ArrayList<>();
    private int depth;
    int rollbacks;

    void enlist(Participant... more) {
        participants.addAll(List.of(more));
    }

    @Override
    public <T> T required(Supplier<T> work) {
        return depth > 0 ? work.get() : requiresNew(work);
    }

    @Override
    public <T> T requiresNew(Supplier<T> work) {
        List<Object> snapshots = participants.stream().map(Participant::snapshot).toList();
        depth++;
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < participants.size(); i++) {
                participants.get(i).restore(snapshots.get(i));
            }
            rollbacks++;
            throw e;
        } finally {
            depth--;
        }
    }
}
