package org.bizhall.rest.internal.edge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class ResponseDateTest {
    private final AtomicLong clock = new AtomicLong(Instant.parse("2026-12-05T00:46:29.250Z").toEpochMilli());
    private final ResponseDate date = new ResponseDate(clock::get);

    @Test
    public void theHeaderIsAnImfFixdateOfTheCurrentSecond() {
        assertEquals("Sat, 05 Dec 2026 00:46:29 GMT", date.now());
        // what HTTP clients parse it with reads the same instant back
        assertEquals(Instant.parse("2026-12-05T00:46:29Z"),
                ZonedDateTime.parse(date.now(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    }

    @Test
    public void oneSecondSharesOneTextAndTheNextSecondHasItsOwn() {
        String first = date.now();
        clock.addAndGet(700);
        assertSame(first, date.now());
        clock.addAndGet(100);
        assertEquals("Sat, 05 Dec 2026 00:46:30 GMT", date.now());
    }
}
