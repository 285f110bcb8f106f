package org.bizhall.api.group;

import java.time.LocalDate;
import java.util.Set;

/**
 * An approved VPMN enrolment to apply: the company's group is created (with {@code groupNumber}) or, when the
 * company already has one in the province, changed: {@code join} numbers become members, {@code leave} numbers stop
 * being members. {@code approvedOn} dates the archive the enrolment owes the office.
 */
public record VpmnEnrolment(String orderId, String province, String hall, String companyName, String creditCode,
        String contactMsisdn, String groupNumber, Set<String> join, Set<String> leave, LocalDate approvedOn) {
    public VpmnEnrolment {
        join = join == null ? Set.of() : Set.copyOf(join);
        leave = leave == null ? Set.of() : Set.copyOf(leave);
    }
}
