package org.bizhall.persistence.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** The hall a user works at. */
@Entity
@Table(name = "staff")
class StaffEntity {
    @Id
    @Column(name = "username", length = 64)
    String username;
    @Column(name = "hall_id", nullable = false, length = 32)
    String hallId;
}
