package org.bizhall.procedure.opening.internal;

/**
 * Names of what an opening keeps in the order's result: the quote's figures, which execute credits exactly as they
 * were paid, and, once executed, the new subscriber and the after-care the counter owes the customer.
 */
final class ResultKeys {
    static final String ACCOUNT_TYPE = "accountType";
    static final String DEPOSIT_FEN = "depositFen";
    static final String PRESTORE_FEN = "prestoreFen";
    static final String INTL_ROAMING_DEPOSIT_FEN = "intlRoamingDepositFen";
    static final String SIM_CARD_FEE_FEN = "simCardFeeFen";
    static final String SIM_CARD_FEE_WAIVED = "simCardFeeWaived";
    static final String PACKAGE = "package";
    static final String PACKAGE_NAME = "packageName";
    static final String MONTHLY_RENT_FEN = "monthlyRentFen";
    static final String FIRST_MONTH_RENT_FEN = "firstMonthRentFen";
    static final String FEATURES = "features";
    static final String SIM_CAPACITY = "simCapacity";
    static final String RESERVATION_EXPIRES_AT = "reservationExpiresAt";

    static final String MSISDN = "msisdn";
    static final String ACCOUNT_ID = "accountId";
    static final String BALANCE_FEN = "balanceFen";
    static final String KIOSK_SURPLUS_FEN = "kioskSurplusFen";
    static final String SERVICE_PASSWORD_SET = "servicePasswordSet";
    static final String SERVICE_PASSWORD_ADVICE = "servicePasswordAdvice";
    static final String AGREEMENT_SIGNATURES = "agreementSignatures";
    static final String RECEIPT_ADVICE = "receiptAdvice";
    static final String SATISFACTION_SURVEY = "satisfactionSurvey";

    private ResultKeys() {
    }
}
