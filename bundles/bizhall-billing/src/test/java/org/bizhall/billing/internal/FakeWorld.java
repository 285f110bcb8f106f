package org.bizhall.billing.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.bizhall.api.billing.BillingStore;
import org.bizhall.api.billing.CollectionNotice;
import org.bizhall.api.billing.DayClose;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.ProductCatalog;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.ProvinceParams;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.api.service.Transactions;

/** In-memory stand-ins for the services billing uses; the database's claims are modelled by map keys. */
final class FakeWorld implements AccountService, BillingStore, SubscriberService, ProductCatalog, BusinessClock,
        Transactions, AuditLog, ProvinceParameters {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    OffsetDateTime now = OffsetDateTime.parse("2026-12-05T10:00:00+08:00");
    final Map<Long, Long> balances = new HashMap<>();
    final List<LedgerEntry> ledger = new ArrayList<>();
    final Map<String, Long> chargeClaims = new HashMap<>();
    final Map<Long, YearMonth> chargeMonths = new HashMap<>();
    final Map<String, Subscriber> subscribers = new TreeMap<>();
    final Map<String, Product> products = new LinkedHashMap<>();
    final List<CollectionNotice> notices = new ArrayList<>();
    final List<String> audit = new ArrayList<>();
    int graceDays = 30;
    long nextId = 1;

    FakeWorld() {
        save(new Product("GOTONE-88", "全球通88元套餐", "全球通", 8800, "PACKAGE", List.of()));
        save(new Product("EASYOWN-BASIC", "神州行畅听卡", "神州行", 1000, "DAILY", List.of()));
    }

    /** A subscriber who joined on {@code joined} with an account holding {@code depositFen}. */
    Subscriber join(String msisdn, String packageCode, LocalDate joined, long depositFen) {
        Account account = open(AccountType.CASH_PREPAID, "SN", "张三", null);
        if (depositFen != 0) {
            post(account.id(), "DEPOSIT", depositFen, null, null);
        }
        Subscriber s = new Subscriber(msisdn, "SN", "SN-XA-001", SubscriberStatus.ACTIVE,
                new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, "11010519491231002X", "西安"), packageCode,
                List.of(), Set.of("NORMAL"), account.id(), false, joined.atTime(10, 0).atZone(ZONE).toOffsetDateTime());
        subscribers.put(msisdn, s);
        return s;
    }

    long balance(Subscriber s) {
        return balances.get(s.accountId());
    }

    // AccountService
    @Override
    public Account open(AccountType type, String province, String holderName, String orderId) {
        long id = nextId++;
        balances.put(id, 0L);
        return new Account(id, type, province, holderName, 0, now);
    }

    @Override
    public Optional<Account> find(long id) {
        return Optional.ofNullable(balances.get(id)).map(b -> new Account(id, AccountType.CASH_PREPAID, "SN", null, b, now));
    }

    @Override
    public LedgerEntry post(long accountId, String kind, long amountFen, String orderId, String note) {
        long after = balances.merge(accountId, amountFen, Long::sum);
        LedgerEntry e = new LedgerEntry(nextId++, accountId, kind, amountFen, after, now, orderId, note);
        ledger.add(e);
        return e;
    }

    @Override
    public Page<LedgerEntry> ledger(long accountId, int offset, int limit) {
        List<LedgerEntry> mine = ledger.stream().filter(e -> e.accountId() == accountId).toList();
        return new Page<>(mine.subList(Math.min(offset, mine.size()), Math.min(offset + limit, mine.size())), mine.size());
    }

    // BillingStore
    @Override
    public boolean chargeOnce(long accountId, String msisdn, YearMonth month, String item, String kind, long amountFen,
            String note) {
        String key = accountId + "/" + month + "/" + item;
        if (chargeClaims.containsKey(key)) {
            return false;
        }
        LedgerEntry e = post(accountId, kind, -amountFen, null, note);
        chargeClaims.put(key, amountFen);
        chargeMonths.put(e.id(), month);
        return true;
    }

    @Override
    public Map<Long, YearMonth> chargeMonths(long accountId) {
        return chargeMonths;
    }

    @Override
    public Page<String> numbersInArrears(String province, int offset, int limit) {
        List<String> numbers = subscribers.values().stream().filter(s -> balances.get(s.accountId()) < 0)
                .map(Subscriber::msisdn).toList();
        return new Page<>(numbers.subList(Math.min(offset, numbers.size()), Math.min(offset + limit, numbers.size())),
                numbers.size());
    }

    @Override
    public Optional<CollectionNotice> recordNotice(String msisdn, long accountId, String kind, String oldestMonth,
            long arrearsFen, String text) {
        if (notices.stream().anyMatch(n -> n.msisdn().equals(msisdn) && n.kind().equals(kind)
                && n.oldestMonth().equals(oldestMonth))) {
            return Optional.empty();
        }
        CollectionNotice n = new CollectionNotice(nextId++, msisdn, accountId, kind, oldestMonth, arrearsFen, text, now);
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

    // SubscriberService
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
        if (s == null) {
            throw ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber");
        }
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
        List<Subscriber> all = new ArrayList<>(subscribers.values());
        return new Page<>(all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())), all.size());
    }

    // ProductCatalog
    @Override
    public List<Product> products() {
        return List.copyOf(products.values());
    }

    @Override
    public Optional<Product> find(String code) {
        return Optional.ofNullable(products.get(code));
    }

    @Override
    public void save(Product product) {
        products.put(product.code(), product);
    }

    // BusinessClock
    @Override
    public OffsetDateTime now() {
        return now;
    }

    @Override
    public ZoneId zone() {
        return ZONE;
    }

    @Override
    public boolean adjustable() {
        return true;
    }

    @Override
    public void moveTo(OffsetDateTime now) {
        this.now = now;
    }

    // Transactions
    @Override
    public <T> T required(Supplier<T> work) {
        return work.get();
    }

    @Override
    public <T> T requiresNew(Supplier<T> work) {
        return work.get();
    }

    // AuditLog
    @Override
    public void record(String actor, String action, String orderId, String subject, Long amountFen, String detail) {
        audit.add(action + " " + subject);
    }

    @Override
    public List<AuditEntry> forOrder(String orderId) {
        return List.of();
    }

    // ProvinceParameters
    @Override
    public ProvinceParams of(String province) {
        return new ProvinceParams() {
            @Override
            public String province() {
                return province;
            }

            @Override
            public long fen(String key) {
                throw new IllegalArgumentException(key);
            }

            @Override
            public int integer(String key) {
                if ("arrearsGraceDays".equals(key)) {
                    return graceDays;
                }
                throw new IllegalArgumentException(key);
            }

            @Override
            public boolean flag(String key) {
                return false;
            }

            @Override
            public Map<String, Object> asMap() {
                return Map.of("arrearsGraceDays", graceDays);
            }
        };
    }

    @Override
    public Set<String> configured() {
        return Set.of();
    }
}
