package org.bizhall.procedure.payment.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.ArrearsService;
import org.bizhall.api.billing.MonthArrears;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;

/**
 * The shared in-memory subscribers, accounts and audit trail, plus arrears: the negative part of the balance, owed
 * for the previous month except {@code currentMonthFen}, which is what the billing bundle computes for these simple
 * ledgers.
 */
final class FakeServices implements ArrearsService {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-05T10:00:00+08:00");
    final SettableClock clock = new SettableClock(NOW);
    final InMemorySubscribers subscribers = new InMemorySubscribers(clock);
    final InMemoryAccounts accounts = new InMemoryAccounts(clock);
    final RecordingAuditLog audit = new RecordingAuditLog(clock);
    long currentMonthFen;
    private long nextAccount = 1;

    /** A subscriber in {@code status} whose account holds {@code balance} (negative: in arrears). */
    Subscriber subscriber(String msisdn, String province, SubscriberStatus status, long balance) {
        long account = accounts.seed(nextAccount++, AccountType.CASH_PREPAID, province, null, balance).id();
        return subscribers.add(new Subscriber(msisdn, province, "SN-XA-001", status, InMemorySubscribers.HOLDER,
                "GOTONE-88", List.of(), Set.of("NORMAL"), account, false, NOW.minusMonths(3)));
    }

    @Override
    public Arrears of(Caller caller, Msisdn msisdn) {
        Subscriber s = subscribers.find(msisdn).orElseThrow();
        caller.requireProvince(s.province());
        long total = Math.max(0, -accounts.balance(s.accountId()));
        long current = Math.min(total, currentMonthFen);
        long previous = total - current;
        return new Arrears(s.msisdn(), s.accountId(),
                previous > 0 ? List.of(new MonthArrears("2026-11", previous)) : List.of(), current, total);
    }
}
