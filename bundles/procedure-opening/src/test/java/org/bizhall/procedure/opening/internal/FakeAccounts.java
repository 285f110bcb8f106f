package org.bizhall.procedure.opening.internal;

import java.time.OffsetDateTime;
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
import org.bizhall.api.service.LedgerEntry;

/** Accounts whose balance is the sum of their ledger, as the contract says. */
final class FakeAccounts implements AccountService {
    private final Map<Long, Account> accounts = new LinkedHashMap<>();
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final OffsetDateTime at = OffsetDateTime.parse("2026-11-10T10:00:00+08:00");

    @Override
    public Account open(AccountType type, String province, String holderName, String orderId) {
        Account account = new Account(accounts.size() + 1L, type, province, holderName, 0, at);
        accounts.put(account.id(), account);
        return account;
    }

    @Override
    public Optional<Account> find(long id) {
        return Optional.ofNullable(accounts.get(id)).map(a -> new Account(a.id(), a.type(), a.province(),
                a.holderName(), entries.stream().filter(e -> e.accountId() == id).mapToLong(LedgerEntry::amountFen).sum(),
                a.openedAt()));
    }

    @Override
    public LedgerEntry post(long accountId, String kind, long amountFen, String orderId, String note) {
        long balance = find(accountId).orElseThrow(() -> ProblemException.notFound("ACCOUNT_UNKNOWN", "no account"))
                .balanceFen() + amountFen;
        LedgerEntry entry = new LedgerEntry(entries.size() + 1L, accountId, kind, amountFen, balance, at, orderId, note);
        entries.add(entry);
        return entry;
    }

    @Override
    public Page<LedgerEntry> ledger(long accountId, int offset, int limit) {
        List<LedgerEntry> mine = entries.stream().filter(e -> e.accountId() == accountId).toList();
        return new Page<>(mine.stream().skip(offset).limit(limit).toList(), mine.size());
    }

    List<Account> all() {
        return List.copyOf(accounts.values());
    }

    /** The sum of entries of one kind on an account. */
    long posted(long accountId, String kind) {
        return entries.stream().filter(e -> e.accountId() == accountId && e.kind().equals(kind))
                .mapToLong(LedgerEntry::amountFen).sum();
    }
}
