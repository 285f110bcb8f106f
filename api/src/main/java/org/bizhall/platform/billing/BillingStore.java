package org.bizhall.platform.billing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.billing.CollectionNotice;
import org.bizhall.api.billing.DayClose;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.Subscriber;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where billing keeps its facts; implemented by the persistence bundle. Calls join the caller's transaction.
 * Correctness lives in the database: a charge is claimed by a unique (account, month, item) row written with its ledger
 * entry under the account's row lock; a notice by a unique (number, kind, oldest month) row; a closed day by its
 * (hall, date) primary key, taken under the hall row lock that receipt numbering also takes.
 */
@ProviderType
public interface BillingStore {
    /**
     * Charges {@code amountFen} (positive; posted negative with ledger kind {@code kind}) for {@code item} of
     * {@code month} unless it was charged before. Returns false, posting nothing, for a repeat.
     */
    boolean chargeOnce(long accountId, String msisdn, YearMonth month, String item, String kind, long amountFen,
            String note);

    /** One charge of a list: {@code amountFen} (positive) on the account, for the number, with the ledger note. */
    record Charge(long accountId, String msisdn, long amountFen, String note) {
    }

    /**
     * {@link #chargeOnce} for many accounts at once, with the same guarantee: each (account, {@code month},
     * {@code item}) is charged at most once, whether it was charged before, is charged by another run at the same
     * moment, or occurs twice in the list (the first counts). Returns, in the order given, whether each charge was
     * posted. An implementation may do it set-based, letting the claims' unique key decide: when another run claimed
     * one of them since it looked, it throws 409 {@code CHARGE_CONFLICT}, and the caller rolls its transaction back
     * and charges the list again. This default charges one by one under each account's lock.
     */
    default List<Boolean> chargeAllOnce(YearMonth month, String item, String kind, List<Charge> charges) {
        return charges.stream().map(c -> chargeOnce(c.accountId(), c.msisdn(), month, item, kind, c.amountFen(),
                c.note())).toList();
    }

    /** The billing month of each billing charge of the account, by ledger entry id. */
    Map<Long, YearMonth> chargeMonths(long accountId);

    /**
     * Up to {@code limit} numbers after {@code afterMsisdn} (null: from the first) whose account balance is below zero,
     * in number order, of {@code province} (null: all). Paged by key, so a long walk costs the same on every page.
     */
    List<String> numbersInArrears(String province, String afterMsisdn, int limit);

    /** Up to {@code limit} subscribers after {@code afterMsisdn} (null: from the first), in number order; by key. */
    List<Subscriber> subscribersAfter(String afterMsisdn, int limit);

    /**
     * The package each of {@code msisdns} had just before {@code until}, for those whose package changed at or after
     * it (the package before the first such change); a number without such a change is absent, its package being the
     * one it has. A billing run of a month asks with the month's end, so a change at the month's turn (or one the
     * scheduler made late) is not charged for the month before it.
     */
    Map<String, String> packagesBefore(Collection<String> msisdns, OffsetDateTime until);

    /** How many subscribers there are (the total of a billing run's progress). */
    long subscriberCount();

    /** Records a notice unless one of the same number, kind and oldest month exists; empty for a repeat. */
    Optional<CollectionNotice> recordNotice(String msisdn, long accountId, String kind, String oldestMonth,
            long arrearsFen, String text);

    List<CollectionNotice> notices(String msisdn);

    /** Receipts of a hall whose business date is {@code date}, in number order. */
    List<Receipt> receipts(String hall, LocalDate date);

    Optional<DayClose> dayClose(String hall, LocalDate date);

    /**
     * Locks the hall row until the transaction ends (receipt numbering takes the same lock), so a day is closed
     * between two receipts, never during one. 404 {@code HALL_NOT_FOUND}.
     */
    void lockHall(String hall);

    /** Stores a closed day; 409 {@code DAY_ALREADY_CLOSED} when it is. */
    DayClose insertDayClose(DayClose close);
}
