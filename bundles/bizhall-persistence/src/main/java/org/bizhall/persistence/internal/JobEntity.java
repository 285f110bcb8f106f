package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** A job of {@code jobs}; claims, progress and ends change only through conditional bulk updates in {@link JpaJobStore}. */
@Entity
@Table(name = "jobs")
class JobEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "kind", nullable = false, length = 32, updatable = false)
    String kind;
    @Column(name = "job_key", nullable = false, length = 64, updatable = false)
    String key;
    @Column(name = "state", nullable = false, length = 16)
    String state;
    /** Business time. */
    @Column(name = "due_at", nullable = false)
    Instant dueAt;
    @Column(name = "claimed_by", length = 64)
    String claimedBy;
    /** Machine time. */
    @Column(name = "lease_until")
    Instant leaseUntil;
    @Column(name = "attempts", nullable = false)
    int attempts;
    @Column(name = "last_error", length = 1000)
    String lastError;
    @Column(name = "processed", nullable = false)
    long processed;
    @Column(name = "total", nullable = false)
    long total;
    @Column(name = "stop_requested", nullable = false)
    boolean stopRequested;
    @Column(name = "result", length = 1000)
    String result;
    /** Business time. */
    @Column(name = "started_at")
    Instant startedAt;
    /** Business time. */
    @Column(name = "done_at")
    Instant doneAt;
}
