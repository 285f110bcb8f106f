package org.bizhall.api.service;

import java.util.Optional;

import org.bizhall.api.common.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Accounts and their ledger. Every change of a balance is a new ledger entry written in the same transaction, under a
 * lock on the account row; entries are never updated or deleted.
 */
@ProviderType
public interface AccountService {
    Account open(AccountType type, String province, String holderName, String orderId);

    Optional<Account> find(long id);

    /** Posts a movement and returns it; {@code kind} is an UPPER_SNAKE word such as DEPOSIT, PRESTORE, RENT. */
    LedgerEntry post(long accountId, String kind, long amountFen, String orderId, String note);

    Page<LedgerEntry> ledger(long accountId, int offset, int limit);
}
