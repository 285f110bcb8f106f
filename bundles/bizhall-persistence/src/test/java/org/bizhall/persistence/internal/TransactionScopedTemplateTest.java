package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.transaction.Status;
import javax.transaction.Synchronization;
import javax.transaction.Transaction;

import org.apache.aries.jpa.template.TransactionType;
import org.apache.geronimo.transaction.manager.TransactionManagerImpl;
import org.junit.Before;
import org.junit.Test;

/**
 * The stores' template on Geronimo's transaction manager (the one Karaf's transaction feature runs): one
 * EntityManager per JTA transaction, Required and RequiresNew, rollback of failed work, the timeout. The
 * EntityManagerFactory is a recorder of what the template asks of it; the stores' SQL under the real unit is what the
 * Pax Exam suite drives.
 */
public class TransactionScopedTemplateTest {
    private TransactionManagerImpl transactions;
    private TransactionScopedTemplate template;
    private final List<Recorded> created = new ArrayList<>();

    /** An EntityManager the template was given: whether it was joined to a transaction, and closed. */
    private static final class Recorded {
        boolean joined;
        boolean closed;
    }

    @Before
    public void setUp() throws Exception {
        transactions = new TransactionManagerImpl();
        template = new TransactionScopedTemplate();
        template.transactions = transactions;
        template.registry = transactions;
        template.unit = (EntityManagerFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManagerFactory.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("createEntityManager")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Recorded recorded = new Recorded();
                    created.add(recorded);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EntityManager.class},
                            (em, call, callArgs) -> switch (call.getName()) {
                                case "joinTransaction" -> {
                                    recorded.joined = true;
                                    yield null;
                                }
                                case "close" -> {
                                    recorded.closed = true;
                                    yield null;
                                }
                                case "isOpen" -> !recorded.closed;
                                case "hashCode" -> System.identityHashCode(em);
                                case "equals" -> em == callArgs[0];
                                default -> throw new UnsupportedOperationException(call.getName());
                            });
                });
        template.configure(Map.of());
    }

    @Test
    public void theStoreCallsOfOneTransactionShareOneEntityManagerClosedWhenItCommits() {
        List<Integer> statuses = new ArrayList<>();
        EntityManager[] seen = new EntityManager[2];
        template.txExpr(TransactionType.Required, outer -> {
            seen[0] = outer;
            afterCompletion(statuses);
            return template.txExpr(TransactionType.Required, inner -> seen[1] = inner);
        });
        assertSame("the nested call joined the transaction and its EntityManager", seen[0], seen[1]);
        assertEquals(1, created.size());
        assertTrue(created.get(0).joined);
        assertTrue(created.get(0).closed);
        assertEquals(List.of(Status.STATUS_COMMITTED), statuses);
        assertNull("nothing left on the thread", currentTransaction());
    }

    @Test
    public void requiresNewSuspendsTheCallersTransactionAndWorksOnAnEntityManagerOfItsOwn() {
        EntityManager[] seen = new EntityManager[2];
        Transaction[] around = new Transaction[3];
        template.txExpr(TransactionType.Required, outer -> {
            seen[0] = outer;
            around[0] = currentTransaction();
            template.txExpr(TransactionType.RequiresNew, inner -> {
                seen[1] = inner;
                around[1] = currentTransaction();
                return null;
            });
            around[2] = currentTransaction();
            return null;
        });
        assertNotSame(seen[0], seen[1]);
        assertNotSame(around[0], around[1]);
        assertSame("the caller's transaction is resumed", around[0], around[2]);
        assertTrue(created.get(0).closed && created.get(1).closed);
    }

    @Test
    public void workThatThrowsRollsBackTheTransactionTheCallBegan() {
        List<Integer> statuses = new ArrayList<>();
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> template.txExpr(TransactionType.Required, em -> {
                    afterCompletion(statuses);
                    throw new IllegalArgumentException("refused");
                }));
        assertEquals("refused", thrown.getMessage());
        assertEquals(List.of(Status.STATUS_ROLLEDBACK), statuses);
        assertTrue(created.get(0).closed);
        assertNull(currentTransaction());
    }

    @Test
    public void workThatThrowsInAJoinedTransactionDoomsItAndTheCallThatBeganItFails() {
        List<Integer> statuses = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> template.txExpr(TransactionType.Required, em -> {
                    afterCompletion(statuses);
                    try {
                        template.txExpr(TransactionType.Required, inner -> {
                            throw new IllegalArgumentException("refused");
                        });
                    } catch (IllegalArgumentException swallowed) {
                        // a caller that carries on after a store refused: nothing of this transaction may commit
                    }
                    return "as if nothing happened";
                }));
        assertTrue(thrown.getMessage(), thrown.getMessage().contains("rollback-only"));
        assertEquals(List.of(Status.STATUS_ROLLEDBACK), statuses);
    }

    @Test
    public void aTransactionThatOutlivesTheConfiguredTimeoutIsRolledBack() {
        template.configure(Map.of(TransactionScopedTemplate.TIMEOUT_KEY, "1"));
        List<Integer> statuses = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> template.txExpr(TransactionType.Required, em -> {
            afterCompletion(statuses);
            sleep(2_600); // Geronimo reads a clock it updates once a second
            return null;
        }));
        assertEquals(List.of(Status.STATUS_ROLLEDBACK), statuses);
        // the next transaction on this thread has the timeout again, and commits in time
        template.txExpr(TransactionType.Required, em -> {
            afterCompletion(statuses);
            return null;
        });
        assertEquals(List.of(Status.STATUS_ROLLEDBACK, Status.STATUS_COMMITTED), statuses);
        assertThrows(IllegalArgumentException.class,
                () -> template.configure(Map.of(TransactionScopedTemplate.TIMEOUT_KEY, "0")));
    }

    @Test
    public void aTransactionBegunElsewhereIsJoinedAndItsEntityManagerClosedWhenItCompletes() throws Exception {
        transactions.begin();
        template.txExpr(TransactionType.Required, em -> null);
        assertEquals(1, created.size());
        assertTrue("joined", created.get(0).joined);
        assertFalse("open while its transaction runs", created.get(0).closed);
        transactions.commit();
        assertTrue(created.get(0).closed);
    }

    @Test
    public void theTypesTheStoresDoNotUseAreRefusedBeforeAnythingBegins() {
        for (TransactionType type : List.of(TransactionType.Supports, TransactionType.Mandatory,
                TransactionType.NotSupported, TransactionType.Never)) {
            assertThrows(UnsupportedOperationException.class, () -> template.txExpr(type, em -> null));
        }
        assertTrue(created.isEmpty());
        assertNull(currentTransaction());
    }

    private void afterCompletion(List<Integer> statuses) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                statuses.add(status);
            }
        });
    }

    private Transaction currentTransaction() {
        return transactions.getTransaction();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
