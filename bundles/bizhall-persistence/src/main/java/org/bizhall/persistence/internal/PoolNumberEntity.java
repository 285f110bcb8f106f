package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.bizhall.api.service.NumberStatus;

/** A pool number. Status changes go through conditional bulk updates, never through this entity's dirty state. */
@Entity
@Table(name = "pool_numbers")
class PoolNumberEntity {
    @Id
    @Column(name = "msisdn", length = 11)
    String msisdn;
    @Column(name = "province", nullable = false, length = 8)
    String province;
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    NumberStatus status;
    @Column(name = "prestore_fen", nullable = false)
    long prestoreFen;
    @Column(name = "reserved_by", length = 64)
    String reservedBy;
    @Column(name = "order_id", length = 64)
    String orderId;
    @Column(name = "expires_at")
    Instant expiresAt;
}
