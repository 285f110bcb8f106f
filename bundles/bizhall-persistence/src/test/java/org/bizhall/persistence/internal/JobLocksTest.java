package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeFalse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bizhall.api.hall.Caller;
import org.bizhall.api.loyalty.LoyaltyService;
import org.bizhall.billing.internal.BillingRunService;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * What a job's transaction holds while it runs on a live node, on the real Derby with the node's lock settings: a
 * purge of more expired keys than Derby's default escalation threshold, or a billing page, holds row locks only, and
 * the payments' writes to the same tables (a new Idempotency-Key, a ledger entry of another account) go through while
 * it is still open instead of waiting for it until the store's lock wait ends them with 503 STORE_BUSY.
 * <p>
 * Each job's transaction is held open on purpose (after its statements, before its commit), so what is asserted is
 * whether the payment's write waits for that commit, not how fast anything is.
 */
public class JobLocksTest {
    /** More than Derby's default {@code derby.locks.escalationThreshold} (5,000) rows in one transaction. */
    private static final int EXPIRED_KEYS = 6_000;
    /** Well under the store's lock wait ({@value Migrations#DERBY_LOCK_WAIT_SECONDS} s): a blocked write is still waiting. */
    private static final long BOUND_SECONDS = 3;

    private TestDatabase db;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @Before
    public void open() throws Exception {
        assumeFalse("Derby's lock escalation; PostgreSQL never escalates", TestDatabase.postgres());
        db = new TestDatabase();
    }

    @After
    public void close() {
        threads.shutdownNow();
        if (db != null) {
            db.close();
        }
    }

    @Test
    public void aNewIdempotencyKeyIsClaimedWhileAPurgeOfManyExpiredKeysIsOpen() throws Exception {
        Timestamp old = Timestamp.from(Instant.now().minusSeconds(30L * 24 * 3600));
        try (Connection c = db.dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO idempotency_keys (username, path, idem_key, request_hash, status, created_at)"
                        + " VALUES ('op-sn', '/orders/x/payments', ?, 'h', 201, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < EXPIRED_KEYS; i++) {
                insert.setString(1, "old-" + i);
                insert.setTimestamp(2, old);
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
        CountDownLatch purged = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<Integer> purge = threads.submit(() -> db.transactions.required(() -> {
            int n = db.idempotency.purgeExpired();
            purged.countDown();
            await(commit);
            return n;
        }));
        assertTrue("the purge ran", purged.await(60, TimeUnit.SECONDS));
        List<String> tableLocks = exclusiveTableLocks();

        Future<?> claim = threads.submit(() -> db.idempotency.claim("op-sn", "/orders/y/payments", "new-key", "h2"));
        claim.get(BOUND_SECONDS, TimeUnit.SECONDS); // blocked behind a table lock it would time out here
        assertFalse("the purge had not committed when the key was claimed", purge.isDone());
        commit.countDown();
        assertEquals(EXPIRED_KEYS, (int) purge.get(30, TimeUnit.SECONDS));
        assertEquals("the purge held row locks, no table lock", List.of(), tableLocks);
        assertTrue(db.idempotency.find("op-sn", "/orders/y/payments", "new-key").isPresent());
    }

    @Test
    public void aPaymentOnAnotherAccountIsPostedWhileABillingPageIsOpen() throws Exception {
        BillingRunBenchmarkTest.products(db);
        int subscribers = 2 * billingPage();
        BillingRunBenchmarkTest.seed(db.dataSource, subscribers);
        CountDownLatch inPage = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        LoyaltyService holdingFirstPage = (LoyaltyService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LoyaltyService.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(db.loyalty, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("earnAll") && inPage.getCount() > 0) {
                        // the page's last statements are made; it commits when this returns
                        inPage.countDown();
                        await(commit);
                    }
                    return result;
                });
        Future<?> run = threads.submit(() -> new BillingRunService(db.products, db.billing, db.clock, db.transactions,
                db.audit).earningPointsWith(holdingFirstPage, db.params).run(Caller.admin("admin"),
                        BillingRunBenchmarkTest.MONTH));
        assertTrue("the first page was charged", inPage.await(60, TimeUnit.SECONDS));
        long pageLocks = rowLocks();
        List<String> tableLocks = exclusiveTableLocks();

        long otherAccount = 1_000_000L + subscribers - 1; // on the second page
        Future<?> payment = threads.submit(() -> db.accounts.post(otherAccount, "PAYMENT", 5000, null, "缴费"));
        payment.get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertFalse("the page had not committed when the payment was posted", run.isDone());
        commit.countDown();
        run.get(60, TimeUnit.SECONDS);
        assertEquals("the page held row locks, no table lock", List.of(), tableLocks);
        assertTrue("a page stays under Derby's default escalation threshold (5,000 locks): " + pageLocks,
                pageLocks < 5_000);
    }

    private static int billingPage() throws Exception {
        java.lang.reflect.Field page = BillingRunService.class.getDeclaredField("PAGE");
        page.setAccessible(true);
        return page.getInt(null);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tables some transaction holds with an exclusive table lock (what escalation leaves), read from Derby. */
    private List<String> exclusiveTableLocks() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT DISTINCT TABLENAME FROM SYSCS_DIAG.LOCK_TABLE"
                        + " WHERE TYPE = 'TABLE' AND MODE = 'X'");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Row locks held in the database now. */
    private long rowLocks() throws Exception {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE TYPE = 'ROW'");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
