package org.bizhall.procedure.products.internal;

/** Names of what the product changes keep in the order's result. */
final class ResultKeys {
    static final String MSISDN = "msisdn";
    static final String PACKAGE_BEFORE = "packageBefore";
    static final String PACKAGE = "package";
    static final String PACKAGE_NAME = "packageName";
    static final String MONTHLY_RENT_FEN = "monthlyRentFen";
    static final String EFFECTIVE_FROM = "effectiveFrom";
    static final String OLD_PACKAGE_GIFTS_STOP = "oldPackageGiftsStop";
    static final String NOTICE = "notice";
    static final String CHANGED_AT = "changedAt";
    static final String REFUSED = "refused";
    static final String ACTION = "action";
    static final String FEATURES = "features";
    static final String ACCOUNT_TYPE = "accountType";
    static final String INTL_ROAMING_DEPOSIT_FEN = "intlRoamingDepositFen";
    static final String GUARANTEE_LETTER = "guaranteeLetter";
    static final String LEVEL_BEFORE = "levelBefore";
    static final String LEVEL = "level";
    static final String RECEIPT_ADVICE = "receiptAdvice";

    private ResultKeys() {
    }
}
