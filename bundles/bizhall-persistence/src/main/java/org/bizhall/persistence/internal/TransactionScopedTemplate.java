package org.bizhall.persistence.internal;

import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.transaction.HeuristicMixedException;
import javax.transaction.HeuristicRollbackException;
import javax.transaction.InvalidTransactionException;
import javax.transaction.NotSupportedException;
import javax.transaction.RollbackException;
import javax.transaction.Status;
import javax.transaction.Synchronization;
import javax.transaction.SystemException;
import javax.transaction.Transaction;
import javax.transaction.TransactionManager;
import javax.transaction.TransactionSynchronizationRegistry;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The stores' template on the {@code bizhall} unit: JTA transactions of the platform's transaction manager, and one
 * {@link EntityManager} per transaction, kept in the transaction's {@link TransactionSynchronizationRegistry}
 * resources, which every store call of that transaction shares.
 * <p>
 * Why not Aries JPA's own {@code JpaTemplate}: it begins an OSGi Coordination on every call (a payment makes some
 * twenty store calls), and the Felix coordinator gives each a finalizable holder that keeps the coordination, and
 * with it the request's whole persistence context, alive past the next young collection: the survivors copied at
 * every collection under load were mostly those (docs/benchmarks.md, "Coordinations"). The semantics are Aries JPA's:
 * {@code Required} joins the thread's transaction or begins one, {@code RequiresNew} suspends it, work that throws
 * rolls back the transaction this call began or marks the joined one rollback-only. One difference, on purpose: a
 * transaction this call began that is marked rollback-only when the work returns is rolled back and the call fails,
 * where Aries JPA rolled it back silently and returned as if it had committed.
 */
@Component(service = TransactionScopedTemplate.class, configurationPid = StoreUnit.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class TransactionScopedTemplate implements JpaTemplate {
    /** Key of {@code org.bizhall.store}: seconds a transaction begun here may run before it is rolled back. */
    static final String TIMEOUT_KEY = "transaction.timeout.seconds";
    /** Every engine step is one transaction; a step that hangs this long is rolled back. */
    static final int DEFAULT_TIMEOUT_SECONDS = 120;

    @Reference(target = "(osgi.unit.name=" + StoreUnit.UNIT + ")")
    EntityManagerFactory unit;
    @Reference
    TransactionManager transactions;
    @Reference
    TransactionSynchronizationRegistry registry;

    /** The registry key of this unit's EntityManager in a transaction. */
    private final Object key = new Object();
    private volatile int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

    /**
     * The timeout is set on each transaction as it begins (JTA's thread-scoped {@code setTransactionTimeout}), not in
     * the transaction manager's configuration: a change of that configuration restarts pax-transx's manager, and
     * installed into a running Karaf it did so under the store's datasource, which then never came back.
     */
    @Activate
    @Modified
    void configure(Map<String, Object> config) {
        Object value = config.get(TIMEOUT_KEY);
        int seconds = value == null ? DEFAULT_TIMEOUT_SECONDS : Integer.parseInt(value.toString().trim());
        if (seconds <= 0) {
            throw new IllegalArgumentException(TIMEOUT_KEY + " must be a positive number of seconds, not " + value);
        }
        timeoutSeconds = seconds;
    }

    @Override
    public <R> R txExpr(TransactionType type, EmFunction<R> code) {
        Transaction suspended = null;
        boolean began = false;
        try {
            boolean inTransaction = transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
            switch (type) {
                case Required -> began = !inTransaction;
                case RequiresNew -> {
                    suspended = inTransaction ? transactions.suspend() : null;
                    began = true;
                }
                case Mandatory -> {
                    if (!inTransaction) {
                        throw new IllegalStateException("a transaction is required and none is active");
                    }
                }
                case NotSupported -> suspended = inTransaction ? transactions.suspend() : null;
                case Never -> {
                    if (inTransaction) {
                        throw new IllegalStateException("no transaction may be active and one is");
                    }
                }
                case Supports -> {
                    // runs in the thread's transaction if there is one, else without
                }
            }
            if (began) {
                transactions.setTransactionTimeout(timeoutSeconds);
                transactions.begin();
            }
        } catch (SystemException | NotSupportedException e) {
            resume(suspended);
            throw new IllegalStateException("the transaction manager refused: " + e, e);
        }
        try {
            return inUnit(code, began);
        } finally {
            resume(suspended);
        }
    }

    private <R> R inUnit(EmFunction<R> code, boolean began) {
        EntityManager em;
        // who closes the EntityManager: this call (none was there: it began the transaction, or there is none), or
        // the completion of a transaction begun elsewhere (joined here first)
        boolean closeHere = false;
        try {
            if (transactions.getStatus() == Status.STATUS_NO_TRANSACTION) {
                em = unit.createEntityManager(); // Supports or NotSupported without a transaction: this call's own
                closeHere = true;
            } else {
                em = (EntityManager) registry.getResource(key);
                if (em == null) {
                    em = unit.createEntityManager();
                    em.joinTransaction();
                    registry.putResource(key, em);
                    if (began) {
                        closeHere = true;
                    } else {
                        registry.registerInterposedSynchronization(new CloseAfterCompletion(em));
                    }
                }
            }
        } catch (SystemException | RuntimeException e) {
            if (began) {
                rollbackQuietly(e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e);
        }
        try {
            R result;
            try {
                result = code.apply(em);
            } catch (RuntimeException | Error failure) {
                if (began) {
                    rollbackQuietly(failure);
                } else if (transactionActive()) {
                    markRollbackOnly(failure);
                }
                throw failure;
            }
            if (began) {
                complete();
            }
            return result;
        } finally {
            if (closeHere) {
                em.close(); // after the commit or rollback, as Aries JPA closes it when its coordination ends
            }
        }
    }

    private boolean transactionActive() {
        try {
            return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            return false;
        }
    }

    /** Commits the transaction this call began, or rolls it back and fails if something marked it rollback-only. */
    private void complete() {
        try {
            if (transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                transactions.rollback();
                throw new IllegalStateException("the transaction was rolled back: it had been marked rollback-only");
            }
            transactions.commit();
        } catch (RollbackException | HeuristicMixedException | HeuristicRollbackException | SystemException e) {
            // Tx.unwrap finds a refusal or a lock conflict in the cause chain
            throw new IllegalStateException("the transaction did not commit: " + e, e);
        }
    }

    private void rollbackQuietly(Throwable failure) {
        try {
            transactions.rollback();
        } catch (SystemException | IllegalStateException | SecurityException e) {
            failure.addSuppressed(e);
        }
    }

    private void markRollbackOnly(Throwable failure) {
        try {
            transactions.setRollbackOnly();
        } catch (SystemException | IllegalStateException e) {
            failure.addSuppressed(e);
        }
    }

    private void resume(Transaction suspended) {
        if (suspended == null) {
            return;
        }
        try {
            transactions.resume(suspended);
        } catch (InvalidTransactionException | SystemException e) {
            throw new IllegalStateException("the suspended transaction could not be resumed: " + e, e);
        }
    }

    @Override
    public <R> R txExpr(EmFunction<R> code) {
        return txExpr(TransactionType.Required, code);
    }

    @Override
    public void tx(TransactionType type, EmConsumer code) {
        txExpr(type, em -> {
            code.accept(em);
            return null;
        });
    }

    @Override
    public void tx(EmConsumer code) {
        tx(TransactionType.Required, code);
    }

    /** Closes a transaction's EntityManager once the transaction has completed, committed or not. */
    private record CloseAfterCompletion(EntityManager em) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (em.isOpen()) {
                em.close();
            }
        }
    }
}
