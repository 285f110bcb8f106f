package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.LedgerEntry;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class AccountServiceTest {
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    @Test
    public void balanceIsTheSumOfLedgerEntriesAfterManyConcurrentPosts() throws Exception {
        Account account = db.accounts.open(AccountType.CASH_PREPAID, "SN", "张三", null);
        assertEquals(0, account.balanceFen());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Long>> counters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            counters.add(() -> {
                long sum = 0;
                for (int i = 0; i < 25; i++) {
                    long amount = (i % 3 == 0 ? -1 : 1) * (100L * (thread + 1) + i);
                    db.accounts.post(account.id(), i % 3 == 0 ? "RENT" : "DEPOSIT", amount, null, "post " + i);
                    sum += amount;
                }
                return sum;
            });
        }
        long expected = 0;
        try {
            for (Future<Long> f : pool.invokeAll(counters)) {
                expected += f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Page<LedgerEntry> ledger = db.accounts.ledger(account.id(), 0, 500);
        assertEquals(100, ledger.total());
        long running = 0;
        for (LedgerEntry e : ledger.items()) {
            running += e.amountFen();
            assertEquals("each entry carries the balance after it", running, e.balanceAfterFen());
        }
        assertEquals(expected, running);
        assertEquals(expected, db.accounts.find(account.id()).orElseThrow().balanceFen());
    }

    @Test
    public void aPostIsAuditedWithItsOrder() {
        Account account = db.accounts.open(AccountType.CASH_PREPAID, "SN", "李四", "order-acc-1");
        LedgerEntry entry = db.accounts.post(account.id(), "PRESTORE", 5000, "order-acc-1", null);
        assertEquals(5000, entry.balanceAfterFen());
        List<AuditEntry> audit = db.audit.forOrder("order-acc-1");
        assertTrue(audit.stream().anyMatch(a -> a.action().equals("LEDGER_POSTED") && a.amountFen() == 5000));
        assertTrue("no holder name in the audit", audit.stream().noneMatch(a -> String.valueOf(a.detail()).contains("李四")));
    }

    @Test
    public void ledgerKindMustBeUpperSnake() {
        Account account = db.accounts.open(AccountType.CASH_PREPAID, "SN", "王五", null);
        for (String kind : List.of("deposit", "Deposit", "DE-POSIT", "_DEPOSIT", "")) {
            try {
                db.accounts.post(account.id(), kind, 100, null, null);
                fail("accepted kind " + kind);
            } catch (ProblemException e) {
                assertEquals(400, e.status());
                assertEquals("LEDGER_KIND_INVALID", e.code());
            }
        }
        assertEquals(0, db.accounts.ledger(account.id(), 0, 10).total());
    }

    @Test
    public void postingToAnUnknownAccountIs404() {
        try {
            db.accounts.post(999_999L, "DEPOSIT", 100, null, null);
            fail();
        } catch (ProblemException e) {
            assertEquals(404, e.status());
            assertEquals("ACCOUNT_NOT_FOUND", e.code());
        }
    }
}
