package org.bizhall.api.service;

import java.time.OffsetDateTime;

/** An immutable movement on an account: credit to the customer positive, charge negative. */
public record LedgerEntry(long id, long accountId, String kind, long amountFen, long balanceAfterFen, OffsetDateTime at,
        String orderId, String note) {
}
