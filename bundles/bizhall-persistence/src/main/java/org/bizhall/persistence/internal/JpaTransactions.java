package org.bizhall.persistence.internal;

import java.util.function.Supplier;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.bizhall.api.service.Transactions;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Transactions of the {@code bizhall} unit. Work that throws is rolled back (the whole transaction when it joined one)
 * and its {@link org.bizhall.api.common.ProblemException} reaches the caller as itself, however the template or the
 * transaction manager wrapped it.
 */
@Component(service = Transactions.class)
public class JpaTransactions implements Transactions {
    @Reference(target = "(osgi.unit.name=bizhall)")
    JpaTemplate jpa;
    @Reference
    SchemaReady schema;

    @Override
    public <T> T required(Supplier<T> work) {
        return Tx.call(jpa, TransactionType.Required, em -> work.get());
    }

    @Override
    public <T> T requiresNew(Supplier<T> work) {
        return Tx.call(jpa, TransactionType.RequiresNew, em -> work.get());
    }
}
