package org.bizhall.persistence.internal;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** The last receipt sequence of a hall's business day; locked while the next number is taken. */
@Entity
@Table(name = "receipt_counters")
@IdClass(ReceiptCounterEntity.Key.class)
class ReceiptCounterEntity {
    @Id
    @Column(name = "hall_id", length = 32)
    String hallId;
    @Id
    @Column(name = "business_date", length = 10)
    String businessDate;
    @Column(name = "last_seq", nullable = false)
    int lastSeq;

    /** Composite key: hall and business date. */
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
