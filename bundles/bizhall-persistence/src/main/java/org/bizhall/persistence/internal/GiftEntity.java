package org.bizhall.persistence.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A gift of the catalogue; its stock changes only by conditional bulk updates. */
@Entity
@Table(name = "gifts")
class GiftEntity {
    @Id
    @Column(name = "code", length = 32)
    String code;
    @Column(name = "name", nullable = false, length = 100)
    String name;
    @Column(name = "points", nullable = false)
    long points;
    @Column(name = "stock", nullable = false)
    long stock;
    @Column(name = "credit_fen", nullable = false)
    long creditFen;
}
