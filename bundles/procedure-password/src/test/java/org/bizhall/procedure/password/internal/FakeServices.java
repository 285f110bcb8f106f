package org.bizhall.procedure.password.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.ProvinceParams;
import org.bizhall.api.service.ServicePasswords;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/**
 * Subscribers, their service passwords (the store's contract: a locked password is refused unchecked, the attempt
 * reaching the limit locks, a right one or a new password clears the count) and the audit trail, in memory.
 */
final class FakeServices implements SubscriberService, ServicePasswords, AuditLog, ProvinceParams {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-10T10:00:00+08:00");
    static final int MAX_ATTEMPTS = 5;
    final Map<String, Subscriber> subscribers = new HashMap<>();
    final Map<String, String> passwords = new HashMap<>();
    final Map<String, Integer> failures = new HashMap<>();
    final Map<String, Boolean> locked = new HashMap<>();
    final List<String> audit = new ArrayList<>();
    int checks;

    Subscriber add(String msisdn, String province, SubscriberStatus status, Customer holder, String password) {
        Subscriber s = new Subscriber(msisdn, province, "SN-XA-001", status, holder, "GOTONE-88", List.of(),
                Set.of("NORMAL"), 7, password != null, NOW.minusMonths(3));
        subscribers.put(msisdn, s);
        if (password != null) {
            passwords.put(msisdn, password);
        }
        return s;
    }

    boolean locked(String msisdn) {
        return locked.getOrDefault(msisdn, false);
    }

    @Override
    public void verify(Msisdn msisdn, String password, String actor, String orderId) {
        String m = msisdn.value();
        if (locked(m)) {
            throw new ProblemException(423, LOCKED, "locked", null);
        }
        if (!passwords.containsKey(m)) {
            throw ProblemException.rule(NOT_SET, "none");
        }
        checks++;
        if (passwords.get(m).equals(password)) {
            failures.put(m, 0);
            return;
        }
        int wrong = failures.merge(m, 1, Integer::sum);
        if (wrong >= MAX_ATTEMPTS) {
            locked.put(m, true);
            throw new ProblemException(423, LOCKED, "locked now", null);
        }
        throw new ProblemException(422, WRONG, "wrong", null);
    }

    @Override
    public void set(Msisdn msisdn, String password, String actor, String orderId) {
        ServicePasswords.requireValid(password, "password");
        passwords.put(msisdn.value(), password);
        failures.put(msisdn.value(), 0);
        locked.put(msisdn.value(), false);
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
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscriber changeStatus(Msisdn msisdn, Set<SubscriberStatus> from, SubscriberStatus status, String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<Subscriber> list(String province, int offset, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscriber changeStatus(Msisdn msisdn, Set<SubscriberStatus> from, SubscriberStatus status,
            java.time.LocalDate cancellableFrom, String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscriber changeFeatures(Msisdn msisdn, Set<String> add, Set<String> remove, String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscriber changePackage(Msisdn msisdn, String packageCode, String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscriber changeHolder(Msisdn msisdn, Customer holder, long accountId, String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscriber changeCommitments(Msisdn msisdn, Set<String> commitments, String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<Subscriber> inStatus(String province, SubscriberStatus status, OffsetDateTime changedBefore,
            int offset, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void record(String actor, String action, String orderId, String subject, Long amountFen, String detail) {
        audit.add(actor + " " + action + " " + subject + " " + detail);
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
        throw new IllegalArgumentException("the password procedures read no province parameter " + key);
    }

    @Override
    public int integer(String key) {
        throw new IllegalArgumentException("the password procedures read no province parameter " + key);
    }

    @Override
    public boolean flag(String key) {
        throw new IllegalArgumentException("the password procedures read no province parameter " + key);
    }

    @Override
    public Map<String, Object> asMap() {
        return Map.of();
    }
}
