package org.bizhall.api.group;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The papers of one approved VPMN enrolment (agreement, licence copy, company authorisation, contact's ID copy) the
 * hall owes the big-customer office: due on {@code dueOn} (the 25th, see {@link VpmnArchives#dueOn}); {@code
 * receivedAt} and {@code receivedBy} once the office recorded them received.
 */
public record VpmnArchive(String id, String orderId, String groupId, String groupNumber, String companyName,
        String province, String hall, LocalDate approvedOn, LocalDate dueOn, OffsetDateTime receivedAt,
        String receivedBy) {

    public boolean received() {
        return receivedAt != null;
    }

    /** Not received and its due date has passed on {@code today}. */
    public boolean lateOn(LocalDate today) {
        return !received() && today.isAfter(dueOn);
    }
}
