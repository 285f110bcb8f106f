package org.bizhall.procedure.general.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.kit.AnnouncedDocuments;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/**
 * Issue 8 defect 1: suspend, report-loss, resume and sim-replacement listed no documents yet refused without
 * HOLDER_ID. Now each announces HOLDER_ID, and for a personal holder in person, one by proxy and a company by proxy
 * the announced set is accepted, each one of it left out is refused naming it, and nothing else is asked.
 */
public class DocumentsAsAnnouncedTest {
    private static final String PERSON_NUMBER = "13891807101";
    private static final String COMPANY_NUMBER = "13891807102";

    private record Case(Customer holder, String number, boolean byProxy) {
    }

    private static final List<Case> CASES = List.of(new Case(Holders.PERSON, PERSON_NUMBER, false),
            new Case(Holders.PERSON, PERSON_NUMBER, true), new Case(Holders.COMPANY, COMPANY_NUMBER, true));

    /** Each procedure with a status it accepts, on fresh services. */
    private interface Fixture {
        Procedure procedure(FakeServices services);
    }

    private static final List<Fixture> PROCEDURES = List.of(s -> new Suspend(s.subscribers, s.audit),
            s -> new ReportLoss(s.subscribers, s.audit), s -> new Resume(s.subscribers, s.audit),
            s -> new SimReplacement(s.subscribers, s.audit));

    private static TestOrderContext order(FakeServices services, Procedure procedure, Case c, Set<DocumentKind> shown) {
        SubscriberStatus status = procedure instanceof Resume ? SubscriberStatus.SUSPENDED_REQUEST : SubscriberStatus.ACTIVE;
        services.add(c.number(), "SN", status, c.holder());
        TestOrderContext order = new TestOrderContext(procedure.descriptor().id(), services.params).msisdn(c.number())
                .customer(c.holder()).documents(shown);
        if (c.byProxy()) {
            order.party(Holders.PROXY);
        }
        if (procedure instanceof SimReplacement) {
            order.param("iccid", "89860012345678901234");
        }
        return order;
    }

    @Test
    public void everyGeneralServiceAnnouncesTheHoldersId_issue8defect1() {
        FakeServices services = new FakeServices();
        for (Fixture fixture : PROCEDURES) {
            Procedure procedure = fixture.procedure(services);
            assertEquals(procedure.descriptor().id(), List.of(DocumentKind.HOLDER_ID), procedure.descriptor().documents());
            assertTrue(procedure.descriptor().documentsByCase().isEmpty());
        }
    }

    @Test
    public void theAnnouncedDocumentsAreAcceptedAndEachLeftOutIsRefused_issue8defect1() {
        for (Fixture fixture : PROCEDURES) {
            for (Case c : CASES) {
                FakeServices services = new FakeServices();
                Procedure procedure = fixture.procedure(services);
                Set<DocumentKind> announced = AnnouncedDocuments.required(procedure.descriptor(), c.holder().type(),
                        c.byProxy());
                order(services, procedure, c, announced).submit(procedure);

                for (DocumentKind left : announced) {
                    Set<DocumentKind> shown = new HashSet<>(announced);
                    shown.remove(left);
                    TestOrderContext order = order(new FakeServices(), procedure, c, shown);
                    String what = procedure.descriptor().id() + " " + c + " without " + left;
                    ProblemException e = assertThrows(what, ProblemException.class, () -> order.submit(procedure));
                    assertEquals(what, "DOCUMENT_MISSING", e.code());
                    assertTrue(what, e.detail().contains(left.name()));
                }
            }
        }
        assertEquals(Set.of(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.PROXY_ID),
                AnnouncedDocuments.required(new Suspend(null, null).descriptor(), CustomerType.CORPORATE, true));
    }

}
