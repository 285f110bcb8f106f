package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A satisfaction rating of one order; insert-only (a rating is never changed). */
@Entity
@Table(name = "order_ratings")
class RatingEntity {
    @Id
    @Column(name = "order_id", length = 64)
    String orderId;
    @Column(name = "hall_id", nullable = false, length = 32, updatable = false)
    String hallId;
    @Column(name = "province", nullable = false, length = 16, updatable = false)
    String province;
    @Column(name = "operator", nullable = false, length = 64, updatable = false)
    String operator;
    @Column(name = "score", nullable = false, updatable = false)
    int score;
    @Column(name = "rating_source", nullable = false, length = 16, updatable = false)
    String source;
    @Column(name = "device_id", length = 64, updatable = false)
    String deviceId;
    @Column(name = "recorded_by", nullable = false, length = 64, updatable = false)
    String recordedBy;
    @Column(name = "rated_at", nullable = false, updatable = false)
    Instant ratedAt;
    @Column(name = "business_date", nullable = false, length = 10, updatable = false)
    String businessDate;
}
