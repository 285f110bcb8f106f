package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** An audit row; insert-only. */
@Entity
@Table(name = "audit_log")
class AuditEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "occurred_at", nullable = false, updatable = false)
    Instant at;
    @Column(name = "actor", length = 64, updatable = false)
    String actor;
    @Column(name = "action", nullable = false, length = 64, updatable = false)
    String action;
    @Column(name = "order_id", length = 64, updatable = false)
    String orderId;
    @Column(name = "subject", length = 200, updatable = false)
    String subject;
    @Column(name = "amount_fen", updatable = false)
    Long amountFen;
    @Column(name = "detail", length = 2000, updatable = false)
    String detail;
}
