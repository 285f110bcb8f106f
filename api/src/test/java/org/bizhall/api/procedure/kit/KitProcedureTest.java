package org.bizhall.api.procedure.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.StepOutcome;
import org.junit.Test;

/** Issue 9 (the kit): the id written once, the descriptor read from the bundle's resources, the documents cases. */
public class KitProcedureTest {

    @ProcedureProvider(procedure = "kit-sample", province = "SN")
    static class Sample extends KitProcedure {
        @Override
        public Quote quote(OrderContext order) {
            requireCase(order, "BANK_COLLECTION");
            return Quote.of(List.of(Quotes.item("FEE", "费用", 500), Quotes.item("FEE", "费用", 250)));
        }

        @Override
        public StepOutcome execute(OrderContext order) {
            return StepOutcome.completed();
        }

        void requireUnannouncedCase(OrderContext order) {
            requireCase(order, "SEAL");
        }

        String ids() {
            return procedureId() + "/" + providerProvince();
        }
    }

    static class Unnamed extends Sample {
        // inherits nothing: the annotation is read from the concrete class
    }

    @ProcedureProvider(procedure = "kit-missing")
    static class Missing extends Sample {
    }

    @ProcedureProvider(procedure = "kit-broken")
    static class Broken extends Sample {
    }

    @ProcedureProvider(procedure = "kit-password")
    static class ByPassword extends Sample {
    }

    @ProcedureProvider(procedure = "kit-password-shown")
    static class PasswordShown extends Sample {
    }

    @ProcedureProvider(procedure = "kit-managers")
    static class ManagersOnly extends Sample {
    }

    @ProcedureProvider(procedure = "kit-back-office")
    static class BackOffice extends Sample {
    }

    @Test
    public void rolesAreReadFromTheDescriptorResource_rule3() {
        assertEquals(java.util.Set.of(org.bizhall.api.hall.Role.MANAGER), new ManagersOnly().descriptor().roles());
        assertTrue(new ManagersOnly().descriptor().allows(org.bizhall.api.hall.Role.MANAGER));
        assertEquals(false, new ManagersOnly().descriptor().allows(org.bizhall.api.hall.Role.OPERATOR));
        assertEquals("absent: every counter role", java.util.Set.of(), new Sample().descriptor().roles());
        assertTrue(new Sample().descriptor().allows(org.bizhall.api.hall.Role.OPERATOR));
    }

    @Test
    public void rolesNameCounterRolesOnlyOrTheActivationFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, BackOffice::new);
        assertTrue(e.getMessage(), e.getMessage().contains("backoffice"));
    }

    @Test
    public void passwordInsteadOfIdIsReadFromTheDescriptorResource_rule9() {
        assertTrue(new ByPassword().descriptor().passwordInsteadOfId());
        assertEquals("absent: the holder's ID is always asked", false, new Sample().descriptor().passwordInsteadOfId());
    }

    @Test
    public void passwordInsteadOfIdNeedsAWriteOnlyPasswordParamOrTheActivationFails_rule9() {
        IllegalStateException e = assertThrows(IllegalStateException.class, PasswordShown::new);
        assertTrue(e.getMessage(), e.getMessage().contains("writeOnly"));
    }

    @Test
    public void theDescriptorComesFromTheResourcesAndTheIdFromTheAnnotation_issue9() {
        Sample sample = new Sample();
        ProcedureDescriptor d = sample.descriptor();
        assertEquals("kit-sample", d.id());
        assertEquals("kit-sample/SN", sample.ids());
        assertEquals("样例 Kit sample", d.title());
        assertEquals("outside a framework and without a version= line", "0.0.0", d.version());
        assertEquals(List.of(DocumentKind.HOLDER_ID), d.documents());
        assertEquals(List.of("BANK_COLLECTION", "CORPORATE", "PROXY"), List.copyOf(d.documentsByCase().keySet()));
        assertEquals(List.of(DocumentKind.BANK_PASSBOOK, DocumentKind.BANK_HOLDER_ID),
                d.documentsByCase().get("BANK_COLLECTION"));
        assertEquals(List.of("quote", "payment", "execute"), d.steps());
        assertTrue(d.paramsSchema().contains("\"note\""));
        assertTrue("read once and kept", d == sample.descriptor());
    }

    @Test
    public void aClassWithoutTheAnnotationOrResourcesFailsItsActivationNamingWhy() {
        assertTrue(assertThrows(IllegalStateException.class, Unnamed::new).getMessage().contains("@ProcedureProvider"));
        assertTrue(assertThrows(IllegalStateException.class, Missing::new).getMessage()
                .contains("procedure/kit-missing.properties"));
        assertTrue(assertThrows(IllegalStateException.class, Broken::new).getMessage().contains("PASSPORT_COPY"));
    }

    @Test
    public void aCaseOfItsOwnIsRequiredAsTheDescriptorAnnouncesIt_issue8defect1() {
        Sample sample = new Sample();
        ProblemException e = assertThrows(ProblemException.class, () -> sample.quote(order(DocumentKind.BANK_PASSBOOK)));
        assertEquals(422, e.status());
        assertEquals("DOCUMENT_MISSING", e.code());
        assertEquals("documents", e.field());
        assertTrue(e.detail(), e.detail().contains("BANK_HOLDER_ID"));
        assertEquals(750, sample.quote(order(DocumentKind.BANK_PASSBOOK, DocumentKind.BANK_HOLDER_ID)).totalFen());
        assertThrows("a case the descriptor does not announce is never asked", IllegalStateException.class,
                () -> sample.requireUnannouncedCase(order()));
    }

    @Test
    public void theAnnouncedDocumentsByHolderTypeAndProxy_issue8defect1() {
        ProcedureDescriptor d = new Sample().descriptor();
        assertEquals(Set.of(DocumentKind.HOLDER_ID), AnnouncedDocuments.forHolder(d, CustomerType.PERSONAL, false));
        assertEquals(Set.of(DocumentKind.HOLDER_ID, DocumentKind.PROXY_ID, DocumentKind.APPLICATION_FORM),
                AnnouncedDocuments.forHolder(d, null, true));
        assertEquals(Set.of(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.SEAL_CARD,
                DocumentKind.PROXY_ID, DocumentKind.APPLICATION_FORM, DocumentKind.BANK_PASSBOOK,
                DocumentKind.BANK_HOLDER_ID),
                AnnouncedDocuments.required(d, CustomerType.CORPORATE, true, "BANK_COLLECTION"));
        ProcedureDescriptor none = new ProcedureDescriptor("x", "x", "1.0.0", "{}", List.of(), List.of("quote"));
        assertEquals("no document listed: none asked of a proxy either", Set.of(),
                AnnouncedDocuments.forHolder(none, CustomerType.PERSONAL, true));
    }

    @Test
    public void everyMissingDocumentIsNamedInOneRefusalBeforeAnOrderExists_issue8defect1() {
        Set<DocumentKind> required = AnnouncedDocuments.forHolder(new Sample().descriptor(), CustomerType.CORPORATE,
                true);
        ProblemException e = assertThrows(ProblemException.class, () -> AnnouncedDocuments.requirePresent("sample",
                required, kind -> kind == DocumentKind.SEAL_CARD));
        assertEquals(422, e.status());
        assertEquals("DOCUMENT_MISSING", e.code());
        assertEquals("documents", e.field());
        for (DocumentKind missing : List.of(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE,
                DocumentKind.PROXY_ID, DocumentKind.APPLICATION_FORM)) {
            assertTrue(e.detail(), e.detail().contains(missing.name()));
        }
        assertTrue("a document shown is not named: " + e.detail(), !e.detail().contains("SEAL_CARD"));
        AnnouncedDocuments.requirePresent("sample", required, required::contains);
    }

    @Test
    public void quotesSumWhatAnItemCodePriced() {
        Quote quote = new Sample().quote(order(DocumentKind.BANK_PASSBOOK, DocumentKind.BANK_HOLDER_ID));
        assertEquals(750, Quotes.sum(quote, "FEE"));
        assertEquals(0, Quotes.sum(quote, "DEPOSIT"));
        assertEquals(0, Quotes.sum(null, "FEE"));
    }

    private static OrderContext order(DocumentKind... shown) {
        List<Document> documents = new ArrayList<>();
        for (DocumentKind kind : shown) {
            documents.add(new Document(kind, null, null));
        }
        return new OrderContext() {
            public String orderId() { return "o-1"; }
            public String procedureId() { return "kit-sample"; }
            public org.bizhall.api.hall.Caller caller() { return null; }
            public org.bizhall.api.hall.Hall hall() { return null; }
            public Optional<org.bizhall.api.common.Msisdn> msisdn() { return Optional.empty(); }
            public org.bizhall.api.customer.Customer customer() { return null; }
            public List<org.bizhall.api.customer.Party> parties() { return List.of(); }
            public List<Document> documents() { return documents; }
            public org.bizhall.api.procedure.Params params() { return new org.bizhall.api.procedure.Params(Map.of()); }
            public org.bizhall.api.service.ProvinceParams provinceParams() { return null; }
            public java.time.OffsetDateTime now() { return null; }
            public Optional<Quote> quote() { return Optional.empty(); }
            public Optional<org.bizhall.api.order.Payment> payment() { return Optional.empty(); }
            public Map<String, Object> result() { return Map.of(); }
        };
    }
}
