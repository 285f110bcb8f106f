package org.bizhall.api.customer;

/** Identity documents a hall accepts. */
public enum IdType {
    ID_CARD, PASSPORT, OFFICER_CARD, HOUSEHOLD_REGISTER, DRIVING_LICENCE, BUSINESS_LICENCE
}
