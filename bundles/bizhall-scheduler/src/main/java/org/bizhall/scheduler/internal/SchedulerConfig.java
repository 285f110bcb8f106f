package org.bizhall.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.bizhall.scheduler}: how often a node looks for due work, and how long things are kept. */
@ObjectClassDefinition(id = Scheduler.PID, name = "bizhall scheduler",
        description = "Due work (order dates and timeouts, billing and collection runs, purges) claimed through the database")
public @interface SchedulerConfig {
    @AttributeDefinition(name = "Enabled", description = "Whether this node runs due work (every node may; the database keeps each job to one)")
    boolean enabled() default true;

    @AttributeDefinition(name = "Recurring runs", description = "Whether this node adds the recurring runs (month-end billing, daily collection, purges) as they come on the business clock; false leaves them to an admin's start (hall:jobs --run, POST /admin/jobs) or to other nodes")
    boolean recurring() default true;

    @AttributeDefinition(name = "Poll interval (s)", description = "How often this node looks for due work", min = "1")
    int pollSeconds() default 2;

    @AttributeDefinition(name = "Lease (s)", description = "How long a claim holds without news from its node; a run extends it after each page", min = "5")
    int leaseSeconds() default 60;

    @AttributeDefinition(name = "Workers", description = "Jobs this node runs at once", min = "1")
    int workers() default 2;

    @AttributeDefinition(name = "Attempts", description = "Attempts of a failing job before it is given up as FAILED", min = "1")
    int maxAttempts() default 5;

    @AttributeDefinition(name = "Retry delay (s)", description = "Wait before the next attempt of a failed job, times the attempts so far", min = "1")
    int retrySeconds() default 60;

    @AttributeDefinition(name = "Node name", description = "Claim owner written on the jobs this node runs; empty: host name and a random suffix")
    String node() default "";

    @AttributeDefinition(name = "Idempotency key retention (h)", description = "Age after which an Idempotency-Key expires (replays nothing) and is purged; read by the store", min = "1")
    long idempotencyRetentionHours() default 72;

    @AttributeDefinition(name = "Print job retention (days)", description = "Age after which printed or closed print jobs are purged", min = "1")
    int printJobRetentionDays() default 30;
}
