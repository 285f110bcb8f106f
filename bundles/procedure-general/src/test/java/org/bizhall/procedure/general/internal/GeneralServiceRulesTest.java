package org.bizhall.procedure.general.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;

import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/** The rules every general service shares (rulebook §9 and "Documents"; seed 000 §6.10.3), tested once here. */
public class GeneralServiceRulesTest {
    private static final String NUMBER = "13891807001";
    private static final String COMPANY_NUMBER = "13891807002";
    private final FakeServices services = new FakeServices();
    private final Subscriber person = services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, Holders.PERSON);
    private final Subscriber company = services.add(COMPANY_NUMBER, "SN", SubscriberStatus.ACTIVE, Holders.COMPANY);
    private final Map<String, Procedure> procedures = Map.of(
            Suspend.ID, new Suspend(services.subscribers, services.audit),
            ReportLoss.ID, new ReportLoss(services.subscribers, services.audit),
            Resume.ID, new Resume(services.subscribers, services.audit));

    @Test
    public void aHolderInPersonWithTheIdIsAdmitted_documents() {
        assertSame(person, GeneralServiceRules.admit(Holders.inPerson("suspend", services, NUMBER), services.subscribers));
    }

    @Test
    public void theOrderNamesASubscriberOfTheCallersProvince_rule9() {
        TestOrderContext none = Holders.inPerson("suspend", services, null);
        assertRefused(none, 400, "MSISDN_MISSING", "msisdn");
        assertRefused(Holders.inPerson("suspend", services, "13891807999"), 404, "SUBSCRIBER_NOT_FOUND", null);
        services.add("13935107001", "SX", SubscriberStatus.ACTIVE, Holders.PERSON);
        assertRefused(Holders.inPerson("suspend", services, "13935107001"), 403, "OTHER_PROVINCE", null);
    }

    @Test
    public void theCustomerMustBeTheHolderAndIsNeverToldWhoTheHolderIs_documents() {
        TestOrderContext stranger = Holders.inPerson("suspend", services, NUMBER);
        stranger.customer = Holders.OTHER_PERSON;
        ProblemException refusal = assertRefused(stranger, 422, "HOLDER_MISMATCH", "customer");
        assertFalse(refusal.detail().contains(Holders.PERSON_ID.substring(14)));
        assertFalse(refusal.detail().contains("张"));

        TestOrderContext nobody = Holders.inPerson("suspend", services, NUMBER);
        nobody.customer = null;
        assertRefused(nobody, 400, "CUSTOMER_MISSING", "customer");
    }

    @Test
    public void theSameNumberOnAnotherKindOfDocumentIsNotTheHolder_documents() {
        TestOrderContext passport = Holders.inPerson("suspend", services, NUMBER);
        passport.customer = new Customer(CustomerType.PERSONAL, "张三", IdType.PASSPORT, Holders.PERSON_ID, null);
        assertRefused(passport, 422, "HOLDER_MISMATCH", "customer");

        TestOrderContext lowerCase = Holders.inPerson("suspend", services, NUMBER);
        lowerCase.customer = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, Holders.PERSON_ID.toLowerCase(), null);
        assertSame("the check character's case does not matter", person, GeneralServiceRules.admit(lowerCase, services.subscribers));
    }

    @Test
    public void aPersonalHolderShowsTheHoldersId_documents() {
        TestOrderContext order = new TestOrderContext("report-loss", services.params);
        order.msisdn = NUMBER;
        order.customer = Holders.PERSON;
        ProblemException refusal = assertRefused(order, 422, "DOCUMENT_MISSING", "documents");
        assertEquals("report-loss needs these documents too: [HOLDER_ID]", refusal.detail());
    }

    @Test
    public void aProxyShowsTheHoldersIdAndTheirOwn_documents() {
        TestOrderContext order = Holders.inPerson("resume", services, NUMBER);
        order.parties.add(Holders.PROXY);
        ProblemException refusal = assertRefused(order, 422, "DOCUMENT_MISSING", "documents");
        assertEquals("resume needs these documents too: [PROXY_ID]", refusal.detail());
        order.document(DocumentKind.PROXY_ID);
        assertSame(person, GeneralServiceRules.admit(order, services.subscribers));
    }

    @Test
    public void aCorporateHolderComesThroughAProxyWithLicenceAndUnitCertificate_documents() {
        assertSame(company, GeneralServiceRules.admit(Holders.company("suspend", services, COMPANY_NUMBER), services.subscribers));

        TestOrderContext noProxy = Holders.company("suspend", services, COMPANY_NUMBER);
        noProxy.parties.clear();
        assertRefused(noProxy, 422, "PROXY_REQUIRED", "parties");

        TestOrderContext onlyTheProxy = Holders.company("suspend", services, COMPANY_NUMBER);
        onlyTheProxy.documents.clear();
        onlyTheProxy.document(DocumentKind.PROXY_ID).document(DocumentKind.HOLDER_ID);
        ProblemException refusal = assertRefused(onlyTheProxy, 422, "DOCUMENT_MISSING", "documents");
        assertEquals("suspend needs these documents too: [BUSINESS_LICENCE, UNIT_CERTIFICATE]", refusal.detail());
    }

    @Test
    public void aCancelledOrCancellingNumberTakesNoGeneralService_rule9() {
        for (SubscriberStatus status : SubscriberStatus.values()) {
            Subscriber s = services.add(NUMBER, "SN", status, Holders.PERSON);
            try {
                GeneralServiceRules.requireInService(s);
                assertFalse(status == SubscriberStatus.CANCELLED || status == SubscriberStatus.PENDING_CANCELLATION);
            } catch (ProblemException e) {
                assertEquals(422, e.status());
                assertEquals(status == SubscriberStatus.CANCELLED ? "SUBSCRIBER_CANCELLED"
                        : "SUBSCRIBER_PENDING_CANCELLATION", e.code());
            }
        }
    }

    /** Submitted as the engine does (the announced documents, then the procedure's quote with these rules). */
    private ProblemException assertRefused(TestOrderContext order, int status, String code, String field) {
        try {
            order.submit(procedures.get(order.procedureId()));
        } catch (ProblemException e) {
            assertEquals(e.detail(), code, e.code());
            assertEquals(status, e.status());
            assertEquals(field, e.field());
            return e;
        }
        fail("expected " + code);
        return null;
    }
}
