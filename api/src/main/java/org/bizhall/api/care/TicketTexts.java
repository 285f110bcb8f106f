package org.bizhall.api.care;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bizhall.api.common.Masking;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.TextLimits;

/**
 * The free texts of a ticket as they are kept (by the store and the test fakes alike): bounded by {@link TextLimits#NOTE} and with every run of 15 to 19
 * digits (a resident ID, with its check character, or a bank card number) masked to its last four, so a customer who
 * dictates an ID or card number leaves none in the store, the answers or the audit. Shorter numbers (a phone number,
 * an amount) and Chinese text stay as written.
 */
public final class TicketTexts {
    private static final Pattern IDENTITY_NUMBER = Pattern.compile("(?<![0-9])[0-9]{14,18}[0-9Xx](?![0-9Xx])");

    private TicketTexts() {
    }

    /** {@code text} trimmed, bounded and masked; 400 {@code TICKET_TEXT_MISSING} when required and blank. */
    public static String kept(String text, boolean required, String field) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw ProblemException.badRequest("TICKET_TEXT_MISSING", field + " is required", field);
            }
            return null;
        }
        TextLimits.bounded(text, TextLimits.NOTE, field);
        return masked(text.strip());
    }

    public static String masked(String text) {
        Matcher m = IDENTITY_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Masking.idNumber(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
