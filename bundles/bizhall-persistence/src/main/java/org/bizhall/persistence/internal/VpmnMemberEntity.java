package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A member number of a VPMN group; the number is the key, so it is in one group at most. */
@Entity
@Table(name = "vpmn_members")
class VpmnMemberEntity {
    @Id
    @Column(name = "msisdn", length = 11)
    String msisdn;
    @Column(name = "group_id", nullable = false, length = 36, updatable = false)
    String groupId;
    @Column(name = "joined_at", nullable = false, updatable = false)
    Instant joinedAt;
    @Column(name = "order_id", nullable = false, length = 64, updatable = false)
    String orderId;
}
