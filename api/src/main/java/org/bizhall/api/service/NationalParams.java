package org.bizhall.api.service;

/** Names of the province parameters the national procedures read; their defaults are the rulebook's. */
public final class NationalParams {
    /** How long a number reservation holds before the number returns to the pool. */
    public static final String NUMBER_RESERVATION_MINUTES = "numberReservationMinutes";
    /** Smallest prepaid deposit at account opening (not for a corporate account payer). */
    public static final String OPENING_DEPOSIT_FEN = "openingDepositFen";
    /** SIM card fee at opening and replacement. */
    public static final String SIM_CARD_FEE_FEN = "simCardFeeFen";
    /** A deposit of at least this much waives the SIM card fee. */
    public static final String SIM_FEE_WAIVER_DEPOSIT_FEN = "simFeeWaiverDepositFen";
    /** The same threshold in county-town halls, where a smaller deposit waives the fee (seed 003: 100 yuan, 50 in counties). */
    public static final String SIM_FEE_WAIVER_DEPOSIT_COUNTY_FEN = "simFeeWaiverDepositCountyFen";
    /** Extra deposit when international roaming is opened. */
    public static final String INTL_ROAMING_DEPOSIT_FEN = "intlRoamingDepositFen";
    /** Average bill of the last three months above which a pre-cancellation needs a prepayment. */
    public static final String CANCEL_AVG_BILL_THRESHOLD_FEN = "cancelAvgBillThresholdFen";
    /** The prepayment such a pre-cancellation takes. */
    public static final String CANCEL_PREPAY_FEN = "cancelPrepayFen";
    /** Days a cancelled number rests before it returns to the pool. */
    public static final String NUMBER_QUARANTINE_DAYS = "numberQuarantineDays";
    /** Months a pre-cancelled number waits before its formal cancellation (rulebook §3: three). */
    public static final String CANCELLATION_WAIT_MONTHS = "cancellationWaitMonths";
    /** Days a number stays suspended for arrears before the collection run terminates it (seed 004: two months). */
    public static final String ARREARS_TERMINATE_DAYS = "arrearsTerminateDays";
    /** Smallest deposit of the new holder after an ownership transfer. */
    public static final String TRANSFER_MIN_DEPOSIT_FEN = "transferMinDepositFen";
    /** The same with international long distance open. */
    public static final String TRANSFER_MIN_DEPOSIT_INTL_FEN = "transferMinDepositIntlFen";
    /** Days after the billing period before an account in arrears is suspended. */
    public static final String ARREARS_GRACE_DAYS = "arrearsGraceDays";
    /** Consecutive wrong service-password attempts that lock the password (rulebook §11). */
    public static final String SERVICE_PASSWORD_MAX_ATTEMPTS = "servicePasswordMaxAttempts";
    /** How long a locked service password stays locked, in minutes; 0 locks it until the end of the business day. */
    public static final String SERVICE_PASSWORD_LOCK_MINUTES = "servicePasswordLockMinutes";
    /** Points a billing run earns per whole yuan charged (rulebook §8). */
    public static final String POINTS_PER_YUAN = "pointsPerYuan";
    /** Minutes the big-customer office has to confirm a corporate redemption before the order expires (rulebook §8). */
    public static final String REDEMPTION_OFFICE_MINUTES = "redemptionOfficeMinutes";
    /** Monthly fee of the merchant butler's standalone edition (商户管家单机版, rulebook §13). */
    public static final String MERCHANT_BUTLER_STANDALONE_FEE_FEN = "merchantButlerStandaloneFeeFen";
    /** Monthly fee of the merchant butler's network edition (商户管家网络版, rulebook §13). */
    public static final String MERCHANT_BUTLER_NETWORK_FEE_FEN = "merchantButlerNetworkFeeFen";
    /** Years the merchant butler's papers are kept after the contract ends (rulebook §13: at least 3). */
    public static final String MERCHANT_BUTLER_ARCHIVE_YEARS = "merchantButlerArchiveYears";

    /**
     * Monthly fee of keep-number suspension (停机保号, rulebook §9/§13, seed 004); the seeds name no amount, the default
     * is 5 yuan.
     */
    public static final String KEEP_NUMBER_MONTHLY_FEE_FEN = "keepNumberMonthlyFeeFen";

    private NationalParams() {
    }
}
