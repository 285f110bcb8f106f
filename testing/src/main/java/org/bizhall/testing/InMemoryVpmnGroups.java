package org.bizhall.testing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.group.VpmnArchive;
import org.bizhall.api.group.VpmnArchives;
import org.bizhall.api.group.VpmnEnrolment;
import org.bizhall.api.group.VpmnGroup;
import org.bizhall.api.group.VpmnGroupService;
import org.bizhall.api.group.VpmnMember;

/**
 * VPMN groups in memory with the store's semantics: one group per company and province, a number in one group at
 * most (409 {@code VPMN_MEMBER_IN_OTHER_GROUP}), group numbers unique in a province (409 {@code
 * VPMN_GROUP_NUMBER_TAKEN}), one archive per applied enrolment, received once (409 {@code VPMN_ARCHIVE_RECEIVED}).
 */
public final class InMemoryVpmnGroups implements VpmnGroupService, DirectTransactions.Participant {
    private Map<String, VpmnGroup> groups = new LinkedHashMap<>();
    private Map<String, VpmnArchive> archives = new LinkedHashMap<>();

    @Override
    public Optional<VpmnGroup> find(String groupId) {
        return Optional.ofNullable(groups.get(groupId));
    }

    @Override
    public Optional<VpmnGroup> byCreditCode(String province, String creditCode) {
        return groups.values().stream()
                .filter(g -> g.province().equals(province) && g.creditCode().equals(creditCode)).findFirst();
    }

    @Override
    public Optional<VpmnGroup> byMember(String msisdn) {
        return groups.values().stream().filter(g -> g.hasMember(msisdn)).findFirst();
    }

    @Override
    public Page<VpmnGroup> list(String province, String creditCode, String member, int offset, int limit) {
        List<VpmnGroup> all = groups.values().stream().filter(g -> g.province().equals(province))
                .filter(g -> creditCode == null || g.creditCode().equals(creditCode))
                .filter(g -> member == null || g.hasMember(member))
                .sorted(Comparator.comparing(VpmnGroup::groupNumber)).toList();
        return new Page<>(all.stream().skip(offset).limit(limit).toList(), all.size());
    }

    @Override
    public VpmnGroup apply(VpmnEnrolment e, String by, OffsetDateTime at) {
        VpmnGroup existing = byCreditCode(e.province(), e.creditCode()).orElse(null);
        for (String msisdn : e.join()) {
            Optional<VpmnGroup> other = byMember(msisdn);
            if (other.isPresent() && (existing == null || !other.get().id().equals(existing.id()))) {
                throw ProblemException.conflict("VPMN_MEMBER_IN_OTHER_GROUP", "a joining number is in another group");
            }
        }
        if (existing == null && groups.values().stream()
                .anyMatch(g -> g.province().equals(e.province()) && g.groupNumber().equals(e.groupNumber()))) {
            throw ProblemException.conflict("VPMN_GROUP_NUMBER_TAKEN", "another group has this number");
        }
        List<VpmnMember> members = new ArrayList<>(existing == null ? List.of() : existing.members());
        members.removeIf(m -> e.leave().contains(m.msisdn()));
        for (String msisdn : e.join()) {
            if (members.stream().noneMatch(m -> m.msisdn().equals(msisdn))) {
                members.add(new VpmnMember(msisdn, at, e.orderId()));
            }
        }
        members.sort(Comparator.comparing(VpmnMember::msisdn));
        VpmnGroup group = new VpmnGroup(existing == null ? UUID.randomUUID().toString() : existing.id(),
                existing == null ? e.groupNumber() : existing.groupNumber(), e.province(), e.hall(), e.companyName(),
                e.creditCode(), e.contactMsisdn(), existing == null ? at : existing.createdAt(), at, members);
        groups.put(group.id(), group);
        VpmnArchive archive = new VpmnArchive(UUID.randomUUID().toString(), e.orderId(), group.id(),
                group.groupNumber(), group.companyName(), e.province(), e.hall(), e.approvedOn(),
                VpmnArchives.dueOn(e.approvedOn()), null, null);
        archives.put(archive.id(), archive);
        return group;
    }

    @Override
    public Page<VpmnArchive> outstandingArchives(String province, LocalDate dueBy, boolean lateOnly, LocalDate today,
            int offset, int limit) {
        List<VpmnArchive> all = archives.values().stream()
                .filter(a -> a.province().equals(province) && !a.received())
                .filter(a -> dueBy == null || !a.dueOn().isAfter(dueBy))
                .filter(a -> !lateOnly || a.lateOn(today))
                .sorted(Comparator.comparing(VpmnArchive::dueOn).thenComparing(VpmnArchive::orderId)).toList();
        return new Page<>(all.stream().skip(offset).limit(limit).toList(), all.size());
    }

    @Override
    public Optional<VpmnArchive> archive(String archiveId) {
        return Optional.ofNullable(archives.get(archiveId));
    }

    @Override
    public VpmnArchive archiveReceived(String archiveId, String by, OffsetDateTime at) {
        VpmnArchive a = archive(archiveId).orElseThrow(
                () -> ProblemException.notFound("VPMN_ARCHIVE_NOT_FOUND", "no VPMN archive has this id"));
        if (a.received()) {
            throw ProblemException.conflict("VPMN_ARCHIVE_RECEIVED", "the office has recorded this archive received");
        }
        VpmnArchive received = new VpmnArchive(a.id(), a.orderId(), a.groupId(), a.groupNumber(), a.companyName(),
                a.province(), a.hall(), a.approvedOn(), a.dueOn(), at, by);
        archives.put(a.id(), received);
        return received;
    }

    /** Every archive, received or not, in the order they were made. */
    public List<VpmnArchive> allArchives() {
        return List.copyOf(archives.values());
    }

    @Override
    public Object snapshot() {
        return List.of(new LinkedHashMap<>(groups), new LinkedHashMap<>(archives));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        List<Object> both = (List<Object>) snapshot;
        groups = new LinkedHashMap<>((Map<String, VpmnGroup>) both.get(0));
        archives = new LinkedHashMap<>((Map<String, VpmnArchive>) both.get(1));
    }
}
