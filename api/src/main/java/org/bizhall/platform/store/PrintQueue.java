package org.bizhall.platform.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receipts waiting for paper, kept in the database. The {@link org.bizhall.api.service.ReceiptService} queues a job
 * for every receipt it issues or reprints in that receipt's own transaction: a committed receipt always has its job,
 * a rolled back one never has. A printing node claims a hall's oldest waiting job for a while (a lease) before it
 * prints it and then completes or releases it; the claim is a conditional update, so nodes sharing the database print
 * a job once and a hall's jobs in order. A claim neither completed nor released (a node that died mid-print) expires
 * and the job is taken again. Calls join the caller's transaction or run in their own.
 */
@ProviderType
public interface PrintQueue {
    /** Halls that have jobs waiting, in no particular order. */
    List<String> hallsWaiting();

    /** How many jobs of {@code hall} wait. */
    int waiting(String hall);

    /**
     * Claims the oldest waiting job of {@code hall} for {@code claimant} until {@code lease} from now. Empty when the
     * hall has none, or when another claimant holds a live claim on it (that one is printing the hall).
     */
    Optional<PrintJob> claimNext(String hall, String claimant, Duration lease);

    /**
     * Ends a job {@code claimant} holds with {@code outcome} ({@code device}: what printed it, may be null); false
     * when the job was no longer waiting or no longer claimed by it.
     */
    boolean complete(long job, String claimant, PrintOutcome outcome, String device);

    /**
     * {@link #complete Completes} {@code job} and {@link #claimNext claims} the next waiting job of {@code hall}, in
     * one transaction where the store can: a printer working through a queue then pays one transaction a receipt, not
     * two. The next job is claimed whether or not the completion took. A failure may leave both undone (they share the
     * transaction), so a caller that printed {@code job} completes it on its own before it gives up.
     */
    default Handover completeAndClaimNext(long job, String claimant, PrintOutcome outcome, String device, String hall,
            Duration lease) {
        boolean completed = complete(job, claimant, outcome, device);
        return new Handover(completed, claimNext(hall, claimant, lease));
    }

    /**
     * What {@link #completeAndClaimNext} did: whether the job ended as asked ({@link #complete}'s answer) and the job
     * claimed next, if any.
     */
    record Handover(boolean completed, Optional<PrintJob> next) {
    }

    /** Gives a claimed job back to wait again (the printer did not take it), counting the attempt. */
    void release(long job, String claimant);

    /**
     * Ends every job of {@code hall} queued before {@code queuedBefore} with {@code outcome} that nobody else holds a
     * live claim on; returns how many. For halls that have no printer to print them.
     */
    int closeWaiting(String hall, String claimant, PrintOutcome outcome, Instant queuedBefore);

    /** Deletes the jobs that ended (printed or closed) before {@code doneBefore}; waiting jobs stay. Returns how many. */
    int purgeDone(Instant doneBefore);
}
