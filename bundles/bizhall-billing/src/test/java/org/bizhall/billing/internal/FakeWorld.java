package org.bizhall.billing.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.billing.CollectionNotice;
import org.bizhall.api.billing.DayClose;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.platform.billing.BillingStore;
import org.bizhall.testing.DirectTransactions;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryCatalog;
import org.bizhall.testing.InMemoryLoyalty;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestProvinceParameters;

/**
 * The shared in-memory services billing uses, and the billing store over them; the database's once-only claims
 * (a month's charge, a notice) are modelled by keys.
 */
final class FakeWorld implements BillingStore {
    final SettableClock clock = SettableClock.at("2026-12-05T10:00:00+08:00");
    final InMemoryAccounts accounts = new InMemoryAccounts(clock);
    final InMemorySubscribers subscribers = new InMemorySubscribers(clock);
    final InMemoryCatalog catalog = InMemoryCatalog.demo();
    final RecordingAuditLog audit = new RecordingAuditLog(clock);
    final DirectTransactions transactions = new DirectTransactions();
    final InMemoryLoyalty loyalty = new InMemoryLoyalty(subscribers, clock);
    final TestProvinceParameters params = new TestProvinceParameters();
    final Map<Long, YearMonth> chargeMonths = new HashMap<>();
    private final Set<String> chargeClaims = new HashSet<>();
    private final List<CollectionNotice> notices = new ArrayList<>();
    private long nextNotice = 1;

    /** A subscriber who joined on {@code joined} with an account holding {@code depositFen}. */
    Subscriber join(String msisdn, String packageCode, LocalDate joined, long depositFen) {
        Account account = accounts.open(AccountType.CASH_PREPAID, "SN", "张三", null);
        if (depositFen != 0) {
            accounts.post(account.id(), "DEPOSIT", depositFen, null, null);
        }
        return subscribers.add(new Subscriber(msisdn, "SN", "SN-XA-001", SubscriberStatus.ACTIVE,
                InMemorySubscribers.HOLDER, packageCode, List.of(), Set.of("NORMAL"), account.id(), false,
                joined.atTime(10, 0).atZone(clock.zone()).toOffsetDateTime()));
    }

    long balance(Subscriber s) {
        return accounts.balance(s.accountId());
    }

    /** Every ledger entry, oldest first. */
    List<LedgerEntry> ledger() {
        return accounts.entries();
    }

    @Override
    public boolean chargeOnce(long accountId, String msisdn, YearMonth month, String item, String kind, long amountFen,
            String note) {
        if (!chargeClaims.add(accountId + "/" + month + "/" + item)) {
            return false;
        }
        LedgerEntry e = accounts.post(accountId, kind, -amountFen, null, note);
        chargeMonths.put(e.id(), month);
        return true;
    }

    /** How many of the next pages another run meets first: their charge is refused as the database's key refuses it. */
    int conflicts;
    /** How many of the next pages find another run's page holding their rows past the store's lock wait. */
    int lockWaits;

    @Override
    public List<Boolean> chargeAllOnce(YearMonth month, String item, String kind, List<Charge> charges) {
        if (conflicts > 0) {
            conflicts--;
            throw ProblemException.conflict("CHARGE_CONFLICT", "another run charged part of the page meanwhile");
        }
        if (lockWaits > 0) {
            lockWaits--;
            throw ProblemException.storeBusy("the store could not take a lock in time");
        }
        return BillingStore.super.chargeAllOnce(month, item, kind, charges);
    }

    @Override
    public Map<Long, YearMonth> chargeMonths(long accountId) {
        return chargeMonths;
    }

    @Override
    public List<String> numbersInArrears(String province, String afterMsisdn, int limit) {
        return subscribers.all().stream().filter(s -> accounts.balance(s.accountId()) < 0)
                .filter(s -> province == null || province.equals(s.province()))
                .map(Subscriber::msisdn).sorted().filter(n -> afterMsisdn == null || n.compareTo(afterMsisdn) > 0)
                .limit(limit).toList();
    }

    @Override
    public List<Subscriber> subscribersAfter(String afterMsisdn, int limit) {
        return subscribers.all().stream().sorted(java.util.Comparator.comparing(Subscriber::msisdn))
                .filter(s -> afterMsisdn == null || s.msisdn().compareTo(afterMsisdn) > 0).limit(limit).toList();
    }

    @Override
    public Map<String, String> packagesBefore(java.util.Collection<String> msisdns, java.time.OffsetDateTime until) {
        Map<String, String> before = new HashMap<>();
        for (InMemorySubscribers.PackageChange c : subscribers.packageChanges()) {
            if (msisdns.contains(c.msisdn()) && !c.at().isBefore(until) && !before.containsKey(c.msisdn())) {
                before.put(c.msisdn(), c.before());
            }
        }
        before.values().removeIf(java.util.Objects::isNull);
        return before;
    }

    @Override
    public long subscriberCount() {
        return subscribers.all().size();
    }

    @Override
    public Optional<CollectionNotice> recordNotice(String msisdn, long accountId, String kind, String oldestMonth,
            long arrearsFen, String text) {
        if (notices.stream().anyMatch(n -> n.msisdn().equals(msisdn) && n.kind().equals(kind)
                && n.oldestMonth().equals(oldestMonth))) {
            return Optional.empty();
        }
        CollectionNotice n = new CollectionNotice(nextNotice++, msisdn, accountId, kind, oldestMonth, arrearsFen, text,
                clock.now());
        notices.add(n);
        return Optional.of(n);
    }

    @Override
    public List<CollectionNotice> notices(String msisdn) {
        return notices.stream().filter(n -> n.msisdn().equals(msisdn)).toList();
    }

    @Override
    public List<Receipt> receipts(String hall, LocalDate date) {
        return List.of();
    }

    @Override
    public Optional<DayClose> dayClose(String hall, LocalDate date) {
        return Optional.empty();
    }

    @Override
    public void lockHall(String hall) {
    }

    @Override
    public DayClose insertDayClose(DayClose close) {
        return close;
    }
}
