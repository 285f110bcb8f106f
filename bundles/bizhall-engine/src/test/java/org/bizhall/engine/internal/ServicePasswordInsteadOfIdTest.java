package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.testing.InMemoryServicePasswords;
import org.junit.Before;
import org.junit.Test;

/**
 * Seed 003 / rulebook §9: simple services may use the service password instead of the holder's ID, once in the engine
 * for the procedures whose descriptor allows it.
 */
public class ServicePasswordInsteadOfIdTest extends EngineFixture {
    private static final String PASSWORD = "135790";
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"servicePassword\":"
            + "{\"type\":\"string\",\"maxLength\":6,\"writeOnly\":true}},\"additionalProperties\":false}";

    private TestProcedure suspend;
    private InMemoryServicePasswords passwords;
    private final List<Object> identifiedBy = new java.util.ArrayList<>();

    @Before
    public void setUp() {
        passwords = new InMemoryServicePasswords();
        engine.servicePasswords(passwords);
        suspend = new TestProcedure("suspend", "报停");
        suspend.documents = List.of(DocumentKind.HOLDER_ID);
        suspend.paramsSchema = SCHEMA;
        suspend.passwordInsteadOfId = true;
        suspend.execute = order -> {
            identifiedBy.add(order.result().get(ProcedureDescriptor.IDENTIFIED_BY));
            return org.bizhall.api.procedure.StepOutcome.completed();
        };
        install(suspend, "org.bizhall.procedure.general", "*", 0);
        subscriberWithAccount(0);
        passwords.set(new Msisdn(MSISDN), PASSWORD, "op-sn", null);
    }

    private static OrderRequest byPassword(String password) {
        return new OrderRequest("suspend", MSISDN, null, List.of(), List.of(),
                Map.of(ProcedureDescriptor.SERVICE_PASSWORD, password));
    }

    @Test
    public void rule9_servicePasswordInPlaceOfTheHolderIdAdmitsTheOrder() {
        Order order = engine.submit(opSn, byPassword(PASSWORD));

        assertEquals(OrderState.COMPLETED, order.state());
        assertEquals("the procedure sees who proved the holder", List.of("SERVICE_PASSWORD"), identifiedBy);
        assertEquals("SERVICE_PASSWORD", order.result().get(ProcedureDescriptor.IDENTIFIED_BY));
        assertEquals("never shown", "***", order.params().get(ProcedureDescriptor.SERVICE_PASSWORD));
        assertEquals("never kept once the order ended", "***",
                store.find(order.id()).orElseThrow().params().get(ProcedureDescriptor.SERVICE_PASSWORD));
        assertEquals(List.of(MSISDN), passwords.verified());
    }

    @Test
    public void rule9_wrongServicePasswordIs422CountedAndStoresNothing() {
        ProblemException e = refused(() -> engine.submit(opSn, byPassword("246801")));

        assertEquals(422, e.status());
        assertEquals("PASSWORD_WRONG", e.code());
        assertEquals("params.servicePassword", e.field());
        assertEquals(1, passwords.failures(MSISDN));
        assertEquals(0, storedOrders());
        assertEquals("no procedure step ran", 0, suspend.quotes);
    }

    @Test
    public void rule9_lockedServicePasswordIs423AndIsNotChecked() {
        for (int i = 0; i < InMemoryServicePasswords.MAX_ATTEMPTS - 1; i++) {
            assertEquals("PASSWORD_WRONG", refused(() -> engine.submit(opSn, byPassword("246801"))).code());
        }
        assertEquals(423, refused(() -> engine.submit(opSn, byPassword("246801"))).status());
        int checks = passwords.verified().size();

        ProblemException e = refused(() -> engine.submit(opSn, byPassword(PASSWORD)));

        assertEquals(423, e.status());
        assertEquals("PASSWORD_LOCKED", e.code());
        assertEquals("params.servicePassword", e.field());
        assertEquals("a locked password is not checked", checks, passwords.verified().size());
        assertEquals(0, storedOrders());
    }

    @Test
    public void rule9_aProcedureWhoseDescriptorDoesNotAllowItStillNeedsTheHolderId() {
        suspend.passwordInsteadOfId = false;

        ProblemException e = refused(() -> engine.submit(opSn, byPassword(PASSWORD)));

        assertEquals(422, e.status());
        assertEquals("DOCUMENT_MISSING", e.code());
        assertEquals("the password is not even tried", List.of(), passwords.verified());
        assertEquals(0, storedOrders());
    }

    @Test
    public void rule9_theHolderIdStillWorksAndThenNoPasswordIsChecked() {
        Order order = engine.submit(opSn, new OrderRequest("suspend", MSISDN, PERSON, List.of(),
                List.of(new Document(DocumentKind.HOLDER_ID, PERSON.idNumber(), null)), Map.of()));

        assertEquals(OrderState.COMPLETED, order.state());
        assertEquals(List.of(), passwords.verified());
        assertTrue(identifiedBy.size() == 1 && identifiedBy.get(0) == null);
    }

    @Test
    public void rule9_anotherProvincesNumberIsForbiddenBeforeItsPasswordIsTried() {
        ProblemException e = refused(() -> engine.submit(opSx, byPassword(PASSWORD)));

        assertEquals(403, e.status());
        assertEquals(List.of(), passwords.verified());
    }

    @Test
    public void rule9_thePasswordStandsInForANumberOnly() {
        ProblemException e = refused(() -> engine.submit(opSn, new OrderRequest("suspend", null, null, List.of(),
                List.of(), Map.of(ProcedureDescriptor.SERVICE_PASSWORD, PASSWORD))));

        assertEquals(400, e.status());
        assertEquals("MSISDN_MISSING", e.code());
        assertEquals(List.of(), passwords.verified());
    }
}
