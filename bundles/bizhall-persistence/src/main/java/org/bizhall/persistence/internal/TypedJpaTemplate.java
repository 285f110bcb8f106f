package org.bizhall.persistence.internal;

import java.util.Map;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * A {@link JpaTemplate} whose three shorthand calls all come down to {@link #txExpr(TransactionType, EmFunction)}:
 * without a type they are {@code Required}, and a consumer is a function returning nothing. The store's template and
 * the tests' RESOURCE_LOCAL one differ only in that one method.
 */
abstract class TypedJpaTemplate implements JpaTemplate {
    /**
     * Whether the calling thread is inside a transaction of this template now: a store that reads outside any
     * transaction (on a connection of its own) must not do so inside one, where it would not see that transaction's
     * own writes and could wait on its locks.
     */
    abstract boolean transactionActive();

    /**
     * A map that lives as long as the calling thread's transaction of this template, for a read that several steps of
     * one transaction make of a row nothing in it changes by a statement; null outside a transaction.
     */
    abstract Map<Object, Object> transactionMemo();

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
}
