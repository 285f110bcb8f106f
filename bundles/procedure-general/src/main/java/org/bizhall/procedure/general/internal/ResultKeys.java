package org.bizhall.procedure.general.internal;

/** Names of what the general services keep in the order's result. */
final class ResultKeys {
    static final String MSISDN = "msisdn";
    static final String STATUS_BEFORE = "statusBefore";
    static final String STATUS = "status";
    static final String ICCID = "iccid";
    static final String SIM_CARD_FEE_FEN = "simCardFeeFen";
    static final String SERVICE_RESTORED = "serviceRestored";
    static final String RECEIPT_ADVICE = "receiptAdvice";

    private ResultKeys() {
    }
}
