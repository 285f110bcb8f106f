package org.bizhall.api.billing;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/** Arrears computed from the ledger; 404 {@code SUBSCRIBER_NOT_FOUND}, 403 for another province's number. */
@ProviderType
public interface ArrearsService {
    Arrears of(Caller caller, Msisdn msisdn);
}
