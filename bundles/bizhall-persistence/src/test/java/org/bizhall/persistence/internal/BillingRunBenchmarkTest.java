package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.bizhall.api.billing.BillingRun;
import org.bizhall.api.billing.BillingService;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.Product;
import org.bizhall.billing.internal.BillingRunService;
import org.junit.Test;

/**
 * The billing run on N subscribers (docs/benchmarks.md): the billing bundle's run on the real stores and Derby, outside
 * OSGi. Skipped unless {@code -Dbizhall.bench.billing.subscribers=N}; {@code -Dbizhall.test.derby.dir=DIR} puts the
 * database on disk. The subscribers and accounts are seeded with plain JDBC batches (not measured).
 */
public class BillingRunBenchmarkTest {
    @Test
    public void billingRunOnManySubscribers() throws Exception {
        int n = Integer.getInteger("bizhall.bench.billing.subscribers", 0);
        assumeTrue("set -Dbizhall.bench.billing.subscribers=N to run", n > 0);
        try (TestDatabase db = new TestDatabase()) {
            db.products.save(new Product("GOTONE-88", "全球通88元套餐", "全球通", 8800, "PACKAGE", List.of()));
            db.products.save(new Product("EASYOWN-BASIC", "神州行畅听卡", "神州行", 1000, "DAILY", List.of()));
            long seedStart = System.nanoTime();
            seed(db, n);
            System.out.printf("seeded %d subscribers and accounts in %.1f s%n", n, (System.nanoTime() - seedStart) / 1e9);

            BillingService billing = new BillingRunService(db.products, db.billing, db.clock,
                    db.transactions, db.audit).earningPointsWith(db.loyalty, db.params);
            long start = System.nanoTime();
            BillingRun run = billing.run(Caller.admin("admin"), YearMonth.of(2026, 10));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("billing run of %d subscribers: %d charges, %.1f s, %.0f charges/s%n", n, run.charged(),
                    seconds, run.charged() / seconds);
            assertEquals(n, run.charged());

            long again = System.nanoTime();
            BillingRun repeat = billing.run(Caller.admin("admin"), YearMonth.of(2026, 10));
            System.out.printf("repeat of the same month: %d charges, %.1f s%n", repeat.charged(),
                    (System.nanoTime() - again) / 1e9);
            assertEquals(0, repeat.charged());
        }
    }

    private static void seed(TestDatabase db, int n) throws Exception {
        Timestamp opened = Timestamp.from(Instant.parse("2026-09-01T02:00:00Z"));
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement account = c.prepareStatement("INSERT INTO accounts (id, account_type, province,"
                    + " holder_name, balance_fen, opened_at) VALUES (?, 'CASH_PREPAID', 'SN', '张三', 0, ?)");
                    PreparedStatement subscriber = c.prepareStatement("INSERT INTO subscribers (msisdn, province,"
                            + " hall_id, status, holder_type, holder_name, package_code, features, categories,"
                            + " account_id, opened_at, updated_at) VALUES (?, 'SN', 'SN-XA-001', 'ACTIVE', 'PERSONAL',"
                            + " '张三', ?, '', 'NORMAL', ?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    long id = 1_000_000L + i;
                    account.setLong(1, id);
                    account.setTimestamp(2, opened);
                    account.addBatch();
                    subscriber.setString(1, String.valueOf(13800000000L + i));
                    subscriber.setString(2, i % 5 == 0 ? "EASYOWN-BASIC" : "GOTONE-88");
                    subscriber.setLong(3, id);
                    subscriber.setTimestamp(4, opened);
                    subscriber.setTimestamp(5, opened);
                    subscriber.addBatch();
                    if (i % 1000 == 999) {
                        account.executeBatch();
                        subscriber.executeBatch();
                        c.commit();
                    }
                }
                account.executeBatch();
                subscriber.executeBatch();
                c.commit();
            }
        }
    }
}
