package org.bizhall.persistence.internal;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** The claim of one (number, billed month) earning; insert-only, its key is what makes an earning happen once. */
@Entity
@Table(name = "points_earnings")
@IdClass(PointsEarningEntity.Key.class)
class PointsEarningEntity {
    @Id
    @Column(name = "msisdn", length = 11)
    String msisdn;
    @Id
    @Column(name = "earn_month", length = 7)
    String month;
    @Column(name = "movement_id", nullable = false)
    long movementId;

    /** The composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String msisdn;
        String month;

        public Key() {
        }

        Key(String msisdn, String month) {
            this.msisdn = msisdn;
            this.month = month;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(msisdn, k.msisdn) && Objects.equals(month, k.month);
        }

        @Override
        public int hashCode() {
            return Objects.hash(msisdn, month);
        }
    }
}
