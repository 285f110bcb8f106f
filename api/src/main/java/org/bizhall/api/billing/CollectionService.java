package org.bizhall.api.billing;

import java.util.List;

import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Arrears collection (rulebook §2, §13): list the accounts in arrears, send each a reminder, and suspend for arrears
 * ({@code SUSPENDED_ARREARS}) the numbers whose oldest unpaid month ended more than {@code arrearsGraceDays} ago. A
 * notice is recorded once per number, kind and oldest unpaid month, so running twice sends nothing twice.
 */
@ProviderType
public interface CollectionService {
    /** Numbers in arrears, of the caller's province (all for an admin), oldest debt first. */
    List<OverdueAccount> overdue(Caller caller);

    /** Runs collection (admin, or a manager/backoffice for its own province). */
    default CollectionRun run(Caller caller) {
        return run(caller, RunControl.NONE);
    }

    /** The run, reporting to {@code control} after each number; when it answers stop, the run ends there. */
    CollectionRun run(Caller caller, RunControl control);

    List<CollectionNotice> notices(Caller caller, String msisdn);
}
