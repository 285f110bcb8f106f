package org.bizhall.procedure.cancellation.internal;

/** Names of what the cancellations keep in the order's result. */
final class ResultKeys {
    static final String MSISDN = "msisdn";
    static final String STATUS_BEFORE = "statusBefore";
    static final String STATUS = "status";
    static final String REASON = "reason";
    static final String RETENTION_OFFER = "retentionOffer";
    static final String RETAINED = "retained";
    static final String AVERAGE_BILL_FEN = "averageBillFen";
    static final String PREPAY_REQUIRED = "prepayRequired";
    static final String PREPAY_BECAUSE = "prepayBecause";
    static final String CANCELLABLE_FROM = "cancellableFrom";
    static final String SETTLEMENT = "settlement";
    static final String BALANCE_BEFORE_FEN = "balanceBeforeFen";
    static final String REFUNDED_FEN = "refundedFen";
    static final String COLLECTED_FEN = "collectedFen";
    static final String RESTORED = "restored";
    static final String QUARANTINED_UNTIL = "quarantinedUntil";

    private ResultKeys() {
    }
}
