package org.bizhall.platform.schedule;

/**
 * Where a job stands. {@code WAITING} until its due time has come and a node claims it; {@code RUNNING} while a node
 * holds a live lease on it (a lease that expires makes it claimable again); then {@code DONE}, {@code FAILED} (given up
 * after its attempts) or {@code STOPPED} (an admin stopped it; what it did stays done).
 */
public enum JobState {
    WAITING, RUNNING, DONE, FAILED, STOPPED
}
