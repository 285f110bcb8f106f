package org.bizhall.platform.schedule;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The scheduler as admins see it (shell {@code hall:jobs}, HTTP {@code /admin/jobs}): the jobs, and the recurring runs
 * they may start now. A started run is a job like any other: whichever node claims it first runs it, and its row shows
 * its progress. Implemented by the scheduler.
 */
@ProviderType
public interface Jobs {
    /** The kinds an admin may start (the recurring runs this node knows), e.g. {@code BILLING_RUN}. */
    Set<String> startableKinds();

    /**
     * Makes the occurrence {@code key} of {@code kind} due now (null key: the latest occurrence due on the business
     * clock, e.g. the previous month for a billing run) and answers its job. 400 {@code JOB_KIND_UNKNOWN} for a kind
     * that cannot be started, {@code JOB_KEY_INVALID} for a key of the wrong form; 422 {@code MONTH_NOT_ENDED} or
     * {@code JOB_NOT_DUE} for an occurrence in the future; 409 {@code JOB_RUNNING} while it runs.
     */
    Job start(String user, String kind, String key);

    Optional<Job> find(long id);

    /** Jobs in {@code states} (all when empty), latest due first. */
    Page<Job> list(Collection<JobState> states, int offset, int limit);

    /**
     * Stops a job: a waiting one at once, a running one after the page it is on (what it did stays done). 404
     * {@code JOB_NOT_FOUND}; 409 {@code JOB_ENDED} when it had already ended.
     */
    Job stop(String user, long id);
}
