package org.bizhall.api.group;

import java.time.OffsetDateTime;

/** A member number of a VPMN group: when it joined and by which order (its outbound call confirmed it). */
public record VpmnMember(String msisdn, OffsetDateTime joinedAt, String orderId) {
}
