package org.bizhall.api.service;

import java.time.OffsetDateTime;

/** A paying account; {@code balanceFen} is always the sum of its ledger entries. */
public record Account(long id, AccountType type, String province, String holderName, long balanceFen,
        OffsetDateTime openedAt) {
}
