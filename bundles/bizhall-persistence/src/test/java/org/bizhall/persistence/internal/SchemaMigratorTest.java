package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.geronimo.transaction.manager.TransactionManagerImpl;

import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The schema migration runs on a thread of its own: activation returns at once (the features service goes on starting
 * bundles), {@link SchemaReady} is registered only when every script is applied, and a deactivation waits for a
 * migration under way and leaves nothing registered.
 */
public class SchemaMigratorTest {
    /** A registration of the fake bundle context: which service, from which thread, and whether it is still live. */
    private static final class Registered {
        final Object service;
        final Thread thread = Thread.currentThread();
        volatile boolean live = true;

        Registered(Object service) {
            this.service = service;
        }
    }

    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private final CountDownLatch databaseOpen = new CountDownLatch(1);

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Registered r = new Registered(args[1]);
                    registered.add(r);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                            (p, m, a) -> {
                                if (m.getName().equals("unregister")) {
                                    r.live = false;
                                    return null;
                                }
                                throw new UnsupportedOperationException(m.getName());
                            });
                });
    }

    private final TransactionManagerImpl transactions = newTransactionManager();

    private static TransactionManagerImpl newTransactionManager() {
        try {
            return new TransactionManagerImpl();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The test database, whose connections are handed out only once the test opens it; {@code enlisting}: a connection
     * taken inside a transaction is part of it (autocommit off), as the distribution's XA pool hands them out.
     */
    private DataSource gatedDataSource(boolean enlisting) {
        DataSource real = TestDatabase.freshDataSource();
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        assertTrue("the test opened the database", databaseOpen.await(60, TimeUnit.SECONDS));
                    }
                    try {
                        Object result = method.invoke(real, args);
                        if (enlisting && result instanceof Connection c && transactions.getTransaction() != null) {
                            c.setAutoCommit(false);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Registered awaitRegistration() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (registered.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse("SchemaReady registered", registered.isEmpty());
        return registered.get(0);
    }

    @Test
    public void activationReturnsAtOnceAndTheSchemaIsRegisteredFromItsOwnThreadOnceMigrated() throws Exception {
        SchemaMigrator migrator = new SchemaMigrator();
        migrator.dataSource = gatedDataSource(true);
        migrator.transactions = transactions;

        migrator.activate(context()); // returns while the database is still closed to it
        Thread.sleep(200);
        assertTrue("nothing registered before the migration ran", registered.isEmpty());

        databaseOpen.countDown();
        Registered ready = awaitRegistration();

        assertEquals(1, registered.size());
        assertEquals("bizhall-schema-migration", ready.thread.getName());
        assertNotSame(Thread.currentThread(), ready.thread);
        int last = Integer.parseInt(Migrations.SCRIPTS.get(Migrations.SCRIPTS.size() - 1).replaceAll("^V(\\d+)__.*", "$1"));
        assertEquals(last, ((SchemaReady) ready.service).version());

        migrator.deactivate();
        assertFalse("withdrawn at deactivation", ready.live);
    }

    @Test
    public void aDeactivationDuringTheMigrationWaitsForItAndLeavesNothingRegistered() throws Exception {
        SchemaMigrator migrator = new SchemaMigrator();
        migrator.dataSource = gatedDataSource(true);
        migrator.transactions = transactions;
        migrator.activate(context());

        Thread stopping = new Thread(migrator::deactivate, "deactivation");
        stopping.start();
        stopping.join(300);
        assertTrue("the deactivation waits for the migration under way", stopping.isAlive());

        databaseOpen.countDown();
        stopping.join(60_000);
        assertFalse(stopping.isAlive());
        for (Registered r : registered) {
            assertFalse("no schema left registered after the deactivation", r.live);
        }
    }

    /**
     * A datasource whose connections commit each statement even inside a transaction ({@code xa = false} in the
     * distribution's datasource configuration) would let a payment that fails half way keep what it wrote: the stores
     * do not start on it.
     */
    @Test
    public void aDatasourceOutsideTheTransactionsLeavesTheStoresUnregistered() throws Exception {
        SchemaMigrator migrator = new SchemaMigrator();
        migrator.dataSource = gatedDataSource(false);
        migrator.transactions = transactions;
        databaseOpen.countDown();
        migrator.activate(context());
        migrator.deactivate(); // waits for the start under way to end
        assertTrue("no SchemaReady on a datasource outside the transactions", registered.isEmpty());

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TransactionalStore.require(transactions, migrator.dataSource));
        assertTrue(refused.getMessage(), refused.getMessage().contains("xa = true"));
        assertNull("the check leaves no transaction behind", transactions.getTransaction());
        TransactionalStore.require(transactions, gatedDataSource(true));
    }
}
