package org.bizhall.api.customer;

/** A document shown at the counter; {@code sealed} says whether it bears the company seal where that matters. */
public record Document(DocumentKind kind, String number, Boolean sealed) {
    public boolean isSealed() {
        return Boolean.TRUE.equals(sealed);
    }
}
