package org.bizhall.api.billing;

import java.time.YearMonth;
import java.util.Map;

import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The monthly billing run (admin only): every active subscriber's account is charged its package's rent for a month
 * that has ended on the business clock (422 {@code MONTH_NOT_ENDED} otherwise). Each (account, month, item) is charged
 * at most once, whoever runs it and however often: a repeat answers with {@code charged} 0.
 */
@ProviderType
public interface BillingService {
    default BillingRun run(Caller caller, YearMonth month) {
        return run(caller, month, RunControl.NONE);
    }

    /**
     * The run, reporting to {@code control} after each page of subscribers; when it answers stop, the run ends after
     * that page and answers what it did (running the month again later charges only what was left).
     */
    BillingRun run(Caller caller, YearMonth month, RunControl control);

    /**
     * The month each billing charge on {@code accountId} bills, by the id of its ledger entry: a run posts a month's
     * charge after the month has ended, so the entry's time alone does not tell its month (an itemized bill needs it).
     * Entries that no billing run posted are absent; a service that keeps no charges (a test double) answers none.
     */
    default Map<Long, YearMonth> billedMonths(long accountId) {
        return Map.of();
    }
}
