package org.bizhall.api.customer;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.TextLimits;

/** A document shown at the counter; {@code sealed} says whether it bears the company seal where that matters. */
public record Document(DocumentKind kind, String number, Boolean sealed) {
    /** Checks the document given at {@code field} ({@code documents[0]}): a kind, a number within {@link TextLimits}. */
    public Document validated(String field) {
        if (kind == null) {
            throw ProblemException.badRequest("DOCUMENT_KIND_MISSING", "kind is required", field + ".kind");
        }
        TextLimits.bounded(number, TextLimits.DOCUMENT_NUMBER, field + ".number");
        return this;
    }

    public boolean isSealed() {
        return Boolean.TRUE.equals(sealed);
    }
}
