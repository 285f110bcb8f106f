package org.bizhall.platform.store;

import java.time.Instant;

import org.bizhall.api.service.Receipt;

/**
 * A receipt to print: the receipt as it stood when the job was queued ({@code receipt.reprint()} and
 * {@code receipt.reprints()} say which reprint it is), when it was queued and how often a printer refused it.
 */
public record PrintJob(long id, Receipt receipt, Instant queuedAt, int failedAttempts) {
}
