package org.bizhall.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.LedgerEntry;

/**
 * Accounts with an append-only ledger in memory: a balance moves only by {@link #post}, which appends an entry
 * carrying the balance after it. An account {@linkplain #seed seeded} by a test may start from a balance brought
 * forward (an account that existed before the test), which is not an entry. Refusals as the real service:
 * 400 {@code ACCOUNT_INVALID} and {@code LEDGER_KIND_INVALID}, 404 {@code ACCOUNT_NOT_FOUND}.
 */
public final class InMemoryAccounts implements AccountService, DirectTransactions.Participant {
    private final BusinessClock clock;
    private Map<Long, Account> accounts = new LinkedHashMap<>();
    private List<LedgerEntry> entries = new ArrayList<>();
    private long nextAccount = 1;

    public InMemoryAccounts() {
        this(new SettableClock());
    }

    public InMemoryAccounts(BusinessClock clock) {
        this.clock = clock;
    }

    /** An existing CASH_PREPAID account of SN with {@code balanceFen} brought forward. */
    public Account seed(long id, long balanceFen) {
        return seed(id, AccountType.CASH_PREPAID, "SN", "张三", balanceFen);
    }

    public Account seed(long id, AccountType type, String province, String holderName, long balanceFen) {
        Account account = new Account(id, type, province, holderName, balanceFen, clock.now());
        accounts.put(id, account);
        nextAccount = Math.max(nextAccount, id + 1);
        return account;
    }

    @Override
    public Account open(AccountType type, String province, String holderName, String orderId) {
        if (type == null || province == null || province.isBlank()) {
            throw ProblemException.badRequest("ACCOUNT_INVALID", "an account needs a type and a province", "type");
        }
        return seed(nextAccount, type, province, holderName == null ? null : holderName.trim(), 0);
    }

    @Override
    public Optional<Account> find(long id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public LedgerEntry post(long accountId, String kind, long amountFen, String orderId, String note) {
        if (kind == null || !kind.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*")) {
            throw ProblemException.badRequest("LEDGER_KIND_INVALID", "a ledger kind is an UPPER_SNAKE word", "kind");
        }
        Account a = require(accountId);
        Account after = new Account(a.id(), a.type(), a.province(), a.holderName(), a.balanceFen() + amountFen,
                a.openedAt());
        accounts.put(accountId, after);
        LedgerEntry entry = new LedgerEntry(entries.size() + 1L, accountId, kind, amountFen, after.balanceFen(),
                clock.now(), orderId, note);
        entries.add(entry);
        return entry;
    }

    @Override
    public Page<LedgerEntry> ledger(long accountId, int offset, int limit) {
        require(accountId);
        List<LedgerEntry> mine = entries(accountId);
        return new Page<>(mine.stream().skip(Math.max(offset, 0)).limit(limit <= 0 ? Page.DEFAULT_LIMIT : limit)
                .toList(), mine.size());
    }

    /** Every entry of every account, oldest first. */
    public List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    /** The entries of one account, oldest first. */
    public List<LedgerEntry> entries(long accountId) {
        return entries.stream().filter(e -> e.accountId() == accountId).toList();
    }

    /** The sum of the entries of one kind on an account. */
    public long posted(long accountId, String kind) {
        return entries(accountId).stream().filter(e -> e.kind().equals(kind)).mapToLong(LedgerEntry::amountFen).sum();
    }

    /** The balance of an account; 404 as {@link #post} for an unknown one. */
    public long balance(long accountId) {
        return require(accountId).balanceFen();
    }

    /** Every account, in the order they were opened or seeded. */
    public List<Account> all() {
        return List.copyOf(accounts.values());
    }

    private Account require(long accountId) {
        Account a = accounts.get(accountId);
        if (a == null) {
            throw ProblemException.notFound("ACCOUNT_NOT_FOUND", "no account " + accountId);
        }
        return a;
    }

    @Override
    public Object snapshot() {
        return List.of(new LinkedHashMap<>(accounts), new ArrayList<>(entries), nextAccount);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        List<Object> all = (List<Object>) snapshot;
        accounts = new LinkedHashMap<>((Map<Long, Account>) all.get(0));
        entries = new ArrayList<>((List<LedgerEntry>) all.get(1));
        nextAccount = (Long) all.get(2);
    }
}
