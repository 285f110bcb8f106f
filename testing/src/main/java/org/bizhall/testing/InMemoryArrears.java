package org.bizhall.testing;

import java.util.List;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.ArrearsService;
import org.bizhall.api.billing.MonthArrears;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.Subscriber;

/**
 * Arrears over {@link InMemorySubscribers} and {@link InMemoryAccounts}, as the billing bundle computes them for a
 * simple ledger: what the number owes is the negative part of its account's balance; up to {@link #currentMonthFen}
 * of it is the current month's, the rest the previous month's. Refusals as the real service: 404
 * {@code SUBSCRIBER_NOT_FOUND}, 403 {@code OTHER_PROVINCE} for a caller of another province.
 */
public final class InMemoryArrears implements ArrearsService {
    private final InMemorySubscribers subscribers;
    private final InMemoryAccounts accounts;
    private final BusinessClock clock;
    /** How much of what is owed counts as the current month's charges. */
    public long currentMonthFen;

    public InMemoryArrears(InMemorySubscribers subscribers, InMemoryAccounts accounts, BusinessClock clock) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public Arrears of(Caller caller, Msisdn msisdn) {
        Subscriber s = subscribers.find(msisdn)
                .orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number"));
        if (caller != null) {
            caller.requireProvince(s.province());
        }
        long total = Math.max(0, -accounts.balance(s.accountId()));
        long current = Math.min(total, currentMonthFen);
        long previous = total - current;
        return new Arrears(s.msisdn(), s.accountId(), previous > 0
                ? List.of(new MonthArrears(clock.month().minusMonths(1).toString(), previous)) : List.of(), current,
                total);
    }
}
