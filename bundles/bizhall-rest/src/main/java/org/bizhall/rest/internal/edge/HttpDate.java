package org.bizhall.rest.internal.edge;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The text of an answer's {@code Date} header (RFC 9110's IMF-fixdate), made once a second. CXF writes the header
 * itself into an answer that has none, with a {@code SimpleDateFormat} made for that answer (about 1 % of a request's
 * CPU); it leaves the header alone when the answer carries one already, so the answers the application builds as
 * {@code Response} objects on the busy paths (the idempotent POSTs, the lists, the problems) carry this.
 */
public final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private record Stamp(long second, String text) {
    }

    private static volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    private HttpDate() {
    }

    /** Now, as the header's text. */
    public static String now() {
        return at(System.currentTimeMillis());
    }

    static String at(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        Stamp stamp = last;
        if (stamp.second() != second) {
            // two threads crossing a second at once both format it: the same text, one of them kept
            stamp = new Stamp(second, IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
            last = stamp;
        }
        return stamp.text();
    }
}
