package org.bizhall.persistence.internal;

import java.time.Instant;
import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.bizhall.api.common.TextLimits;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.service.SubscriberStatus;

/** A subscriber; the service password is kept only as a salted PBKDF2 hash. */
@Entity
@Table(name = "subscribers")
class SubscriberEntity {
    @Id
    @Column(name = "msisdn", length = 11)
    String msisdn;
    @Column(name = "province", nullable = false, length = 8)
    String province;
    @Column(name = "hall_id", length = 32)
    String hallId;
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 32)
    SubscriberStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "holder_type", length = 16)
    CustomerType holderType;
    @Column(name = "holder_name", length = TextLimits.NAME)
    String holderName;
    @Enumerated(EnumType.STRING)
    @Column(name = "holder_id_type", length = 32)
    IdType holderIdType;
    @Column(name = "holder_id_number", length = TextLimits.ID_NUMBER)
    String holderIdNumber;
    @Column(name = "holder_address", length = TextLimits.ADDRESS)
    String holderAddress;
    @Column(name = "package_code", length = 64)
    String packageCode;
    @Column(name = "features", nullable = false, length = 2000)
    String features;
    @Column(name = "categories", nullable = false, length = 1000)
    String categories;
    @Column(name = "account_id", nullable = false)
    long accountId;
    @Column(name = "password_hash", length = 200)
    String passwordHash;
    /** Consecutive wrong service-password attempts; see {@link JpaServicePasswords}. */
    @Column(name = "password_failures", nullable = false)
    int passwordFailures;
    @Column(name = "password_locked_until")
    Instant passwordLockedUntil;
    @Column(name = "opened_at", nullable = false, updatable = false)
    Instant openedAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    @Column(name = "order_id", length = 64)
    String orderId;
    @Column(name = "cancellable_from")
    LocalDate cancellableFrom;
    @Column(name = "status_since")
    Instant statusSince;
    @Column(name = "commitments", nullable = false, length = 500)
    String commitments = "";
}
