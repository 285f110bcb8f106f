package org.bizhall.procedure.vpmn.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.group.VpmnArchive;
import org.bizhall.api.group.VpmnArchives;
import org.bizhall.api.group.VpmnGroup;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.SubscriberFeatures;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.InMemoryVpmnGroups;
import org.bizhall.testing.TestOrderContext;
import org.junit.Before;
import org.junit.Test;

/** Rulebook §6 (集团 VPMN, seed 000 §6.7): enrolment, member calls, the office's group number, the archive's 25th. */
public class VpmnEnrolmentTest {
    static final String CONTACT = "13891800010";
    static final String M1 = "13891800011";
    static final String M2 = "13891800012";
    static final String M3 = "13891800013";
    static final String SX = "13935100011";
    static final String CONTACT_ID = "11010519491231002X";

    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final InMemoryVpmnGroups groups = new InMemoryVpmnGroups();
    private final VpmnEnrolment procedure = new VpmnEnrolment(subscribers, groups);
    private int orders;

    @Before
    public void numbers() {
        for (String m : List.of(M1, M2, M3)) {
            subscribers.add(m, "SN", "SN-XA-001", 1);
        }
        subscribers.add(SX, "SX", "SX-TY-001", 2);
    }

    private TestOrderContext order(List<String> members, List<String> leave) {
        TestOrderContext order = TestOrderContext.of(procedure).msisdn(CONTACT)
                .customer(TestOrderContext.corporate("西安某某科技有限公司")).byProxy()
                .party(new Party(PartyRole.CONTACT, CustomerType.PERSONAL, "王五", IdType.ID_CARD, CONTACT_ID))
                .documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.APPLICATION_FORM,
                        DocumentKind.MEMBER_LIST, DocumentKind.COMPANY_AUTHORISATION, DocumentKind.PROXY_ID);
        order.orderId = "vpmn-" + (++orders);
        if (!members.isEmpty()) {
            order.param("members", members);
        }
        if (!leave.isEmpty()) {
            order.param("leave", leave);
        }
        return order;
    }

    private StepOutcome submitAndExecute(TestOrderContext order) {
        order.submit(procedure);
        order.storeAndReloadResult();
        return procedure.execute(order);
    }

    private StepOutcome call(TestOrderContext order, String msisdn, boolean approved) {
        order.storeAndReloadResult();
        order.role = Role.OPERATOR;
        return procedure.confirm(order, new Confirmation("MEMBER_CALL", approved, null, msisdn));
    }

    private StepOutcome office(TestOrderContext order, boolean approved, String groupNumber) {
        order.storeAndReloadResult();
        order.role = Role.BACKOFFICE;
        order.user = "bo-sn";
        return procedure.confirm(order, new Confirmation("BIG_CUSTOMER_OFFICE", approved, null, null, null, groupNumber));
    }

    private static void assertProblem(int status, String code, String field, Runnable r) {
        ProblemException e = assertThrows(ProblemException.class, r::run);
        assertEquals(code, e.code());
        assertEquals(status, e.status());
        if (field != null) {
            assertEquals(field, e.field());
        }
    }

    @Test
    public void rules6_everyMemberCalled_refusedCallDropsTheMember_thenOfficeAssignsGroupNumber() {
        TestOrderContext order = order(List.of(M1, M2, M3), List.of());
        StepOutcome waiting = submitAndExecute(order);
        assertEquals(OrderState.PENDING_CONFIRMATION, waiting.state());
        assertEquals(Awaiting.MEMBER_CALLS, waiting.awaiting());

        assertEquals(Awaiting.MEMBER_CALLS, call(order, M1, true).awaiting());
        assertEquals(Awaiting.MEMBER_CALLS, call(order, M2, false).awaiting());
        StepOutcome toOffice = call(order, M3, true);
        assertEquals(OrderState.PENDING_CONFIRMATION, toOffice.state());
        assertEquals(Awaiting.BACK_OFFICE, toOffice.awaiting());
        assertTrue(groups.byCreditCode("SN", TestOrderContext.CORPORATE_CODE).isEmpty()); // nothing before the office

        assertEquals(OrderState.COMPLETED, office(order, true, "029100001").state());
        VpmnGroup group = groups.byCreditCode("SN", TestOrderContext.CORPORATE_CODE).orElseThrow();
        assertEquals("029100001", group.groupNumber());
        assertEquals(CONTACT, group.contactMsisdn());
        assertEquals(List.of(M1, M3), group.members().stream().map(m -> m.msisdn()).toList());
        assertTrue(subscribers.find(new org.bizhall.api.common.Msisdn(M1)).orElseThrow().has(SubscriberFeatures.VPMN));
        assertFalse(subscribers.find(new org.bizhall.api.common.Msisdn(M2)).orElseThrow().has(SubscriberFeatures.VPMN));
        assertTrue(subscribers.find(new org.bizhall.api.common.Msisdn(M3)).orElseThrow().has(SubscriberFeatures.VPMN));
        assertEquals(group.id(), order.result.get(VpmnEnrolment.GROUP_ID));
    }

    @Test
    public void rules6_memberCall_onlyNumbersOfTheOrder_onceEach_byTheCounter() {
        TestOrderContext order = order(List.of(M1, M2), List.of());
        submitAndExecute(order);
        assertProblem(422, "VPMN_MEMBER_NOT_IN_ORDER", "msisdn", () -> call(order, M3, true));
        assertProblem(400, "MSISDN_MISSING", "msisdn", () -> call(order, null, true));
        call(order, M1, true);
        assertProblem(409, "MEMBER_CALL_RECORDED", null, () -> call(order, M1, false));
        order.role = Role.BACKOFFICE;
        assertProblem(403, "ROLE_NOT_ALLOWED", null,
                () -> procedure.confirm(order, new Confirmation("MEMBER_CALL", true, null, M2)));
        // the office cannot approve while calls are outstanding
        assertProblem(409, "CONFIRMATION_NOT_AWAITED", null, () -> office(order, true, "029100002"));
    }

    @Test
    public void rules6_everyCallRefused_theOrderIsRejectedAndNothingStored() {
        TestOrderContext order = order(List.of(M1), List.of());
        submitAndExecute(order);
        assertEquals(OrderState.REJECTED, call(order, M1, false).state());
        assertTrue(groups.byCreditCode("SN", TestOrderContext.CORPORATE_CODE).isEmpty());
    }

    @Test
    public void rules6_officeDeclines_rejectedWithoutGroupOrDiscount() {
        TestOrderContext order = order(List.of(M1), List.of());
        submitAndExecute(order);
        call(order, M1, true);
        assertEquals(OrderState.REJECTED, office(order, false, null).state());
        assertTrue(groups.byCreditCode("SN", TestOrderContext.CORPORATE_CODE).isEmpty());
        assertFalse(subscribers.find(new org.bizhall.api.common.Msisdn(M1)).orElseThrow().has(SubscriberFeatures.VPMN));
    }

    @Test
    public void rules6_officeApprovalOfANewGroup_needsTheGroupNumber() {
        TestOrderContext order = order(List.of(M1), List.of());
        submitAndExecute(order);
        call(order, M1, true);
        assertProblem(400, "GROUP_NUMBER_MISSING", "reference", () -> office(order, true, null));
        assertProblem(400, "GROUP_NUMBER_INVALID", "reference", () -> office(order, true, "029 100"));
    }

    @Test
    public void rules6_companyWithAGroup_changesItInsteadOfASecond() {
        TestOrderContext first = order(List.of(M1, M2), List.of());
        submitAndExecute(first);
        call(first, M1, true);
        call(first, M2, true);
        office(first, true, "029100003");
        String groupId = groups.byCreditCode("SN", TestOrderContext.CORPORATE_CODE).orElseThrow().id();

        TestOrderContext change = order(List.of(M3), List.of(M1));
        submitAndExecute(change);
        assertEquals(VpmnEnrolment.CHANGE, change.result.get(VpmnEnrolment.MODE));
        call(change, M3, true);
        assertProblem(422, "VPMN_GROUP_NUMBER_MISMATCH", "reference", () -> office(change, true, "029999999"));
        assertEquals(OrderState.COMPLETED, office(change, true, null).state());

        VpmnGroup group = groups.byCreditCode("SN", TestOrderContext.CORPORATE_CODE).orElseThrow();
        assertEquals(groupId, group.id());
        assertEquals("029100003", group.groupNumber());
        assertEquals(List.of(M2, M3), group.members().stream().map(m -> m.msisdn()).toList());
        assertEquals(1, groups.list("SN", null, null, 0, 50).total());
        assertFalse(subscribers.find(new org.bizhall.api.common.Msisdn(M1)).orElseThrow().has(SubscriberFeatures.VPMN));
        assertTrue(subscribers.find(new org.bizhall.api.common.Msisdn(M3)).orElseThrow().has(SubscriberFeatures.VPMN));
    }

    @Test
    public void rules6_changeOnlyLeaving_goesStraightToTheOffice() {
        TestOrderContext first = order(List.of(M1, M2), List.of());
        submitAndExecute(first);
        call(first, M1, true);
        call(first, M2, true);
        office(first, true, "029100004");
        TestOrderContext leave = order(List.of(), List.of(M2));
        assertEquals(Awaiting.BACK_OFFICE, submitAndExecute(leave).awaiting());
        office(leave, true, null);
        assertEquals(List.of(M1), groups.byCreditCode("SN", TestOrderContext.CORPORATE_CODE).orElseThrow().members()
                .stream().map(m -> m.msisdn()).toList());
    }

    @Test
    public void rules6_changeMustChangeSomething_andOnlyMembersLeave() {
        TestOrderContext first = order(List.of(M1), List.of());
        submitAndExecute(first);
        call(first, M1, true);
        office(first, true, "029100005");
        assertProblem(422, "VPMN_ALREADY_MEMBER", "params.members[0]", () -> order(List.of(M1), List.of()).submit(procedure));
        assertProblem(422, "VPMN_NOT_MEMBER", "params.leave[0]", () -> order(List.of(), List.of(M2)).submit(procedure));
        assertProblem(422, "VPMN_NO_CHANGE", "params.members", () -> order(List.of(), List.of()).submit(procedure));
        assertProblem(422, "VPMN_MEMBER_JOINS_AND_LEAVES", "params.leave[0]",
                () -> order(List.of(M2), List.of(M2)).submit(procedure));
    }

    @Test
    public void rules6_membersAreActiveNumbersOfTheCallersProvince_namedInTheRefusal() {
        assertProblem(422, "VPMN_MEMBER_NOT_ELIGIBLE", "params.members[1]",
                () -> order(List.of(M1, SX), List.of()).submit(procedure));
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> order(List.of("13891800099"), List.of()).submit(procedure));
        assertTrue(unknown.detail().contains("13891800099"));
        subscribers.changeStatus(new org.bizhall.api.common.Msisdn(M2), java.util.Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.SUSPENDED_REQUEST, "o");
        assertProblem(422, "VPMN_MEMBER_NOT_ELIGIBLE", "params.members[0]",
                () -> order(List.of(M2), List.of()).submit(procedure));
        assertProblem(422, "VPMN_MEMBERS_REQUIRED", "params.members", () -> order(List.of(), List.of()).submit(procedure));
    }

    @Test
    public void rules6_aNumberIsInOneGroupOnly() {
        TestOrderContext first = order(List.of(M1), List.of());
        submitAndExecute(first);
        call(first, M1, true);
        office(first, true, "029100006");
        TestOrderContext other = order(List.of(M1), List.of());
        other.customer = new org.bizhall.api.customer.Customer(CustomerType.CORPORATE, "另一家公司",
                IdType.BUSINESS_LICENCE, "91610131MA6U00002" + org.bizhall.api.common.CreditCode.checkCharacter(
                        "91610131MA6U00002"), "西安");
        assertProblem(422, "VPMN_MEMBER_IN_OTHER_GROUP", "params.members[0]", () -> other.submit(procedure));
    }

    @Test
    public void rules6_aCompanyThroughAProxy_withItsContactAndDocuments() {
        TestOrderContext personal = order(List.of(M1), List.of());
        personal.customer = TestOrderContext.personal("张三");
        personal.document(DocumentKind.HOLDER_ID);
        assertProblem(422, "CORPORATE_CUSTOMER_REQUIRED", "customer.type", () -> personal.submit(procedure));

        TestOrderContext noProxy = order(List.of(M1), List.of());
        noProxy.parties.removeIf(p -> p.role() == PartyRole.PROXY);
        assertProblem(422, "PROXY_REQUIRED", "parties", () -> noProxy.submit(procedure));

        TestOrderContext noContact = order(List.of(M1), List.of());
        noContact.parties.removeIf(p -> p.role() == PartyRole.CONTACT);
        assertProblem(422, "CONTACT_REQUIRED", "parties", () -> noContact.submit(procedure));

        TestOrderContext noAuthorisation = order(List.of(M1), List.of());
        noAuthorisation.documents.removeIf(d -> d.kind() == DocumentKind.COMPANY_AUTHORISATION);
        assertProblem(422, "DOCUMENT_MISSING", "documents", () -> noAuthorisation.submit(procedure));

        TestOrderContext noMemberList = order(List.of(M1), List.of());
        noMemberList.documents.removeIf(d -> d.kind() == DocumentKind.MEMBER_LIST);
        assertProblem(422, "DOCUMENT_MISSING", "documents", () -> noMemberList.submit(procedure));
    }

    @Test
    public void rules6_archiveDueByThe25th_ofTheMonthOrTheNextAfterIt() {
        assertEquals(LocalDate.of(2026, 11, 25), VpmnArchives.dueOn(LocalDate.of(2026, 11, 3)));
        assertEquals(LocalDate.of(2026, 11, 25), VpmnArchives.dueOn(LocalDate.of(2026, 11, 25)));
        assertEquals(LocalDate.of(2026, 12, 25), VpmnArchives.dueOn(LocalDate.of(2026, 11, 26)));
        assertEquals(LocalDate.of(2027, 1, 25), VpmnArchives.dueOn(LocalDate.of(2026, 12, 31)));

        TestOrderContext order = order(List.of(M1), List.of());
        order.now = OffsetDateTime.parse("2026-11-27T10:00:00+08:00");
        submitAndExecute(order);
        call(order, M1, true);
        office(order, true, "029100007");
        assertEquals("2026-12-25", order.result.get(VpmnEnrolment.ARCHIVE_DUE));
        VpmnArchive archive = groups.allArchives().get(0);
        assertEquals(LocalDate.of(2026, 12, 25), archive.dueOn());
        assertFalse(archive.lateOn(LocalDate.of(2026, 12, 25)));
        assertTrue(archive.lateOn(LocalDate.of(2026, 12, 26)));
        assertEquals(1, groups.outstandingArchives("SN", null, true, LocalDate.of(2026, 12, 26), 0, 50).total());
        groups.archiveReceived(archive.id(), "bo-sn", OffsetDateTime.parse("2026-12-27T10:00:00+08:00"));
        assertEquals(0, groups.outstandingArchives("SN", null, false, LocalDate.of(2026, 12, 26), 0, 50).total());
        assertProblem(409, "VPMN_ARCHIVE_RECEIVED", null,
                () -> groups.archiveReceived(archive.id(), "bo-sn", OffsetDateTime.now()));
    }

    @Test
    public void rules6_theCallsAreKeptWithTheOrder() {
        TestOrderContext order = order(List.of(M1, M2), List.of());
        submitAndExecute(order);
        call(order, M1, true);
        call(order, M2, false);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> calls = (Map<String, Map<String, Object>>) order.result.get(VpmnEnrolment.CALLS);
        assertEquals("CONFIRMED", calls.get(M1).get("answer"));
        assertEquals("REFUSED", calls.get(M2).get("answer"));
        assertEquals("op-sn", calls.get(M2).get("by"));
    }

    @Test
    public void rules6_aConfirmedMemberOutOfServiceByApprovalDoesNotJoin() {
        TestOrderContext order = order(List.of(M1, M2), List.of());
        submitAndExecute(order);
        call(order, M1, true);
        call(order, M2, true);
        subscribers.changeStatus(new org.bizhall.api.common.Msisdn(M2), java.util.Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.SUSPENDED_LOSS, "o");
        assertEquals(OrderState.COMPLETED, office(order, true, "029100008").state());
        assertEquals(List.of(M1), groups.byCreditCode("SN", TestOrderContext.CORPORATE_CODE).orElseThrow().members()
                .stream().map(m -> m.msisdn()).toList());
        assertEquals(List.of(M2), order.result.get(VpmnEnrolment.DROPPED));
        assertFalse(subscribers.find(new org.bizhall.api.common.Msisdn(M2)).orElseThrow().has(SubscriberFeatures.VPMN));
    }
}
