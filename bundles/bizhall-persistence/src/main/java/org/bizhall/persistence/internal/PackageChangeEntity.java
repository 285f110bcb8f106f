package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** A package change of a number as it was made; insert-only, the billing run reads what a month's package was. */
@Entity
@Table(name = "package_changes")
class PackageChangeEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "msisdn", nullable = false, length = 11, updatable = false)
    String msisdn;
    @Column(name = "package_before", length = 64, updatable = false)
    String packageBefore;
    @Column(name = "package_after", nullable = false, length = 64, updatable = false)
    String packageAfter;
    @Column(name = "changed_at", nullable = false, updatable = false)
    Instant changedAt;
    @Column(name = "order_id", length = 64, updatable = false)
    String orderId;
}
