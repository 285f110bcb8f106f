package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bizhall.api.billing.BillingRun;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.loyalty.LoyaltyService;
import org.bizhall.billing.internal.BillingRunService;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The billing run's once-only guarantee on the real stores and database, over several pages: two runs of one month
 * at the same moment (two nodes), and a run that fails half way (a node that died) run again.
 */
public class BillingRunRecoveryTest {
    /** Three pages of 500 (set here, whatever the run's default) and a short one. */
    private static final int N = 1_700;
    private TestDatabase db;

    @Before
    public void seed() throws Exception {
        db = new TestDatabase();
        BillingRunBenchmarkTest.products(db);
        BillingRunBenchmarkTest.seed(db.dataSource, N);
    }

    @After
    public void close() {
        db.close();
    }

    private BillingRunService run(LoyaltyService loyalty) {
        return new BillingRunService(db.products, db.billing, db.clock, db.transactions, db.audit)
                .earningPointsWith(loyalty, db.params).inPagesOf(500);
    }

    @Test
    public void twoRunsOfOneMonthAtOnceChargeEachSubscriberOnce() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<BillingRun> first = nodes.submit(() -> run(db.loyalty).run(Caller.admin("admin"),
                    BillingRunBenchmarkTest.MONTH));
            Future<BillingRun> second = nodes.submit(() -> run(db.loyalty).run(Caller.admin("admin"),
                    BillingRunBenchmarkTest.MONTH));
            BillingRun a = first.get();
            BillingRun b = second.get();
            assertEquals("every subscriber charged by one run or the other", N, a.charged() + b.charged());
            assertEquals("and found charged by the other", N, a.alreadyCharged() + b.alreadyCharged());
            assertEquals(BillingRunBenchmarkTest.expectedTotal(N), a.totalFen() + b.totalFen());
        } finally {
            nodes.shutdownNow();
        }
        BillingRunBenchmarkTest.checkRows(db.dataSource, N, BillingRunBenchmarkTest.expectedTotal(N));
    }

    @Test
    public void aRunThatDiesOnItsSecondPageChargesTheRestOnceWhenRunAgain() throws Exception {
        AtomicInteger pages = new AtomicInteger();
        LoyaltyService dying = (LoyaltyService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LoyaltyService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("earnAll") && pages.incrementAndGet() == 2) {
                        throw new IllegalStateException("the node died");
                    }
                    try {
                        return method.invoke(db.loyalty, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try {
            run(dying).run(Caller.admin("admin"), BillingRunBenchmarkTest.MONTH);
            fail("the run dies on its second page");
        } catch (IllegalStateException expected) {
            // the first page is committed, the second rolled back whole: charges, claims and points
        }
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
            assertEquals(500, BillingRunBenchmarkTest.one(s, "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'RENT'"));
            assertEquals(500, BillingRunBenchmarkTest.one(s, "SELECT COUNT(*) FROM bill_charges"));
            assertEquals(500, BillingRunBenchmarkTest.one(s, "SELECT COUNT(*) FROM points_earnings"));
        }
        BillingRun again = run(db.loyalty).run(Caller.admin("admin"), BillingRunBenchmarkTest.MONTH);
        assertEquals(N - 500, again.charged());
        assertEquals(500, again.alreadyCharged());
        BillingRunBenchmarkTest.checkRows(db.dataSource, N, BillingRunBenchmarkTest.expectedTotal(N));
    }
}
