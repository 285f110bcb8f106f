package org.bizhall.persistence.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import javax.transaction.Status;
import javax.transaction.Synchronization;
import javax.transaction.TransactionSynchronizationRegistry;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.bizhall.api.service.Transactions;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions of the {@code bizhall} unit. Work that throws is rolled back (the whole transaction when it joined one)
 * and its {@link org.bizhall.api.common.ProblemException} reaches the caller as itself, however the template or the
 * transaction manager wrapped it.
 */
@Component(service = Transactions.class)
public class JpaTransactions implements Transactions {
    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    SchemaReady schema;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile TransactionSynchronizationRegistry synchronizations;

    private static final Logger LOG = LoggerFactory.getLogger(JpaTransactions.class);
    private final ExecutorService afterRollback = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "bizhall-after-rollback");
        thread.setDaemon(true);
        return thread;
    });

    @Deactivate
    void deactivate() {
        afterRollback.shutdown();
    }

    @Override
    public <T> T required(Supplier<T> work) {
        return Tx.call(jpa, TransactionType.Required, em -> work.get());
    }

    @Override
    public <T> T requiresNew(Supplier<T> work) {
        TransactionSynchronizationRegistry registry = synchronizations;
        if (registry != null && registry.getTransactionKey() != null) {
            // refused as the API states: work nested in a caller's transaction would commit before the caller knows
            // whether its own transaction commits
            throw new IllegalStateException("requiresNew needs a thread without a current transaction");
        }
        return Tx.call(jpa, TransactionType.RequiresNew, em -> work.get());
    }

    @Override
    public void afterRollback(Runnable action) {
        TransactionSynchronizationRegistry registry = synchronizations;
        if (registry == null || registry.getTransactionKey() == null) {
            action.run();
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    return;
                }
                try {
                    afterRollback.execute(() -> {
                        try {
                            action.run();
                        } catch (RuntimeException e) {
                            LOG.error("An action after a rollback failed: {}", e.toString());
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    LOG.warn("An action after a rollback was dropped: the store is stopping");
                }
            }
        });
    }
}
