package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.transaction.Status;
import javax.transaction.Synchronization;
import javax.transaction.TransactionSynchronizationRegistry;

import org.bizhall.api.service.Receipt;
import org.junit.Test;

/** Receipt listeners hear only of committed receipts, and a failing listener does not stop the others. */
public class ReceiptNotifierTest {
    private static final Receipt RECEIPT = new Receipt("SN-XA-001-20261122-000001", "SN-XA-001", "op-sn", "o1",
            "13891800088", "CASH", List.of(), 100, 100, 0, OffsetDateTime.now(), LocalDate.now(), 0, false);

    /** A registry with one open transaction whose synchronizations run when the test ends it. */
    static final class OneTransaction implements TransactionSynchronizationRegistry {
        final List<Synchronization> registered = new CopyOnWriteArrayList<>();

        void end(int status) {
            registered.forEach(s -> s.afterCompletion(status));
        }

        @Override public Object getTransactionKey() { return "tx"; }
        @Override public void putResource(Object key, Object value) { }
        @Override public Object getResource(Object key) { return null; }
        @Override public void registerInterposedSynchronization(Synchronization sync) { registered.add(sync); }
        @Override public int getTransactionStatus() { return Status.STATUS_ACTIVE; }
        @Override public void setRollbackOnly() { }
        @Override public boolean getRollbackOnly() { return false; }
    }

    @Test
    public void listenersHearOfAReceiptOnlyAfterCommit() {
        ReceiptNotifier notifier = new ReceiptNotifier();
        OneTransaction tx = new OneTransaction();
        notifier.synchronizations(tx);
        List<String> heard = new CopyOnWriteArrayList<>();
        notifier.add(r -> heard.add(r.number()));
        notifier.issued(RECEIPT);
        assertTrue("not before the commit", heard.isEmpty());
        tx.end(Status.STATUS_COMMITTED);
        assertEquals(List.of(RECEIPT.number()), heard);
    }

    @Test
    public void aRolledBackReceiptNeverReachesListeners() {
        ReceiptNotifier notifier = new ReceiptNotifier();
        OneTransaction tx = new OneTransaction();
        notifier.synchronizations(tx);
        List<String> heard = new CopyOnWriteArrayList<>();
        notifier.add(r -> heard.add(r.number()));
        notifier.issued(RECEIPT);
        tx.end(Status.STATUS_ROLLEDBACK);
        assertTrue(heard.isEmpty());
    }

    @Test
    public void aFailingListenerDoesNotKeepTheReceiptFromTheOthers() {
        ReceiptNotifier notifier = new ReceiptNotifier();
        List<String> heard = new CopyOnWriteArrayList<>();
        notifier.add(r -> {
            throw new IllegalStateException("printer on fire");
        });
        notifier.add(r -> heard.add(r.number()));
        notifier.issued(RECEIPT);
        assertEquals(List.of(RECEIPT.number()), heard);
    }
}
