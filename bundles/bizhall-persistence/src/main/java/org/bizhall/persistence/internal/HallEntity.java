package org.bizhall.persistence.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A hall; its kinds are a comma list of {@link org.bizhall.api.hall.HallKind} names. */
@Entity
@Table(name = "halls")
class HallEntity {
    @Id
    @Column(name = "id", length = 32)
    String id;
    @Column(name = "name", nullable = false, length = 200)
    String name;
    @Column(name = "province", nullable = false, length = 8)
    String province;
    @Column(name = "kinds", nullable = false, length = 200)
    String kinds;
    @Column(name = "county", nullable = false)
    boolean county;
}
