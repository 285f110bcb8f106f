package org.bizhall.persistence.internal;

import java.util.HashMap;
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

import org.apache.aries.jpa.template.EmFunction;
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
 * twenty store calls), and the Felix coordinator gives each a finalizable holder, which keeps the coordination and the
 * request's EntityManager alive past the next young collection (about 1,400 of them a collection under load;
 * docs/benchmarks.md, "The young pauses under the paced load"). The semantics are Aries JPA's for the two types the
 * stores use: work that throws rolls back the transaction this call began or marks the joined one rollback-only. One
 * difference, on purpose: a transaction this call began that is marked rollback-only when the work returns is rolled
 * back and the call fails, where Aries JPA rolled it back silently and returned as if it had committed. The timeout
 * is set on each transaction begun here.
 */
@Component(service = TransactionScopedTemplate.class, configurationPid = StoreUnit.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class TransactionScopedTemplate extends TypedJpaTemplate {
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
    /** The registry key of the transaction's memo ({@link #transactionMemo}). */
    private final Object memoKey = new Object();
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

    /**
     * {@code Required} joins the thread's transaction or begins one; {@code RequiresNew} suspends the thread's and
     * begins its own. The stores use no other type, so the others are refused rather than half supported.
     */
    @Override
    public <R> R txExpr(TransactionType type, EmFunction<R> code) {
        if (type != TransactionType.Required && type != TransactionType.RequiresNew) {
            throw new UnsupportedOperationException("the store's template runs Required and RequiresNew, not " + type);
        }
        Transaction suspended = null;
        boolean began = false;
        try {
            boolean inTransaction = transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
            if (type == TransactionType.RequiresNew && inTransaction) {
                suspended = transactions.suspend();
            }
            if (type == TransactionType.RequiresNew || !inTransaction) {
                transactions.setTransactionTimeout(timeoutSeconds);
                transactions.begin();
                began = true;
            }
        } catch (SystemException | NotSupportedException e) {
            resume(suspended);
            throw new IllegalStateException("the transaction manager refused: " + e, e);
        }
        try {
            return inTransaction(code, began);
        } finally {
            resume(suspended);
        }
    }

    @Override
    boolean transactionActive() {
        try {
            return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException("the transaction manager refused: " + e, e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    Map<Object, Object> transactionMemo() {
        if (!transactionActive()) {
            return null;
        }
        Map<Object, Object> memo = (Map<Object, Object>) registry.getResource(memoKey);
        if (memo == null) {
            memo = new HashMap<>();
            registry.putResource(memoKey, memo);
        }
        return memo;
    }

    private <R> R inTransaction(EmFunction<R> code, boolean began) {
        EntityManager em = (EntityManager) registry.getResource(key);
        // the call that begins the transaction closes its EntityManager once it has completed; one begun elsewhere
        // (joined here first) closes it at its completion
        boolean closeHere = false;
        if (em == null) {
            try {
                em = unit.createEntityManager();
                em.joinTransaction();
            } catch (RuntimeException e) {
                if (began) {
                    rollbackQuietly(e);
                }
                throw e;
            }
            registry.putResource(key, em);
            if (began) {
                closeHere = true;
            } else {
                registry.registerInterposedSynchronization(new CloseAfterCompletion(em));
            }
        }
        try {
            R result;
            try {
                result = code.apply(em);
            } catch (RuntimeException | Error failure) {
                if (began) {
                    rollbackQuietly(failure);
                } else {
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
