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

import org.bizhall.api.care.TicketAction;
import org.bizhall.api.care.TicketCategory;
import org.bizhall.api.care.TicketState;
import org.bizhall.api.common.TextLimits;

/** One step of a ticket's history; insert-only, like the audit trail. */
@Entity
@Table(name = "ticket_steps")
class TicketStepEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "ticket_id", nullable = false, updatable = false)
    long ticketId;
    @Enumerated(EnumType.STRING)
    @Column(name = "action", nullable = false, length = 16, updatable = false)
    TicketAction action;
    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16, updatable = false)
    TicketState state;
    @Column(name = "actor", nullable = false, length = 64, updatable = false)
    String actor;
    @Column(name = "actor_role", nullable = false, length = 16, updatable = false)
    String role;
    @Column(name = "step_at", nullable = false, updatable = false)
    Instant at;
    @Column(name = "step_text", length = TextLimits.NOTE, updatable = false)
    String text;
    @Enumerated(EnumType.STRING)
    @Column(name = "department", length = 32, updatable = false)
    TicketCategory department;
    @Column(name = "outcome", updatable = false)
    Boolean outcome;
}
