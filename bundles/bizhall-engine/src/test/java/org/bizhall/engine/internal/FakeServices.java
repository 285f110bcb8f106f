package org.bizhall.engine.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.StaffMember;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.NewReceipt;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.ProvinceParams;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptService;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/** Small in-memory stand-ins for the core services the engine calls. */
final class FakeServices {
    private FakeServices() {
    }

    static final class Clock implements BusinessClock {
        OffsetDateTime now = OffsetDateTime.parse("2026-11-10T10:00:00+08:00");

        @Override
        public OffsetDateTime now() {
            return now;
        }

        @Override
        public ZoneId zone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public boolean adjustable() {
            return true;
        }

        @Override
        public void moveTo(OffsetDateTime now) {
            this.now = now;
        }
    }

    /** The demo halls and staff. */
    static final class Halls implements HallDirectory {
        private final Map<String, Hall> halls = new LinkedHashMap<>();
        private final Map<String, StaffMember> staff = new HashMap<>();

        Halls() {
            saveHall(new Hall("SN-XA-001", "西安一厅", "SN",
                    Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION), false));
            saveHall(new Hall("SN-XA-002", "西安二厅", "SN", Set.of(HallKind.PARTNER), false));
            saveHall(new Hall("SX-TY-001", "太原一厅", "SX", Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED), false));
        }

        @Override
        public Optional<Hall> hall(String id) {
            return Optional.ofNullable(id == null ? null : halls.get(id));
        }

        @Override
        public List<Hall> halls() {
            return List.copyOf(halls.values());
        }

        @Override
        public Optional<StaffMember> staff(String user) {
            return Optional.ofNullable(staff.get(user));
        }

        @Override
        public void saveHall(Hall hall) {
            halls.put(hall.id(), hall);
        }

        @Override
        public void saveStaff(StaffMember member) {
            staff.put(member.user(), member);
        }
    }

    static final class Params implements ProvinceParameters {
        @Override
        public ProvinceParams of(String province) {
            Map<String, Object> values = Map.of("openingDepositFen", 10000L, "numberReservationMinutes", 30,
                    "intlRoamingEnabled", true);
            return new ProvinceParams() {
                @Override
                public String province() {
                    return province;
                }

                @Override
                public long fen(String key) {
                    return ((Number) require(key)).longValue();
                }

                @Override
                public int integer(String key) {
                    return ((Number) require(key)).intValue();
                }

                @Override
                public boolean flag(String key) {
                    return (Boolean) require(key);
                }

                @Override
                public Map<String, Object> asMap() {
                    return values;
                }

                private Object require(String key) {
                    Object value = values.get(key);
                    if (value == null) {
                        throw new IllegalArgumentException("unknown province parameter " + key);
                    }
                    return value;
                }
            };
        }

        @Override
        public Set<String> configured() {
            return Set.of();
        }
    }

    static final class Audit implements AuditLog, FakeTransactions.Participant {
        List<AuditEntry> entries = new ArrayList<>();

        @Override
        public void record(String actor, String action, String orderId, String subject, Long amountFen, String detail) {
            entries.add(new AuditEntry(entries.size() + 1, null, actor, action, orderId, subject, amountFen, detail));
        }

        @Override
        public List<AuditEntry> forOrder(String orderId) {
            return entries.stream().filter(e -> orderId.equals(e.orderId())).toList();
        }

        @Override
        public Object snapshot() {
            return new ArrayList<>(entries);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void restore(Object snapshot) {
            entries = new ArrayList<>((List<AuditEntry>) snapshot);
        }
    }

    static final class Receipts implements ReceiptService, FakeTransactions.Participant {
        List<Receipt> issued = new ArrayList<>();
        private int next = 1;

        @Override
        public Receipt issue(NewReceipt r) {
            Receipt receipt = new Receipt(String.format("%s-20261110-%04d", r.hall(), next++), r.hall(), r.operator(),
                    r.orderId(), r.msisdn(), r.method(), r.lines(), r.totalFen(), r.tenderedFen(), r.changeFen(), null,
                    LocalDate.of(2026, 11, 10), 0, false);
            issued.add(receipt);
            return receipt;
        }

        @Override
        public Optional<Receipt> find(String number) {
            return issued.stream().filter(r -> r.number().equals(number)).findFirst();
        }

        @Override
        public Receipt reprint(String number, String operator) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object snapshot() {
            return new ArrayList<>(issued);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void restore(Object snapshot) {
            issued = new ArrayList<>((List<Receipt>) snapshot);
        }
    }

    static final class Accounts implements AccountService, FakeTransactions.Participant {
        Map<Long, Account> accounts = new LinkedHashMap<>();
        List<LedgerEntry> ledger = new ArrayList<>();

        Account add(long id, long balanceFen) {
            Account account = new Account(id, AccountType.CASH_PREPAID, "SN", "张三", balanceFen, null);
            accounts.put(id, account);
            return account;
        }

        @Override
        public Account open(AccountType type, String province, String holderName, String orderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Account> find(long id) {
            return Optional.ofNullable(accounts.get(id));
        }

        @Override
        public LedgerEntry post(long accountId, String kind, long amountFen, String orderId, String note) {
            Account a = accounts.get(accountId);
            Account after = new Account(a.id(), a.type(), a.province(), a.holderName(), a.balanceFen() + amountFen,
                    a.openedAt());
            accounts.put(accountId, after);
            LedgerEntry entry = new LedgerEntry(ledger.size() + 1, accountId, kind, amountFen, after.balanceFen(), null,
                    orderId, note);
            ledger.add(entry);
            return entry;
        }

        @Override
        public Page<LedgerEntry> ledger(long accountId, int offset, int limit) {
            return new Page<>(ledger.stream().filter(e -> e.accountId() == accountId).toList(), ledger.size());
        }

        @Override
        public Object snapshot() {
            return List.of(new LinkedHashMap<>(accounts), new ArrayList<>(ledger));
        }

        @Override
        @SuppressWarnings("unchecked")
        public void restore(Object snapshot) {
            List<Object> both = (List<Object>) snapshot;
            accounts = new LinkedHashMap<>((Map<Long, Account>) both.get(0));
            ledger = new ArrayList<>((List<LedgerEntry>) both.get(1));
        }
    }

    static final class Subscribers implements SubscriberService {
        Map<String, Subscriber> subscribers = new HashMap<>();

        void add(String msisdn, long accountId) {
            subscribers.put(msisdn, new Subscriber(msisdn, "SN", "SN-XA-001", SubscriberStatus.ACTIVE, null,
                    "GOTONE-88", List.of(), Set.of(), accountId, false, null));
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
        public Subscriber changeStatus(Msisdn msisdn, Set<SubscriberStatus> from, SubscriberStatus status,
            String orderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Subscriber> list(String province, int offset, int limit) {
            throw new UnsupportedOperationException();
        }
    }
}
