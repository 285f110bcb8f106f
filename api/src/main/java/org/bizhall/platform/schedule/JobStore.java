package org.bizhall.platform.schedule;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bizhall.api.common.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Due work kept in the database, one row per (kind, key). A node claims a job with one conditional update (due on the
 * business clock, and waiting or with an expired lease), so two nodes never run one job at once and a job whose node
 * died is taken again once its lease (machine time) has run out. Every change by a runner names the runner: a node
 * whose lease was taken over changes nothing any more. Implemented by the store.
 */
@ProviderType
public interface JobStore {
    /** Adds {@code kind}/{@code key} due at {@code dueAt} unless that job exists; true when this call added it. */
    boolean addIfAbsent(String kind, String key, OffsetDateTime dueAt);

    /**
     * Makes {@code kind}/{@code key} due now on the business clock (added if absent, made to wait again if it ended).
     * 409 {@code JOB_RUNNING} while a node holds a live lease on it.
     */
    Job trigger(String kind, String key);

    /**
     * Claims up to {@code max} jobs of {@code kinds} that are due on the business clock and waiting, or running on an
     * expired lease; each claimed job counts one more attempt. Oldest due first.
     */
    List<Job> claimDue(Collection<String> kinds, String owner, Duration lease, int max);

    /**
     * Records how far {@code owner}'s run got and extends its lease; false when the job is no longer {@code owner}'s
     * (the lease was taken over) or a stop was requested: the run then ends between two pages.
     */
    boolean progress(long id, String owner, long processed, long total, Duration lease);

    /** Ends {@code owner}'s run as {@code state} (DONE, STOPPED or FAILED) with {@code result}; false when not its own. */
    boolean finish(long id, String owner, JobState state, String result);

    /** Gives the job back to wait until {@code retryAt} after a failed attempt, keeping {@code error}. */
    boolean retry(long id, String owner, String error, OffsetDateTime retryAt);

    /** Asks the run of the job to stop between two pages; a waiting job is stopped at once. False when it had ended. */
    boolean requestStop(long id);

    Optional<Job> find(long id);

    /** The job {@code kind}/{@code key}, if any. */
    Optional<Job> find(String kind, String key);

    /** Jobs in {@code states} (all when empty), latest due first. */
    Page<Job> list(Collection<JobState> states, int offset, int limit);
}
