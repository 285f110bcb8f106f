package org.bizhall.persistence.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A closed hall day; insert-only (a closed day is never reopened). */
@Entity
@Table(name = "day_closes")
@IdClass(DayCloseEntity.Key.class)
class DayCloseEntity {
    @Id
    @Column(name = "hall_id", length = 32)
    String hallId;
    @Id
    @Column(name = "business_date", length = 10)
    String businessDate;
    @Column(name = "total_fen", nullable = false, updatable = false)
    long totalFen;
    @Column(name = "cash_fen", nullable = false, updatable = false)
    long cashFen;
    @Column(name = "counted_cash_fen", nullable = false, updatable = false)
    long countedCashFen;
    @Column(name = "difference_fen", nullable = false, updatable = false)
    long differenceFen;
    @Column(name = "closed_by", nullable = false, length = 64, updatable = false)
    String closedBy;
    @Column(name = "closed_at", nullable = false, updatable = false)
    Instant closedAt;

    /** The composite key: hall and business date. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String hallId;
        String businessDate;

        public Key() {
        }

        Key(String hallId, String businessDate) {
            this.hallId = hallId;
            this.businessDate = businessDate;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(hallId, k.hallId) && Objects.equals(businessDate, k.businessDate);
        }

        @Override
        public int hashCode() {
            return Objects.hash(hallId, businessDate);
        }
    }
}
