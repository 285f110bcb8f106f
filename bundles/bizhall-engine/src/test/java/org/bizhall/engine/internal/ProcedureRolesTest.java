package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.junit.Before;
import org.junit.Test;

/**
 * Rulebook §3: a pre-cancellation is an account manager's. A descriptor's {@code roles} limits who may submit its
 * orders; the engine answers 403 before it looks at anything else of the envelope (API.md "Hall kinds": a role that
 * may not do it at all answers 403 first), and stores nothing.
 */
public class ProcedureRolesTest extends EngineFixture {
    private final Caller mgrSn = new Caller("mgr-sn", Role.MANAGER, "SN-XA-001", "SN",
            Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION));
    private TestProcedure managersOnly;

    @Before
    public void setUp() {
        managersOnly = new TestProcedure("pre-cancellation", "预销号");
        managersOnly.documents = List.of(DocumentKind.HOLDER_ID);
        managersOnly.roles = Set.of(Role.MANAGER);
        install(managersOnly, "org.bizhall.procedure.cancellation", "*", 0);
    }

    private static OrderRequest envelope(DocumentKind... shown) {
        return new OrderRequest("pre-cancellation", MSISDN, PERSON, List.of(),
                java.util.Arrays.stream(shown).map(kind -> new Document(kind, "X-" + kind, null)).toList(), Map.of());
    }

    @Test
    public void rules3_managerMaySubmit() {
        Order order = engine.submit(mgrSn, envelope(DocumentKind.HOLDER_ID));
        assertEquals(OrderState.COMPLETED, order.state());
        assertEquals(1, managersOnly.quotes);
    }

    @Test
    public void rules3_operatorRefused403BeforeTheEnvelopeIsLookedAt() {
        // no documents at all: a 422 DOCUMENT_MISSING would tell the operator more than that it may not do this
        ProblemException e = refused(() -> engine.submit(opSn, envelope()));
        assertEquals(403, e.status());
        assertEquals("ROLE_NOT_ALLOWED", e.code());
        assertEquals(0, storedOrders());
        assertEquals(0, managersOnly.quotes);
    }

    @Test
    public void rules3_theListingTellsWhoMaySubmit() {
        assertEquals(List.of("manager"), registry.active("SN").stream()
                .filter(l -> l.id().equals("pre-cancellation")).findFirst().orElseThrow().roles());
        managersOnly.roles = Set.of();
        assertEquals(List.of(), registry.active("SN").get(0).roles());
    }

    @Test
    public void descriptorWithoutRolesLetsEveryCounterRoleSubmit() {
        managersOnly.roles = Set.of();
        assertEquals(OrderState.COMPLETED, engine.submit(opSn, envelope(DocumentKind.HOLDER_ID)).state());
        assertEquals(OrderState.COMPLETED, engine.submit(mgrSn, envelope(DocumentKind.HOLDER_ID)).state());
    }
}
