package org.bizhall.procedure.groupsms.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/** Rulebook §7 (集团短信, seed 000 §6.8 and seed 004). */
public class GroupSmsTest {
    private final GroupSms procedure = new GroupSms();

    private TestOrderContext order() {
        TestOrderContext order = TestOrderContext.of(procedure).customer(TestOrderContext.corporate("西安某某科技有限公司"))
                .byProxy().documents(DocumentKind.APPLICATION_FORM, DocumentKind.PROXY_ID);
        order.documents.add(new Document(DocumentKind.SECURITY_PLEDGE, "SP-1", true));
        order.documents.add(new Document(DocumentKind.BUSINESS_LICENCE, "BL-1", true));
        order.param("agreementNumber", "GSMS-2026-001").param("agreementSignature", "【西安某某】")
                .param("agreementPort", "1065730001").param("signature", "【西安某某】").param("port", "1065730001")
                .param("payment", "CASH").param("whitelistCommitment", true);
        return order;
    }

    private static void assertProblem(int status, String code, String field, Runnable r) {
        ProblemException e = assertThrows(ProblemException.class, r::run);
        assertEquals(code, e.code());
        assertEquals(status, e.status());
        assertEquals(field, e.field());
    }

    private static void replace(TestOrderContext order, DocumentKind kind, boolean sealed) {
        order.documents.removeIf(d -> d.kind() == kind);
        order.documents.add(new Document(kind, "X-1", sealed));
    }

    @Test
    public void rules7_takenAtSelfOwnedHalls_thenTheOfficeRecordsTheActivationNotice() {
        TestOrderContext order = order();
        order.submit(procedure);
        order.storeAndReloadResult();
        StepOutcome waiting = procedure.execute(order);
        assertEquals(OrderState.PENDING_CONFIRMATION, waiting.state());
        assertEquals(Awaiting.BACK_OFFICE, waiting.awaiting());
        assertEquals("【西安某某】", order.result.get("signature"));
        assertEquals("1065730001", order.result.get("port"));
        assertEquals(true, order.result.get("whitelistCommitment"));

        order.storeAndReloadResult();
        order.role = Role.BACKOFFICE;
        assertProblem(400, "ACTIVATION_NOTICE_MISSING", "reference",
                () -> procedure.confirm(order, new Confirmation("BIG_CUSTOMER_OFFICE", true, null, null)));
        StepOutcome done = procedure.confirm(order,
                new Confirmation("BIG_CUSTOMER_OFFICE", true, "寄出", null, null, "JTDX-2026-0042"));
        assertEquals(OrderState.COMPLETED, done.state());
        assertEquals("JTDX-2026-0042", order.result.get(GroupSms.ACTIVATION_NOTICE));
    }

    @Test
    public void rules7_officeDeclines_rejected() {
        TestOrderContext order = order();
        order.submit(procedure);
        procedure.execute(order);
        assertEquals(OrderState.REJECTED,
                procedure.confirm(order, new Confirmation("BIG_CUSTOMER_OFFICE", false, "资料不全", null)).state());
        assertNull(order.result.get(GroupSms.ACTIVATION_NOTICE));
    }

    @Test
    public void rules7_selfOwnedHallsOnly() {
        TestOrderContext order = order();
        order.hall = new Hall("SN-XA-002", "合作厅", "SN", Set.of(HallKind.PARTNER), false);
        assertProblem(422, "HALL_KIND_NOT_ALLOWED", null, () -> order.submit(procedure));
    }

    @Test
    public void rules7_notForPersonalCustomers() {
        TestOrderContext order = order();
        order.customer = TestOrderContext.personal("张三");
        assertProblem(422, "CORPORATE_CUSTOMER_REQUIRED", "customer.type", () -> order.submit(procedure));
    }

    @Test
    public void rules7_securityPledgeValidOnlySealed() {
        TestOrderContext order = order();
        replace(order, DocumentKind.SECURITY_PLEDGE, false);
        assertProblem(422, "DOCUMENT_NOT_SEALED", "documents[3].sealed", () -> order.submit(procedure));
    }

    @Test
    public void rules7_licenceWithSeal_governmentUnitShowsItsUnitCertificate() {
        TestOrderContext unsealed = order();
        replace(unsealed, DocumentKind.BUSINESS_LICENCE, false);
        assertProblem(422, "DOCUMENT_NOT_SEALED", "documents[3].sealed", () -> unsealed.submit(procedure));

        TestOrderContext government = order().param("governmentUnit", true);
        assertProblem(422, "DOCUMENT_MISSING", "documents", () -> government.submit(procedure));
        government.documents.add(new Document(DocumentKind.UNIT_CERTIFICATE, "UC-1", true));
        government.submit(procedure);
        assertEquals(true, government.result.get("governmentUnit"));
    }

    @Test
    public void rules7_bankSealCardUnlessPayingCash() {
        TestOrderContext bank = order().param("payment", "BANK");
        assertProblem(422, "DOCUMENT_MISSING", "documents", () -> bank.submit(procedure));
        bank.document(DocumentKind.SEAL_CARD);
        bank.submit(procedure);
    }

    @Test
    public void rules7_proxyWithId() {
        TestOrderContext noProxy = order();
        noProxy.parties.clear();
        noProxy.documents.removeIf(d -> d.kind() == DocumentKind.PROXY_ID);
        assertProblem(422, "PROXY_REQUIRED", "parties", () -> noProxy.submit(procedure));
        TestOrderContext noProxyId = order();
        noProxyId.documents.removeIf(d -> d.kind() == DocumentKind.PROXY_ID);
        assertProblem(422, "DOCUMENT_MISSING", "documents", () -> noProxyId.submit(procedure));
    }

    @Test
    public void rules7_signatureAndPortConsistentWithTheAgreement() {
        assertProblem(422, "GROUP_SMS_AGREEMENT_MISMATCH", "params.signature",
                () -> order().param("signature", "【别家】").submit(procedure));
        assertProblem(422, "GROUP_SMS_AGREEMENT_MISMATCH", "params.port",
                () -> order().param("port", "1065730002").submit(procedure));
    }

    @Test
    public void rules7_whitelistCommitmentRecorded() {
        assertProblem(422, "WHITELIST_COMMITMENT_REQUIRED", "params.whitelistCommitment",
                () -> order().param("whitelistCommitment", false).submit(procedure));
        assertProblem(400, "PARAM_MISSING", "params.whitelistCommitment", () -> {
            TestOrderContext o = order();
            o.params.remove("whitelistCommitment");
            o.submit(procedure);
        });
    }
}
