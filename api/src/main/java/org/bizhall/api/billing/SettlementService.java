package org.bizhall.api.billing;

import java.time.LocalDate;

import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Daily settlement. A day after today is 422 {@code SETTLEMENT_DATE_FUTURE}; closing takes a manager (or admin) of
 * the hall (403 otherwise) and the counted cash; a closed day is 409 {@code DAY_ALREADY_CLOSED} and takes no more
 * receipts: payments after closing go to the next business day.
 */
@ProviderType
public interface SettlementService {
    Settlement get(Caller caller, String hall, LocalDate date);

    Settlement close(Caller caller, String hall, LocalDate date, Long countedCashFen);
}
