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
import org.bizhall.api.customer.IdType;

/** The categories set for one customer (identity document) in one province. */
@Entity
@Table(name = "customer_categories")
@IdClass(CustomerCategoryEntity.Key.class)
class CustomerCategoryEntity {
    @Id
    @Column(name = "province", length = 8)
    String province;
    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "id_type", length = 32)
    IdType idType;
    @Id
    @Column(name = "id_number", length = TextLimits.ID_NUMBER)
    String idNumber;
    @Column(name = "categories", nullable = false, length = 200)
    String categories;
    @Column(name = "reason", nullable = false, length = TextLimits.NOTE)
    String reason;
    @Column(name = "changed_by", nullable = false, length = 64)
    String changedBy;
    @Column(name = "changed_at", nullable = false)
    Instant changedAt;

    /** The composite key: province, identity document type and number. */
    static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String province;
        IdType idType;
        String idNumber;

        Key() {
        }

        Key(String province, IdType idType, String idNumber) {
            this.province = province;
            this.idType = idType;
            this.idNumber = idNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(province, k.province) && idType == k.idType
                    && Objects.equals(idNumber, k.idNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(province, idType, idNumber);
        }
    }
}
