package org.bizhall.persistence.internal;

import java.time.Instant;
import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** The papers one approved VPMN enrolment owes the big-customer office; only the receipt is ever written later. */
@Entity
@Table(name = "vpmn_archives")
class VpmnArchiveEntity {
    @Id
    @Column(name = "id", length = 36)
    String id;
    @Column(name = "order_id", nullable = false, length = 64, updatable = false)
    String orderId;
    @Column(name = "group_id", nullable = false, length = 36, updatable = false)
    String groupId;
    @Column(name = "group_number", nullable = false, length = 32, updatable = false)
    String groupNumber;
    @Column(name = "company_name", nullable = false, length = 200, updatable = false)
    String companyName;
    @Column(name = "province", nullable = false, length = 16, updatable = false)
    String province;
    @Column(name = "hall_id", nullable = false, length = 32, updatable = false)
    String hallId;
    @Column(name = "approved_on", nullable = false, updatable = false)
    LocalDate approvedOn;
    @Column(name = "due_on", nullable = false, updatable = false)
    LocalDate dueOn;
    @Column(name = "received_at")
    Instant receivedAt;
    @Column(name = "received_by", length = 64)
    String receivedBy;
}
