package org.bizhall.api.customer;

/** The part a person other than the holder plays in an order. */
public enum PartyRole {
    PROXY, NEW_HOLDER, BANK_ACCOUNT_HOLDER, CONTACT
}
