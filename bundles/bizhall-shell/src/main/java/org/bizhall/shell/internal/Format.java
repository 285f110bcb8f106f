package org.bizhall.shell.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

import org.bizhall.api.common.Money;

/** How the shell writes money, times and lists. */
final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Format() {
    }

    /** Yuan with two decimals, the stored fen beside it: {@code 200.00 yuan (20000 fen)}. */
    static String money(long fen) {
        return Money.yuan(fen) + " yuan (" + fen + " fen)";
    }

    /** Yuan with two decimals, for table columns headed in yuan. */
    static String yuan(long fen) {
        return Money.yuan(fen);
    }

    /** Business time as the clock wrote it (its own offset), to the second. */
    static String time(OffsetDateTime time) {
        return time == null ? "" : TIME.format(time);
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static String list(Collection<?> values) {
        return values == null || values.isEmpty() ? "-" : String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
