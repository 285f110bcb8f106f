package org.bizhall.procedure.opening.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.kit.AnnouncedDocuments;
import org.bizhall.api.service.AccountType;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryCatalog;
import org.bizhall.testing.InMemoryNumberPool;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/**
 * Issue 8 defect 1: the documents {@code GET /procedures} announces for account-opening (documents, and
 * documentsByCase for the payer) are exactly those an opening needs, for every customer type and payer: the announced
 * set is accepted, each one of it left out is refused naming it, and nothing else is ever asked.
 */
public class DocumentsAsAnnouncedTest {
    private static final String NUMBER = "13891800123";

    private record Case(CustomerType holder, boolean byProxy, AccountType payer) {
    }

    private static final List<Case> CASES = List.of(
            new Case(CustomerType.PERSONAL, false, AccountType.CASH_PREPAID),
            new Case(CustomerType.PERSONAL, true, AccountType.CASH_PREPAID),
            new Case(CustomerType.CORPORATE, true, AccountType.CASH_PREPAID),
            new Case(CustomerType.PERSONAL, false, AccountType.BANK_COLLECTION),
            new Case(CustomerType.PERSONAL, true, AccountType.BANK_COLLECTION),
            new Case(CustomerType.CORPORATE, true, AccountType.BANK_COLLECTION),
            new Case(CustomerType.CORPORATE, true, AccountType.CORPORATE_ACCOUNT));

    private static AccountOpening opening() {
        SettableClock clock = new SettableClock();
        InMemoryNumberPool pool = new InMemoryNumberPool(clock);
        pool.with(NUMBER, "SN", 0);
        return new AccountOpening(pool, InMemoryCatalog.demo(), new InMemoryAccounts(clock),
                new InMemorySubscribers(clock), new RecordingAuditLog(clock), new org.bizhall.testing.InMemoryCustomerCategories());
    }

    private static Set<DocumentKind> announced(ProcedureDescriptor descriptor, Case c) {
        return c.payer() == AccountType.CASH_PREPAID ? AnnouncedDocuments.required(descriptor, c.holder(), c.byProxy())
                : AnnouncedDocuments.required(descriptor, c.holder(), c.byProxy(), c.payer().name());
    }

    private static TestOrderContext order(AccountOpening opening, Case c, Set<DocumentKind> documents) {
        TestOrderContext order = TestOrderContext.of(opening).msisdn(NUMBER)
                .customer(c.holder() == CustomerType.CORPORATE ? TestOrderContext.corporate("西安秦川科技有限公司")
                        : TestOrderContext.personal("张三"))
                .documents(documents)
                .param("package", "GOTONE-88").param("accountType", c.payer().name());
        if (c.byProxy()) {
            order.byProxy();
        }
        if (c.payer() != AccountType.CASH_PREPAID) {
            order.param("bankConfirmed", true);
        }
        if (c.payer() == AccountType.CORPORATE_ACCOUNT) {
            order.param("depositFen", 0);
        }
        if (c.payer() == AccountType.BANK_COLLECTION) {
            order.party(new Party(PartyRole.BANK_ACCOUNT_HOLDER, CustomerType.PERSONAL, "张三", IdType.ID_CARD,
                    TestOrderContext.PERSONAL_ID));
        }
        return order;
    }

    @Test
    public void theAnnouncedDocumentsAreAccepted_issue8defect1() {
        for (Case c : CASES) {
            AccountOpening opening = opening();
            Set<DocumentKind> announced = announced(opening.descriptor(), c);
            order(opening, c, announced).submit(opening);
        }
    }

    @Test
    public void eachAnnouncedDocumentLeftOutIsRefusedNamingIt_issue8defect1() {
        for (Case c : CASES) {
            AccountOpening opening = opening();
            Set<DocumentKind> announced = announced(opening.descriptor(), c);
            for (DocumentKind left : announced) {
                Set<DocumentKind> shown = new HashSet<>(announced);
                shown.remove(left);
                TestOrderContext order = order(opening, c, shown);
                ProblemException e = assertThrows(c + " without " + left, ProblemException.class,
                        () -> order.submit(opening));
                assertEquals(c + " without " + left, "DOCUMENT_MISSING", e.code());
                assertEquals("documents", e.field());
                assertTrue(e.detail(), e.detail().contains(left.name()));
            }
        }
    }

    @Test
    public void theAnnouncedSetsAreTheRulebooks_issue8defect1() {
        ProcedureDescriptor d = opening().descriptor();
        assertEquals(List.of(DocumentKind.HOLDER_ID), d.documents());
        assertEquals(Set.of(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.PROXY_ID,
                DocumentKind.SEAL_CARD), announced(d, CASES.get(6)));
        assertEquals(Set.of(DocumentKind.HOLDER_ID, DocumentKind.PROXY_ID, DocumentKind.BANK_PASSBOOK,
                DocumentKind.BANK_HOLDER_ID), announced(d, CASES.get(4)));
        // every case the descriptor announces is the engine's or a payer's, so none is listed that no rule asks for
        List<String> own = new ArrayList<>(d.documentsByCase().keySet());
        own.removeAll(AnnouncedDocuments.ENGINE_CASES);
        for (String name : own) {
            assertTrue(name, Set.of(AccountType.BANK_COLLECTION.name(), AccountType.CORPORATE_ACCOUNT.name())
                    .contains(name));
        }
    }
}
