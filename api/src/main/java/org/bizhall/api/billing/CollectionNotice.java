package org.bizhall.api.billing;

import java.time.OffsetDateTime;

/** A recorded arrears notice: {@code kind} is REMINDER (催缴), SUSPENSION (欠费停机) or TERMINATION (欠费销号), with the text sent. */
public record CollectionNotice(long id, String msisdn, long accountId, String kind, String oldestMonth, long arrearsFen,
        String text, OffsetDateTime at) {
}
