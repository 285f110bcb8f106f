package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 8 defect 1: the engine asks for the documents of the case (API.md "Documents a procedure lists"), not every
 * document a descriptor lists whatever the customer type.
 */
public class DocumentsPerCaseTest extends EngineFixture {
    private static final Party PROXY = new Party(PartyRole.PROXY, null, "王小明", IdType.ID_CARD,
            "11010519491231002X");

    private TestProcedure opening;

    @Before
    public void setUp() {
        opening = new TestProcedure("account-opening", "新开户");
        opening.documents = List.of(DocumentKind.HOLDER_ID);
        install(opening, "org.bizhall.procedure.opening", "*", 0);
    }

    private static OrderRequest envelope(Customer holder, List<Party> parties, DocumentKind... shown) {
        return new OrderRequest("account-opening", MSISDN, holder, parties,
                java.util.Arrays.stream(shown).map(kind -> new Document(kind, "X-" + kind, null)).toList(), Map.of());
    }

    @Test
    public void personalHolderInPersonShowsTheHolderId_issue8Defect1() {
        Order order = engine.submit(opSn, envelope(PERSON, List.of(), DocumentKind.HOLDER_ID));
        assertEquals(OrderState.COMPLETED, order.state());

        ProblemException e = refused(() -> engine.submit(opSn, envelope(PERSON, List.of())));
        assertEquals(422, e.status());
        assertEquals("DOCUMENT_MISSING", e.code());
        assertEquals("documents", e.field());
        assertTrue(e.detail(), e.detail().contains("HOLDER_ID"));
        assertEquals(1, storedOrders());
        assertEquals("the procedure never ran for the refused order", 1, opening.quotes);
    }

    @Test
    public void personalHolderByProxyShowsTheHolderIdAndTheProxyId_allMissingNamedAtOnce_issue8Defect1() {
        Order order = engine.submit(opSn, envelope(PERSON, List.of(PROXY), DocumentKind.HOLDER_ID,
                DocumentKind.PROXY_ID));
        assertEquals(OrderState.COMPLETED, order.state());

        ProblemException e = refused(() -> engine.submit(opSn, envelope(PERSON, List.of(PROXY))));
        assertEquals("DOCUMENT_MISSING", e.code());
        assertEquals("documents", e.field());
        assertTrue(e.detail(), e.detail().contains("HOLDER_ID") && e.detail().contains("PROXY_ID"));
    }

    @Test
    public void corporateHolderByProxyShowsLicenceAndUnitCertificateInPlaceOfTheHolderId_issue8Defect1() {
        Order order = engine.submit(opSn, envelope(COMPANY, List.of(PROXY), DocumentKind.BUSINESS_LICENCE,
                DocumentKind.UNIT_CERTIFICATE, DocumentKind.PROXY_ID));
        assertEquals("no HOLDER_ID is asked of a company", OrderState.COMPLETED, order.state());

        ProblemException e = refused(() -> engine.submit(opSn, envelope(COMPANY, List.of(PROXY),
                DocumentKind.HOLDER_ID, DocumentKind.PROXY_ID)));
        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail(), e.detail().contains("BUSINESS_LICENCE") && e.detail().contains("UNIT_CERTIFICATE"));
        assertTrue(e.detail(), !e.detail().contains("HOLDER_ID"));
    }

    @Test
    public void documentsByCaseAddTheirsForCorporateAndProxy_ownCasesAreTheProceduresToCheck_issue8Defect1() {
        opening.documentsByCase = Map.of("CORPORATE", List.of(DocumentKind.SEAL_CARD),
                "PROXY", List.of(DocumentKind.COMPANY_AUTHORISATION),
                "BANK_COLLECTION", List.of(DocumentKind.BANK_PASSBOOK));
        ProblemException e = refused(() -> engine.submit(opSn, envelope(COMPANY, List.of(PROXY),
                DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.PROXY_ID)));
        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail(), e.detail().contains("SEAL_CARD") && e.detail().contains("COMPANY_AUTHORISATION"));
        assertTrue("BANK_COLLECTION is the procedure's own case", !e.detail().contains("BANK_PASSBOOK"));

        Order order = engine.submit(opSn, envelope(COMPANY, List.of(PROXY), DocumentKind.BUSINESS_LICENCE,
                DocumentKind.UNIT_CERTIFICATE, DocumentKind.PROXY_ID, DocumentKind.SEAL_CARD,
                DocumentKind.COMPANY_AUTHORISATION));
        assertEquals(OrderState.COMPLETED, order.state());
        assertEquals("a person in person is asked nothing of the corporate or proxy cases", OrderState.COMPLETED,
                engine.submit(opSn, envelope(PERSON, List.of(), DocumentKind.HOLDER_ID)).state());
    }
}
