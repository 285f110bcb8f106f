package org.bizhall.procedure.general.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.Page;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.ProvinceParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/**
 * Subscribers, ledger postings, the audit trail and one province's SIM card fee, in memory. Status changes are
 * kept as the subscriber service's history would keep them ({@code "13891800001 ACTIVE -> SUSPENDED_LOSS"}).
 */
final class FakeServices implements SubscriberService, AccountService, AuditLog, ProvinceParams {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-10T10:00:00+08:00");
    final Map<String, Subscriber> subscribers = new HashMap<>();
    final List<String> statusChanges = new ArrayList<>();
    final List<LedgerEntry> ledger = new ArrayList<>();
    final List<String> audit = new ArrayList<>();
    long simCardFeeFen = 1000;

    Subscriber add(String msisdn, String province, SubscriberStatus status, Customer holder) {
        Subscriber s = new Subscriber(msisdn, province, "SN-XA-001", status, holder, "GOTONE-88", List.of(),
                Set.of("NORMAL"), 7, false, NOW.minusMonths(3));
        subscribers.put(msisdn, s);
        return s;
    }

    SubscriberStatus status(String msisdn) {
        return subscribers.get(msisdn).status();
    }

    @Override
    public Optional<Subscriber> find(Msisdn msisdn) {
        return Optional.ofNullable(subscribers.get(msisdn.value()));
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
        statusChanges.add(s.msisdn() + " " + s.status() + " -> " + status);
        return changed;
    }

    @Override
    public Subscriber register(NewSubscriber subscriber) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean holderMatches(Msisdn msisdn, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<Subscriber> list(String province, int offset, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LedgerEntry post(long accountId, String kind, long amountFen, String orderId, String note) {
        LedgerEntry e = new LedgerEntry(ledger.size() + 1, accountId, kind, amountFen, amountFen, NOW, orderId, note);
        ledger.add(e);
        return e;
    }

    @Override
    public Account open(AccountType type, String province, String holderName, String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Account> find(long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<LedgerEntry> ledger(long accountId, int offset, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void record(String actor, String action, String orderId, String subject, Long amountFen, String detail) {
        audit.add(action + " " + subject + " " + amountFen + " " + detail);
    }

    @Override
    public List<AuditEntry> forOrder(String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String province() {
        return "SN";
    }

    @Override
    public long fen(String key) {
        if (!NationalParams.SIM_CARD_FEE_FEN.equals(key)) {
            throw new IllegalArgumentException("the general services read no province parameter " + key);
        }
        return simCardFeeFen;
    }

    @Override
    public int integer(String key) {
        throw new IllegalArgumentException("the general services read no province parameter " + key);
    }

    @Override
    public boolean flag(String key) {
        throw new IllegalArgumentException("the general services read no province parameter " + key);
    }

    @Override
    public Map<String, Object> asMap() {
        return Map.of(NationalParams.SIM_CARD_FEE_FEN, simCardFeeFen);
    }
}
