package org.bizhall.persistence.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.transaction.Status;
import javax.transaction.Synchronization;
import javax.transaction.TransactionSynchronizationRegistry;

import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands issued receipts to the {@link ReceiptListener}s once the transaction that wrote them has committed, on a
 * thread of its own: a listener (a printer, say) can neither delay nor fail the payment, and never hears of a receipt
 * that was rolled back. Without a transaction synchronization registry (plain unit tests) it hands them on at once.
 */
final class ReceiptNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptNotifier.class);

    private final List<ReceiptListener> listeners = new CopyOnWriteArrayList<>();
    private volatile TransactionSynchronizationRegistry synchronizations;
    private volatile ExecutorService executor;

    void start() {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bizhall-receipt-listeners");
            t.setDaemon(true);
            return t;
        });
    }

    void stop() {
        ExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
        }
    }

    void add(ReceiptListener listener) {
        listeners.add(listener);
    }

    void remove(ReceiptListener listener) {
        listeners.remove(listener);
    }

    void synchronizations(TransactionSynchronizationRegistry registry) {
        synchronizations = registry;
    }

    /** Called inside the transaction that recorded {@code receipt}. */
    void issued(Receipt receipt) {
        if (listeners.isEmpty()) {
            return;
        }
        TransactionSynchronizationRegistry registry = synchronizations;
        if (registry == null || registry.getTransactionKey() == null) {
            dispatch(receipt);
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatch(receipt);
                }
            }
        });
    }

    private void dispatch(Receipt receipt) {
        Runnable tell = () -> {
            for (ReceiptListener listener : listeners) {
                try {
                    listener.receiptIssued(receipt);
                } catch (RuntimeException e) {
                    LOG.warn("A receipt listener failed on receipt {}: {}", receipt.number(), e.toString());
                }
            }
        };
        ExecutorService running = executor;
        if (running == null) {
            tell.run();
        } else {
            try {
                running.execute(tell);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                LOG.debug("Receipt {} not handed to listeners: the store is stopping", receipt.number());
            }
        }
    }
}
