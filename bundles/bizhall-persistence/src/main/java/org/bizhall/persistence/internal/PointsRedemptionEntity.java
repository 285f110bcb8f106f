package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** What a redemption order took; its state moves HELD → GIVEN_BACK once, by a conditional update. */
@Entity
@Table(name = "points_redemptions")
class PointsRedemptionEntity {
    static final String HELD = "HELD";
    static final String GIVEN_BACK = "GIVEN_BACK";

    @Id
    @Column(name = "order_id", length = 36)
    String orderId;
    @Column(name = "msisdn", nullable = false, length = 11)
    String msisdn;
    @Column(name = "gift_code", nullable = false, length = 32)
    String giftCode;
    @Column(name = "quantity", nullable = false)
    int quantity;
    @Column(name = "points", nullable = false)
    long points;
    @Column(name = "state", nullable = false, length = 16)
    String state;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
