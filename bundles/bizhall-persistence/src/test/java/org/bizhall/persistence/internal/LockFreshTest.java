package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.persistence.EntityManager;

import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountType;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@link Tx#lockFresh}: the state it returns is the one committed when the lock was granted, and it spends statements
 * only where an earlier copy of the row could be stale (a payment locks its order, and posts to the account it just
 * opened, so the cheap cases are the payment's).
 */
public class LockFreshTest {
    private static TestDatabase db;
    private static Statistics statistics;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
        statistics = db.emf.unwrap(SessionFactory.class).getStatistics();
        statistics.setStatisticsEnabled(true);
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    private static long statements(EntityManager em, Runnable work) {
        long before = statistics.getPrepareStatementCount();
        work.run();
        return statistics.getPrepareStatementCount() - before;
    }

    @Test
    public void aCopyReadBeforeTheLockIsReadAgainUnderIt() throws Exception {
        Account account = db.accounts.open(AccountType.CASH_PREPAID, "SN", "张三", null);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            long seen = db.jpa.txExpr(em -> {
                AccountEntity early = em.find(AccountEntity.class, account.id()); // no lock: may go stale
                assertEquals(0, early.balanceFen);
                try {
                    other.submit(() -> db.accounts.post(account.id(), "DEPOSIT", 700, null, "meanwhile")).get(30,
                            TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                AccountEntity locked = Tx.lockFresh(em, AccountEntity.class, account.id());
                assertSame(early, locked);
                return locked.balanceFen;
            });
            assertEquals("the balance another transaction committed before the lock", 700, seen);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    public void aRowNotReadYetIsReadByTheLockingStatementAlone() throws Exception {
        Account account = db.accounts.open(AccountType.CASH_PREPAID, "SN", "李四", null);
        db.accounts.post(account.id(), "DEPOSIT", 300, null, "before");
        ExecutorService other = Executors.newSingleThreadExecutor();
        CountDownLatch locked = new CountDownLatch(1);
        try {
            Future<Long> waiting = db.jpa.txExpr(em -> {
                long[] balance = new long[1];
                long spent = statements(em, () -> balance[0] = Tx.lockFresh(em, AccountEntity.class, account.id())
                        .balanceFen);
                assertEquals("one locking read, no flush and refresh", 1, spent);
                assertEquals(300, balance[0]);
                locked.countDown();
                // another post must wait for this transaction: the row is locked, not just read
                Future<Long> post = other.submit(() -> db.accounts.post(account.id(), "DEPOSIT", 50, null, "after")
                        .balanceAfterFen());
                try {
                    post.get(1500, TimeUnit.MILLISECONDS);
                    throw new AssertionError("a post went through while the row was locked");
                } catch (TimeoutException expected) {
                    // still waiting for the lock
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                Tx.lockFresh(em, AccountEntity.class, account.id()).balanceFen += 1000;
                return post;
            });
            assertTrue(locked.await(0, TimeUnit.SECONDS));
            assertEquals("the waiting post sees the locked transaction's balance", 1350, (long) waiting.get(30,
                    TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    public void aRowThisTransactionWroteOrLockedCostsNoStatement() {
        Account other = db.accounts.open(AccountType.CASH_PREPAID, "SN", "赵六", null);
        db.jpa.tx(em -> {
            AccountEntity created = new AccountEntity();
            created.type = AccountType.CASH_PREPAID;
            created.province = "SN";
            created.holderName = "王五";
            created.openedAt = db.clock.now().toInstant();
            em.persist(created);
            assertNotNull(created.id);
            AccountEntity[] again = new AccountEntity[1];
            assertEquals("inserted here: no other transaction can have changed it", 0,
                    statements(em, () -> again[0] = Tx.lockFresh(em, AccountEntity.class, created.id)));
            assertSame(created, again[0]);

            assertEquals(null, Tx.managed(em, AccountEntity.class, other.id()));
            AccountEntity first = Tx.lockFresh(em, AccountEntity.class, other.id());
            assertEquals("locked here already", 0, statements(em, () -> Tx.lockFresh(em, AccountEntity.class,
                    other.id())));
            assertSame(first, Tx.lockFresh(em, AccountEntity.class, other.id()));
        });
    }
}
