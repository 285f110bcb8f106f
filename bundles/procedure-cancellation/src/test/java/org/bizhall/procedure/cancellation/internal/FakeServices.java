package org.bizhall.procedure.cancellation.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.ArrearsService;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryNumberPool;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestProvinceParams;

/**
 * The shared in-memory subscribers, accounts, number pool and audit trail, plus arrears as the billing bundle computes
 * them for these ledgers: the negative part of the balance, all of it this month's.
 */
final class FakeServices implements ArrearsService {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-10T10:00:00+08:00");
    final SettableClock clock = new SettableClock(NOW);
    final InMemorySubscribers subscribers = new InMemorySubscribers(clock);
    final InMemoryAccounts accounts = new InMemoryAccounts(clock);
    final InMemoryNumberPool numbers = new InMemoryNumberPool(clock);
    final RecordingAuditLog audit = new RecordingAuditLog(clock);
    final TestProvinceParams params = new TestProvinceParams("SN");
    private long nextAccount = 1;

    /** A subscriber of SN held by {@code holder}, in {@code status}, whose account holds {@code balance}. */
    Subscriber subscriber(String msisdn, Customer holder, SubscriberStatus status, long balance, String... features) {
        long account = accounts.seed(nextAccount++, AccountType.CASH_PREPAID, "SN", null, balance).id();
        return subscribers.add(new Subscriber(msisdn, "SN", "SN-XA-001", status, holder, "GOTONE-88",
                List.of(features), Set.of("NORMAL"), account, false, NOW.minusYears(1)));
    }

    @Override
    public Arrears of(Caller caller, Msisdn msisdn) {
        Subscriber s = subscribers.find(msisdn).orElseThrow();
        caller.requireProvince(s.province());
        long total = Math.max(0, -accounts.balance(s.accountId()));
        return new Arrears(s.msisdn(), s.accountId(), List.of(), total, total);
    }
}
