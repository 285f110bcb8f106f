package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** A receipt to print; claims and outcomes change only through conditional bulk updates in {@link JpaPrintQueue}. */
@Entity
@Table(name = "print_jobs")
class PrintJobEntity {
    static final String WAITING = "WAITING";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "receipt_number", nullable = false, length = 64, updatable = false)
    String receiptNumber;
    @Column(name = "hall_id", nullable = false, length = 32, updatable = false)
    String hallId;
    /** 0 for the receipt as issued, else which reprint. */
    @Column(name = "reprint_no", nullable = false, updatable = false)
    int reprintNo;
    @Column(name = "state", nullable = false, length = 16)
    String state;
    @Column(name = "queued_at", nullable = false, updatable = false)
    Instant queuedAt;
    @Column(name = "failed_attempts", nullable = false)
    int failedAttempts;
    @Column(name = "claimed_by", length = 64)
    String claimedBy;
    @Column(name = "claimed_until")
    Instant claimedUntil;
    @Column(name = "device_id", length = 64)
    String deviceId;
    @Column(name = "done_at")
    Instant doneAt;
}
