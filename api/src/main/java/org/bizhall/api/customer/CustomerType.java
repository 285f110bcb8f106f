package org.bizhall.api.customer;

/** Personal subscribers identify with a personal document; corporate ones with a business licence. */
public enum CustomerType {
    PERSONAL, CORPORATE
}
