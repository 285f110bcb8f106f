package org.bizhall.api.order;

/**
 * A back-office decision or a caller's answer that an order was waiting for. {@code step} names the office or call
 * ({@code BIG_CUSTOMER_OFFICE}, {@code ACCOUNTING_OFFICE}, {@code MEMBER_CALL}, {@code CUSTOMER_CALL}, or a step a
 * procedure announces); {@code msisdn} the member called; {@code confirmedFen} an amount the office confirms (the
 * accounting office's over-deducted amount of a bank refund); {@code reference} what the office hands back with its
 * approval (the VPMN group number it assigned, the number of a group-SMS activation notice).
 */
public record Confirmation(String step, Boolean approved, String note, String msisdn, Long confirmedFen,
        String reference) {
    /** A confirmation that hands back no reference. */
    public Confirmation(String step, Boolean approved, String note, String msisdn, Long confirmedFen) {
        this(step, approved, note, msisdn, confirmedFen, null);
    }

    /** A confirmation that confirms no amount. */
    public Confirmation(String step, Boolean approved, String note, String msisdn) {
        this(step, approved, note, msisdn, null, null);
    }
}
