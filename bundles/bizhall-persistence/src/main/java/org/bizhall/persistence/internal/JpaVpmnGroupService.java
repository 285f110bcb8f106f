package org.bizhall.persistence.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.group.VpmnArchive;
import org.bizhall.api.group.VpmnArchives;
import org.bizhall.api.group.VpmnEnrolment;
import org.bizhall.api.group.VpmnGroup;
import org.bizhall.api.group.VpmnGroupService;
import org.bizhall.api.group.VpmnMember;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * VPMN groups in {@code vpmn_groups}, {@code vpmn_members} and {@code vpmn_archives}. The database keeps them right
 * across nodes: a company has one group per province and a number one group (unique keys, flushed at once so a racing
 * enrolment is refused 409 instead of failing at commit), and a company's group row is locked while an enrolment
 * changes it.
 */
@Component(service = VpmnGroupService.class)
public class JpaVpmnGroupService implements VpmnGroupService {
    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    AuditLog audit;
    @Reference
    SchemaReady schema;

    @Override
    public Optional<VpmnGroup> find(String groupId) {
        if (groupId == null) {
            return Optional.empty();
        }
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(VpmnGroupEntity.class, groupId)).map(g -> toGroup(em, g)));
    }

    @Override
    public Optional<VpmnGroup> byCreditCode(String province, String creditCode) {
        return Tx.call(jpa, em -> company(em, province, creditCode, false).map(g -> toGroup(em, g)));
    }

    @Override
    public Optional<VpmnGroup> byMember(String msisdn) {
        if (msisdn == null) {
            return Optional.empty();
        }
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(VpmnMemberEntity.class, msisdn))
                .map(m -> em.find(VpmnGroupEntity.class, m.groupId)).map(g -> toGroup(em, g)));
    }

    @Override
    public Page<VpmnGroup> list(String province, String creditCode, String member, int offset, int limit) {
        String where = " from VpmnGroupEntity g where g.province = :p"
                + (creditCode == null ? "" : " and g.creditCode = :c")
                + (member == null ? "" : " and g.id in (select m.groupId from VpmnMemberEntity m where m.msisdn = :m)");
        return Tx.call(jpa, em -> {
            TypedQuery<Long> count = em.createQuery("select count(g)" + where, Long.class);
            TypedQuery<VpmnGroupEntity> page = em.createQuery("select g" + where + " order by g.groupNumber",
                    VpmnGroupEntity.class);
            for (TypedQuery<?> q : List.of(count, page)) {
                q.setParameter("p", province);
                if (creditCode != null) {
                    q.setParameter("c", creditCode);
                }
                if (member != null) {
                    q.setParameter("m", member);
                }
            }
            List<VpmnGroup> items = page.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                    .map(g -> toGroup(em, g)).toList();
            return new Page<>(items, count.getSingleResult());
        });
    }

    @Override
    public VpmnGroup apply(VpmnEnrolment e, String by, OffsetDateTime at) {
        return Tx.decide(jpa, em -> {
            VpmnGroupEntity group = company(em, e.province(), e.creditCode(), true).orElse(null);
            boolean created = group == null;
            for (String msisdn : e.join()) {
                VpmnMemberEntity member = em.find(VpmnMemberEntity.class, msisdn);
                if (member != null && (created || !member.groupId.equals(group.id))) {
                    return Tx.Outcome.refused(inOtherGroup());
                }
            }
            if (created) {
                if (!em.createQuery("select g.id from VpmnGroupEntity g where g.province = :p and g.groupNumber = :n",
                        String.class).setParameter("p", e.province()).setParameter("n", e.groupNumber())
                        .getResultList().isEmpty()) {
                    return Tx.Outcome.refused(ProblemException.conflict("VPMN_GROUP_NUMBER_TAKEN",
                            "another VPMN group of the province has this number"));
                }
                group = new VpmnGroupEntity();
                group.id = UUID.randomUUID().toString();
                group.groupNumber = e.groupNumber();
                group.province = e.province();
                group.creditCode = e.creditCode();
                group.createdAt = Codec.instant(at);
            }
            group.hallId = e.hall();
            group.companyName = Codec.truncate(e.companyName(), 200);
            group.contactMsisdn = e.contactMsisdn();
            group.updatedAt = Codec.instant(at);
            if (created) {
                em.persist(group);
                flushOrConflict(em, "VPMN_GROUP_EXISTS",
                        "the company's VPMN group was created meanwhile; confirm again to change it");
            }
            for (String msisdn : e.leave()) {
                VpmnMemberEntity member = em.find(VpmnMemberEntity.class, msisdn);
                if (member != null && member.groupId.equals(group.id)) {
                    em.remove(member);
                }
            }
            for (String msisdn : e.join()) {
                if (em.find(VpmnMemberEntity.class, msisdn) == null) {
                    VpmnMemberEntity member = new VpmnMemberEntity();
                    member.msisdn = msisdn;
                    member.groupId = group.id;
                    member.joinedAt = Codec.instant(at);
                    member.orderId = e.orderId();
                    em.persist(member);
                }
            }
            flushOrConflict(em, "VPMN_MEMBER_IN_OTHER_GROUP", "a joining number joined another group meanwhile");
            VpmnArchiveEntity archive = new VpmnArchiveEntity();
            archive.id = UUID.randomUUID().toString();
            archive.orderId = e.orderId();
            archive.groupId = group.id;
            archive.groupNumber = group.groupNumber;
            archive.companyName = group.companyName;
            archive.province = e.province();
            archive.hallId = e.hall();
            archive.approvedOn = e.approvedOn();
            archive.dueOn = VpmnArchives.dueOn(e.approvedOn());
            em.persist(archive);
            audit.record(by, created ? "VPMN_GROUP_CREATED" : "VPMN_GROUP_CHANGED", e.orderId(), group.groupNumber,
                    null, "joined " + e.join().size() + ", left " + e.leave().size() + ", archive due "
                            + archive.dueOn);
            return Tx.Outcome.ok(toGroup(em, group));
        });
    }

    @Override
    public Page<VpmnArchive> outstandingArchives(String province, LocalDate dueBy, boolean lateOnly, LocalDate today,
            int offset, int limit) {
        String where = " from VpmnArchiveEntity a where a.province = :p and a.receivedAt is null"
                + (dueBy == null ? "" : " and a.dueOn <= :d") + (lateOnly ? " and a.dueOn < :t" : "");
        return Tx.call(jpa, em -> {
            TypedQuery<Long> count = em.createQuery("select count(a)" + where, Long.class);
            TypedQuery<VpmnArchiveEntity> page = em.createQuery(
                    "select a" + where + " order by a.dueOn, a.orderId", VpmnArchiveEntity.class);
            for (TypedQuery<?> q : List.of(count, page)) {
                q.setParameter("p", province);
                if (dueBy != null) {
                    q.setParameter("d", dueBy);
                }
                if (lateOnly) {
                    q.setParameter("t", today);
                }
            }
            ZoneId zone = clock.zone();
            List<VpmnArchive> items = page.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                    .map(a -> toArchive(a, zone)).toList();
            return new Page<>(items, count.getSingleResult());
        });
    }

    @Override
    public Optional<VpmnArchive> archive(String archiveId) {
        if (archiveId == null) {
            return Optional.empty();
        }
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(VpmnArchiveEntity.class, archiveId))
                .map(a -> toArchive(a, clock.zone())));
    }

    @Override
    public VpmnArchive archiveReceived(String archiveId, String by, OffsetDateTime at) {
        return Tx.decide(jpa, em -> {
            VpmnArchiveEntity a = archiveId == null ? null : Tx.lockFresh(em, VpmnArchiveEntity.class, archiveId);
            if (a == null) {
                return Tx.Outcome.refused(ProblemException.notFound("VPMN_ARCHIVE_NOT_FOUND",
                        "no VPMN archive has this id"));
            }
            if (a.receivedAt != null) {
                return Tx.Outcome.refused(ProblemException.conflict("VPMN_ARCHIVE_RECEIVED",
                        "the office has recorded this archive received"));
            }
            a.receivedAt = Codec.instant(at);
            a.receivedBy = Codec.truncate(by, 64);
            audit.record(by, "VPMN_ARCHIVE_RECEIVED", a.orderId, a.groupNumber, null, "due " + a.dueOn);
            return Tx.Outcome.ok(toArchive(a, clock.zone()));
        });
    }

    private static Optional<VpmnGroupEntity> company(EntityManager em, String province, String creditCode,
            boolean lock) {
        TypedQuery<VpmnGroupEntity> q = em.createQuery(
                "select g from VpmnGroupEntity g where g.province = :p and g.creditCode = :c", VpmnGroupEntity.class)
                .setParameter("p", province).setParameter("c", creditCode);
        if (lock) {
            q.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return q.getResultList().stream().findFirst();
    }

    private static void flushOrConflict(EntityManager em, String code, String detail) {
        try {
            em.flush();
        } catch (PersistenceException raced) {
            // another enrolment committed the same key first; this transaction is now rollback-only
            throw ProblemException.conflict(code, detail);
        }
    }

    private static ProblemException inOtherGroup() {
        return ProblemException.conflict("VPMN_MEMBER_IN_OTHER_GROUP", "a joining number is a member of another group");
    }

    private VpmnGroup toGroup(EntityManager em, VpmnGroupEntity g) {
        ZoneId zone = clock.zone();
        List<VpmnMember> members = em.createQuery(
                "select m from VpmnMemberEntity m where m.groupId = :g order by m.msisdn", VpmnMemberEntity.class)
                .setParameter("g", g.id).getResultList().stream()
                .map(m -> new VpmnMember(m.msisdn, Codec.time(m.joinedAt, zone), m.orderId)).toList();
        return new VpmnGroup(g.id, g.groupNumber, g.province, g.hallId, g.companyName, g.creditCode, g.contactMsisdn,
                Codec.time(g.createdAt, zone), Codec.time(g.updatedAt, zone), members);
    }

    private static VpmnArchive toArchive(VpmnArchiveEntity a, ZoneId zone) {
        return new VpmnArchive(a.id, a.orderId, a.groupId, a.groupNumber, a.companyName, a.province, a.hallId,
                a.approvedOn, a.dueOn, a.receivedAt == null ? null : Codec.time(a.receivedAt, zone), a.receivedBy);
    }
}
