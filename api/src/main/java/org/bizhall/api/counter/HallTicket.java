package org.bizhall.api.counter;

import java.time.OffsetDateTime;

/**
 * A queue ticket of a hall: the machine that issued or called it, its printed number, its queue, how many waited ahead
 * when it was issued, and the counter it was called to (null until called).
 */
public record HallTicket(String hall, String device, String number, String queue, int waitingAhead, String counter,
        OffsetDateTime at) {
}
