package org.bizhall.procedure.payment.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.ArrearsService;
import org.bizhall.api.billing.MonthArrears;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/**
 * Subscribers, accounts and arrears in memory. Arrears here are the negative part of the balance, owed for the
 * previous month except {@code currentMonthFen}, which is what the billing bundle computes for these simple ledgers.
 */
final class FakeServices implements SubscriberService, AccountService, ArrearsService, AuditLog {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-05T10:00:00+08:00");
    final Map<String, Subscriber> subscribers = new HashMap<>();
    final Map<Long, Long> balances = new HashMap<>();
    final List<LedgerEntry> ledger = new ArrayList<>();
    final List<String> audit = new ArrayList<>();
    long currentMonthFen;
    long nextId = 1;

    Subscriber subscriber(String msisdn, String province, SubscriberStatus status, long balance) {
        long account = nextId++;
        balances.put(account, balance);
        Subscriber s = new Subscriber(msisdn, province, "SN-XA-001", status,
                new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, "11010519491231002X", "西安"), "GOTONE-88",
                List.of(), Set.of("NORMAL"), account, false, NOW.minusMonths(3));
        subscribers.put(msisdn, s);
        return s;
    }

    @Override
    public Arrears of(Caller caller, Msisdn msisdn) {
        Subscriber s = find(msisdn).orElseThrow();
        caller.requireProvince(s.province());
        long total = Math.max(0, -balances.get(s.accountId()));
        long current = Math.min(total, currentMonthFen);
        long previous = total - current;
        return new Arrears(s.msisdn(), s.accountId(),
                previous > 0 ? List.of(new MonthArrears("2026-11", previous)) : List.of(), current, total);
    }

    @Override
    public Optional<Subscriber> find(Msisdn msisdn) {
        return Optional.ofNullable(subscribers.get(msisdn.value()));
    }

    @Override
    public Subscriber register(NewSubscriber subscriber) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean holderMatches(Msisdn msisdn, String name) {
        return false;
    }

    @Override
    public Subscriber changeStatus(Msisdn msisdn, Set<SubscriberStatus> from, SubscriberStatus status,
            String orderId) {
        Subscriber s = subscribers.get(msisdn.value());
            if (!from.contains(s.status())) {
                throw ProblemException.conflict("SUBSCRIBER_STATUS_CHANGED", "the number is " + s.status() + " now");
            }
        Subscriber changed = new Subscriber(s.msisdn(), s.province(), s.hall(), status, s.holder(), s.packageCode(),
                s.features(), s.categories(), s.accountId(), s.servicePasswordSet(), s.openedAt());
        subscribers.put(s.msisdn(), changed);
        return changed;
    }

    @Override
    public Page<Subscriber> list(String province, int offset, int limit) {
        return new Page<>(List.copyOf(subscribers.values()), subscribers.size());
    }

    @Override
    public Account open(AccountType type, String province, String holderName, String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Account> find(long id) {
        return Optional.ofNullable(balances.get(id)).map(b -> new Account(id, AccountType.CASH_PREPAID, "SN", null, b, NOW));
    }

    @Override
    public LedgerEntry post(long accountId, String kind, long amountFen, String orderId, String note) {
        if (!balances.containsKey(accountId)) {
            throw ProblemException.notFound("ACCOUNT_NOT_FOUND", "no account");
        }
        long after = balances.merge(accountId, amountFen, Long::sum);
        LedgerEntry e = new LedgerEntry(nextId++, accountId, kind, amountFen, after, NOW, orderId, note);
        ledger.add(e);
        return e;
    }

    @Override
    public Page<LedgerEntry> ledger(long accountId, int offset, int limit) {
        return new Page<>(ledger.stream().filter(e -> e.accountId() == accountId).toList(), ledger.size());
    }

    @Override
    public void record(String actor, String action, String orderId, String subject, Long amountFen, String detail) {
        audit.add(action);
    }

    @Override
    public List<AuditEntry> forOrder(String orderId) {
        return List.of();
    }
}
