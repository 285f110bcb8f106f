package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A number's points balance; changed only by conditional bulk updates that keep it at zero or above. */
@Entity
@Table(name = "points_balances")
class PointsBalanceEntity {
    @Id
    @Column(name = "msisdn", length = 11)
    String msisdn;
    @Column(name = "balance", nullable = false)
    long balance;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
