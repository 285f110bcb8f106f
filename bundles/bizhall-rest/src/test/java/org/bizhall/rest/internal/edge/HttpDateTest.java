package org.bizhall.rest.internal.edge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.Test;

public class HttpDateTest {
    @Test
    public void theDateIsAnImfFixdateInGmtWithATwoDigitDay() {
        long at = Instant.parse("2026-12-05T08:04:09.750Z").toEpochMilli();
        assertEquals("Sat, 05 Dec 2026 08:04:09 GMT", HttpDate.at(at));
        // what HTTP clients parse it with
        assertEquals(Instant.parse("2026-12-05T08:04:09Z"),
                ZonedDateTime.parse(HttpDate.at(at), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    }

    @Test
    public void oneTextServesASecondAndTheNextSecondHasItsOwn() {
        long second = Instant.parse("2026-12-05T23:59:59Z").toEpochMilli();
        String first = HttpDate.at(second + 10);
        assertSame(first, HttpDate.at(second + 990));
        assertEquals("Sun, 06 Dec 2026 00:00:00 GMT", HttpDate.at(second + 1000));
    }
}
