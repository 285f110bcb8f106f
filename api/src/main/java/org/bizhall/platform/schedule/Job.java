package org.bizhall.platform.schedule;

import java.time.OffsetDateTime;

/**
 * One item of due work as the database keeps it: what ({@code kind}, {@code key}), when (business time {@code dueAt}),
 * who runs it (claim owner until {@code leaseUntil}, machine time), how far it got ({@code processed} of {@code total}),
 * and how it ended. {@code key} names the occurrence: an order id, a billing month, a date.
 */
public record Job(long id, String kind, String key, JobState state, OffsetDateTime dueAt, String claimedBy,
        OffsetDateTime leaseUntil, int attempts, String lastError, long processed, long total, boolean stopRequested,
        String result, OffsetDateTime startedAt, OffsetDateTime doneAt) {
}
