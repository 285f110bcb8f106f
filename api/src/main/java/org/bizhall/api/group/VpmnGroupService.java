package org.bizhall.api.group;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.bizhall.api.common.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * VPMN groups, their members and their archives, kept by the platform. Callers check the province: every method
 * takes it or answers what carries it. Changes are audited and run in the caller's transaction.
 */
@ProviderType
public interface VpmnGroupService {
    Optional<VpmnGroup> find(String groupId);

    /** The company's group in {@code province}, by its unified social credit code. */
    Optional<VpmnGroup> byCreditCode(String province, String creditCode);

    /** The group {@code msisdn} is a member of. */
    Optional<VpmnGroup> byMember(String msisdn);

    /** Groups of {@code province}, optionally of one company or with one member, ordered by group number. */
    Page<VpmnGroup> list(String province, String creditCode, String member, int offset, int limit);

    /**
     * Creates or changes the company's group (under a lock on the company, so two enrolments of one company end in
     * one group) and records the enrolment's archive. 409 {@code VPMN_MEMBER_IN_OTHER_GROUP} when a joining number
     * is a member of another group, {@code VPMN_GROUP_NUMBER_TAKEN} when a new group's number is another group's.
     */
    VpmnGroup apply(VpmnEnrolment enrolment, String by, OffsetDateTime at);

    /**
     * Archives of {@code province} not yet received: all of them, those due on or before {@code dueBy} when given,
     * and only those late on {@code today} when {@code lateOnly}; ordered by due date.
     */
    Page<VpmnArchive> outstandingArchives(String province, LocalDate dueBy, boolean lateOnly, LocalDate today,
            int offset, int limit);

    Optional<VpmnArchive> archive(String archiveId);

    /** The office has the papers: 404 {@code VPMN_ARCHIVE_NOT_FOUND}, 409 {@code VPMN_ARCHIVE_RECEIVED} when it had. */
    VpmnArchive archiveReceived(String archiveId, String by, OffsetDateTime at);
}
