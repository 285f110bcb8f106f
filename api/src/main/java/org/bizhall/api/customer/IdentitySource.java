package org.bizhall.api.customer;

/**
 * Where an identity in an order came from: typed at the counter, or read from the hall's ID-card reader. In a request
 * {@link #ID_CARD_READER} asks the engine to read it; in a stored order it says the identity was machine-read.
 */
public enum IdentitySource {
    MANUAL, ID_CARD_READER
}
