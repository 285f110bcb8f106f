package org.bizhall.api.service;

/** Who pays and how: real-time prepaid, personal bank collection, corporate account. */
public enum AccountType {
    CASH_PREPAID, BANK_COLLECTION, CORPORATE_ACCOUNT
}
