package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A company's VPMN group in one province. */
@Entity
@Table(name = "vpmn_groups")
class VpmnGroupEntity {
    @Id
    @Column(name = "id", length = 36)
    String id;
    @Column(name = "group_number", nullable = false, length = 32, updatable = false)
    String groupNumber;
    @Column(name = "province", nullable = false, length = 16, updatable = false)
    String province;
    @Column(name = "hall_id", nullable = false, length = 32)
    String hallId;
    @Column(name = "company_name", nullable = false, length = 200)
    String companyName;
    @Column(name = "credit_code", nullable = false, length = 64, updatable = false)
    String creditCode;
    @Column(name = "contact_msisdn", nullable = false, length = 11)
    String contactMsisdn;
    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
