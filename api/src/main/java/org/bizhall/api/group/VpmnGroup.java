package org.bizhall.api.group;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A company's VPMN group in one province: the group number the big-customer office assigned, the company (name and
 * unified social credit code: corporate data, not personal), its contact's number, and the member numbers. A
 * company has at most one group per province; a number is a member of at most one group.
 */
public record VpmnGroup(String id, String groupNumber, String province, String hall, String companyName,
        String creditCode, String contactMsisdn, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        List<VpmnMember> members) {
    public VpmnGroup {
        members = members == null ? List.of() : List.copyOf(members);
    }

    public boolean hasMember(String msisdn) {
        return members.stream().anyMatch(m -> m.msisdn().equals(msisdn));
    }
}
