package org.bizhall.persistence.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A catalogue package; features are a comma list. */
@Entity
@Table(name = "products")
class ProductEntity {
    @Id
    @Column(name = "code", length = 64)
    String code;
    @Column(name = "name", nullable = false, length = 200)
    String name;
    @Column(name = "brand", length = 100)
    String brand;
    @Column(name = "monthly_rent_fen", nullable = false)
    long monthlyRentFen;
    @Column(name = "rent_kind", nullable = false, length = 16)
    String rentKind;
    @Column(name = "features", nullable = false, length = 2000)
    String features;
}
