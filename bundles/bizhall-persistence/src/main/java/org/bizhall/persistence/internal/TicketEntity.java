package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

import org.bizhall.api.care.TicketCategory;
import org.bizhall.api.care.TicketChannel;
import org.bizhall.api.care.TicketState;
import org.bizhall.api.common.TextLimits;

/** A complaint ticket; its steps are {@link TicketStepEntity} rows. */
@Entity
@Table(name = "tickets")
class TicketEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "province", nullable = false, length = 8, updatable = false)
    String province;
    @Column(name = "hall_id", length = 32, updatable = false)
    String hallId;
    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 32, updatable = false)
    TicketChannel channel;
    @Column(name = "msisdn", nullable = false, length = 11, updatable = false)
    String msisdn;
    @Enumerated(EnumType.STRING)
    @Column(name = "category", nullable = false, length = 32, updatable = false)
    TicketCategory category;
    @Column(name = "complaint_text", nullable = false, length = TextLimits.NOTE, updatable = false)
    String text;
    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    TicketState state;
    @Enumerated(EnumType.STRING)
    @Column(name = "department", length = 32)
    TicketCategory department;
    @Column(name = "due_at")
    Instant dueAt;
    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;
    @Column(name = "created_by", nullable = false, length = 64, updatable = false)
    String createdBy;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
