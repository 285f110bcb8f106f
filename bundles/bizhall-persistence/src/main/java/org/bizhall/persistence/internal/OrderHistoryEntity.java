package org.bizhall.persistence.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

import org.bizhall.api.common.TextLimits;
import org.bizhall.api.order.OrderState;

/** One entry of an order's history, numbered from 0 in the order it happened; insert-only. */
@Entity
@Table(name = "order_history")
@IdClass(OrderHistoryEntity.Key.class)
class OrderHistoryEntity {
    @Id
    @Column(name = "order_id", length = 64)
    String orderId;
    @Id
    @Column(name = "seq")
    int seq;
    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 32, updatable = false)
    OrderState state;
    @Column(name = "changed_at", nullable = false, updatable = false)
    Instant at;
    @Column(name = "actor", length = 64, updatable = false)
    String actor;
    @Column(name = "provider", length = 200, updatable = false)
    String provider;
    @Column(name = "note", length = TextLimits.NOTE, updatable = false)
    String note;

    /** Composite key: order and sequence. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String orderId;
        int seq;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(orderId, k.orderId) && seq == k.seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderId, seq);
        }
    }
}
