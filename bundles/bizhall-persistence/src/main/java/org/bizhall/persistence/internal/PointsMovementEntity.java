package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** One movement of a points balance; insert-only. */
@Entity
@Table(name = "points_movements")
class PointsMovementEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "msisdn", nullable = false, length = 11, updatable = false)
    String msisdn;
    @Column(name = "kind", nullable = false, length = 16, updatable = false)
    String kind;
    @Column(name = "points", nullable = false, updatable = false)
    long points;
    @Column(name = "balance_after", nullable = false, updatable = false)
    long balanceAfter;
    @Column(name = "earn_month", length = 7, updatable = false)
    String month;
    @Column(name = "gift_code", length = 32, updatable = false)
    String giftCode;
    @Column(name = "quantity", updatable = false)
    Integer quantity;
    @Column(name = "order_id", length = 36, updatable = false)
    String orderId;
    @Column(name = "reason", length = 200, updatable = false)
    String reason;
    @Column(name = "done_by", length = 64, updatable = false)
    String by;
    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;
}
