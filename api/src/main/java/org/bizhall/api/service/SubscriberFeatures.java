package org.bizhall.api.service;

/**
 * Feature words a subscriber carries ({@link Subscriber#features()}) that national rules read. Provinces may add
 * words of their own; a rule never depends on a word it does not name here or in its own bundle.
 */
public final class SubscriberFeatures {
    /** International roaming is open (a deposit or a guarantee letter was given; pre-cancellation prepays). */
    public static final String INTL_ROAMING = "INTL_ROAMING";
    /** The long-distance level includes international calls (a transfer demands the higher deposit). */
    public static final String INTL_LONG_DISTANCE = "INTL_LONG_DISTANCE";
    /** Member of a VPMN group: the group's discount applies. */
    public static final String VPMN = "VPMN";

    private SubscriberFeatures() {
    }
}
