package org.bizhall.api.common;

import java.util.Map;

/**
 * The longest text the system keeps in each kind of field, declared once: the store sizes its columns with these
 * numbers and the edge refuses longer input with {@value #TOO_LONG} before anything is written, so a value that was
 * accepted can always be stored. Lengths count UTF-16 code units ({@link String#length()}), which is never less than
 * the characters a database counts.
 */
public final class TextLimits {
    /** The problem code of a text longer than its limit (400, with the field). */
    public static final String TOO_LONG = "TEXT_TOO_LONG";

    /** A person's or a company's name (holder, party, account holder). */
    public static final int NAME = 200;
    /** An identity document's number (resident ID, credit code, passport, ...). */
    public static final int ID_NUMBER = 64;
    /** A postal address. */
    public static final int ADDRESS = 500;
    /** The number written on a document shown at the counter. */
    public static final int DOCUMENT_NUMBER = 64;
    /** A free-text note or reason (a back-office confirmation's note, an adjustment's reason). */
    public static final int NOTE = 2000;
    /** A procedure id as an envelope names it. */
    public static final int PROCEDURE_ID = 64;
    /** Any one string inside an envelope's {@code params}. */
    public static final int PARAM_TEXT = 2000;
    /** The order id in a path or a rating. */
    public static final int ORDER_ID = 64;

    private TextLimits() {
    }

    /**
     * Every limit by the name of the value it bounds, so documentation and schema checks can list them without
     * repeating the numbers.
     */
    public static Map<String, Integer> all() {
        return Map.of("name", NAME, "idNumber", ID_NUMBER, "address", ADDRESS, "documentNumber", DOCUMENT_NUMBER,
                "note", NOTE, "procedure", PROCEDURE_ID, "paramText", PARAM_TEXT, "orderId", ORDER_ID);
    }

    /**
     * {@code value} unchanged when it is null or at most {@code max} long; otherwise a 400 {@value #TOO_LONG} naming
     * {@code field}. The detail says the limit, never the value (which may be personal data).
     */
    public static String bounded(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw ProblemException.badRequest(TOO_LONG, (field == null ? "the text" : field)
                    + " is longer than " + max + " characters", field);
        }
        return value;
    }
}
