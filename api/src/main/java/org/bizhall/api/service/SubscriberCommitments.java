package org.bizhall.api.service;

/**
 * Contract facts that bind a subscriber to its package ({@link Subscriber#commitments()}, rulebook §10): while one
 * holds, the package cannot be changed.
 */
public final class SubscriberCommitments {
    /** The package came with an agreement number (协议号码). */
    public static final String AGREEMENT_NUMBER = "AGREEMENT_NUMBER";
    /** The package is bound to a subsidised phone (购机绑定). */
    public static final String SUBSIDISED_PHONE = "SUBSIDISED_PHONE";
    /** A prepaid promotion (预存话费送) is not finished. */
    public static final String PREPAID_PROMOTION = "PREPAID_PROMOTION";

    private SubscriberCommitments() {
    }
}
