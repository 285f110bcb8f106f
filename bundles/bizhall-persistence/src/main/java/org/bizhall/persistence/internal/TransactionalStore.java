package org.bizhall.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;
import javax.transaction.HeuristicMixedException;
import javax.transaction.HeuristicRollbackException;
import javax.transaction.NotSupportedException;
import javax.transaction.RollbackException;
import javax.transaction.SystemException;
import javax.transaction.TransactionManager;

/**
 * Whether the store's datasource takes part in the platform's transactions. A pooled datasource configured with
 * {@code xa = false} hands out connections in autocommit inside a JTA transaction: every statement of a payment would
 * commit on its own, and a payment that failed half way would leave its receipt, its claimed idempotency key or its
 * ledger entry behind. Found by starting the distribution so: payments answered 500 once a retried request found the
 * half-written claim of its first try. The stores do not start on such a datasource.
 */
final class TransactionalStore {
    private TransactionalStore() {
    }

    /** Refuses a datasource whose connections, taken inside a transaction, are not part of it. */
    static void require(TransactionManager transactions, DataSource dataSource) throws SQLException {
        boolean autoCommit;
        try {
            transactions.begin();
        } catch (NotSupportedException | SystemException e) {
            throw new IllegalStateException("the transaction manager cannot begin a transaction: " + e, e);
        }
        try (Connection c = dataSource.getConnection()) {
            autoCommit = c.getAutoCommit();
        } finally {
            // committed, not rolled back: nothing was written, and a rollback of the XA branch this connection
            // started has the transaction manager log a warning (Derby answers its end with XA_RBROLLBACK)
            try {
                transactions.commit();
            } catch (RollbackException | HeuristicMixedException | HeuristicRollbackException | SystemException e) {
                throw new IllegalStateException("the transaction manager cannot end a transaction: " + e, e);
            }
        }
        if (autoCommit) {
            throw new IllegalStateException("the datasource osgi.jndi.service.name=bizhall does not take part in"
                    + " transactions (its connections commit every statement on their own): set xa = true (and"
                    + " pool = transx) in etc/org.ops4j.datasource-bizhall.cfg");
        }
    }
}
