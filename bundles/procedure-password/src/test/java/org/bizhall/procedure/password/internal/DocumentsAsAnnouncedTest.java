package org.bizhall.procedure.password.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.procedure.kit.AnnouncedDocuments;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/**
 * Issue 8 defect 1: password-reset listed no documents yet refused without HOLDER_ID. Now it announces HOLDER_ID and,
 * for a personal holder in person, one by proxy and a company by proxy, the announced set is accepted, each one of it
 * left out is refused naming it, and nothing else is asked; password-change announces none and asks none.
 */
public class DocumentsAsAnnouncedTest {
    private static final String NUMBER = "13891808601";
    private static final String OLD = "135790";
    private static final String NEW = "802461";

    private record Case(Customer holder, boolean byProxy) {
    }

    private static final List<Case> CASES = List.of(new Case(TestOrderContext.personal("张三"), false),
            new Case(TestOrderContext.personal("张三"), true),
            new Case(TestOrderContext.corporate("西安高新科技有限公司"), true));

    private static TestOrderContext reset(FakeServices services, PasswordReset reset, Case c, Set<DocumentKind> shown) {
        services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, c.holder(), OLD);
        TestOrderContext order = new TestOrderContext(PasswordReset.ID, services).msisdn(NUMBER).customer(c.holder())
                .documents(shown).param("newPassword", NEW);
        return c.byProxy() ? order.byProxy() : order;
    }

    @Test
    public void passwordResetAnnouncesTheHoldersIdAndAsksExactlyWhatItAnnounces_issue8defect1() {
        assertEquals(List.of(DocumentKind.HOLDER_ID), new PasswordReset(null, null, null).descriptor().documents());
        for (Case c : CASES) {
            FakeServices services = new FakeServices();
            PasswordReset reset = new PasswordReset(services, services, services);
            Set<DocumentKind> announced = AnnouncedDocuments.required(reset.descriptor(), c.holder().type(), c.byProxy());
            reset(services, reset, c, announced).submit(reset);

            for (DocumentKind left : announced) {
                Set<DocumentKind> shown = new HashSet<>(announced);
                shown.remove(left);
                TestOrderContext order = reset(services, reset, c, shown);
                ProblemException e = assertThrows(c + " without " + left, ProblemException.class,
                        () -> order.submit(reset));
                assertEquals("DOCUMENT_MISSING", e.code());
                assertTrue(e.detail(), e.detail().contains(left.name()));
            }
        }
    }

    @Test
    public void passwordChangeAnnouncesNoDocumentAndAsksNone_issue8defect1() {
        FakeServices services = new FakeServices();
        PasswordChange change = new PasswordChange(services, services, services);
        assertTrue(change.descriptor().documents().isEmpty());
        assertTrue(change.descriptor().documentsByCase().isEmpty());
        for (Case c : CASES) {
            services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, c.holder(), OLD);
            TestOrderContext order = new TestOrderContext(PasswordChange.ID, services).msisdn(NUMBER)
                    .customer(c.holder()).param("oldPassword", OLD).param("newPassword", NEW);
            order.submit(change);
        }
    }
}
