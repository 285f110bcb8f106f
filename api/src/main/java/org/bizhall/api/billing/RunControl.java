package org.bizhall.api.billing;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a long billing or collection run reports to, page by page, and asks whether to go on. A run
 * that is told to stop ends after the page it is on, leaving everything it did committed.
 */
@ConsumerType
@FunctionalInterface
public interface RunControl {
    /** A run nobody watches: it never stops early. */
    RunControl NONE = (processed, total) -> true;

    /** {@code processed} of {@code total} items are done; false when the run should stop now. */
    boolean progress(long processed, long total);
}
