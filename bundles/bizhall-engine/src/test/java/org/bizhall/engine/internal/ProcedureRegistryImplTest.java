package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bizhall.api.order.ProcedureListing;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureProperties;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;

public class ProcedureRegistryImplTest {
    private static final String TRANSFER = "ownership-transfer";

    private ProcedureRegistryImpl registry;
    private long nextServiceId;

    @Before
    public void setUp() {
        registry = new ProcedureRegistryImpl();
        registry.configure(Map.of());
        nextServiceId = 100;
    }

    private FakeServiceReference<Procedure> reference(String bundle, String version, String province, Integer ranking) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProcedureProperties.PROCEDURE, TRANSFER);
        props.put(ProcedureProperties.PROVINCE, province);
        if (ranking != null) {
            props.put(Constants.SERVICE_RANKING, ranking);
        }
        return new FakeServiceReference<>(nextServiceId++, bundle, version, props);
    }

    private Procedure bind(FakeServiceReference<Procedure> reference) {
        TestProcedure procedure = new TestProcedure(TRANSFER, "过户 " + reference.getBundle().getSymbolicName());
        registry.addProcedure(procedure, reference);
        return procedure;
    }

    private String provider(String province) {
        return registry.resolveProvider(province, TRANSFER).orElseThrow().provider();
    }

    @Test
    public void highestRankingWinsWhateverOrderDsBindsIn() {
        List<FakeServiceReference<Procedure>> refs = new ArrayList<>(List.of(
                reference("org.bizhall.province.sn.low", "1.0.0", "SN", -5),
                reference("org.bizhall.province.sn.high", "1.0.0", "SN", 100),
                reference("org.bizhall.province.sn.mid", "1.0.0", "SN", null)));
        // DS binds in ServiceReference order: ascending, so the highest ranking comes last.
        Collections.sort(refs);
        assertEquals("org.bizhall.province.sn.high", refs.get(2).getBundle().getSymbolicName());
        refs.forEach(this::bind);
        assertEquals("org.bizhall.province.sn.high/1.0.0", provider("SN"));

        setUp();
        Collections.reverse(refs);
        refs.forEach(r -> bind(reference(r.getBundle().getSymbolicName(), "1.0.0", "SN",
                (Integer) r.getProperty(Constants.SERVICE_RANKING))));
        assertEquals("org.bizhall.province.sn.high/1.0.0", provider("SN"));
    }

    @Test
    public void provinceProviderBeatsHigherRankedNationalDefault() {
        bind(reference("org.bizhall.procedure.transfer", "1.0.0", "*", 1000));
        bind(reference("org.bizhall.province.sn", "1.0.0", "SN", -10));
        assertEquals("org.bizhall.province.sn/1.0.0", provider("SN"));
        assertEquals("another province uses the national default", "org.bizhall.procedure.transfer/1.0.0",
                provider("SX"));
    }

    @Test
    public void equalRankingLowerServiceIdWins() {
        FakeServiceReference<Procedure> first = reference("org.bizhall.province.sn.a", "1.0.0", "SN", 5);
        FakeServiceReference<Procedure> second = reference("org.bizhall.province.sn.b", "1.0.0", "SN", 5);
        bind(second);
        bind(first);
        assertEquals(first.serviceId(), registry.resolveProvider("SN", TRANSFER).orElseThrow().serviceId());
        assertTrue("the framework ranks the lower service id higher too", first.compareTo(second) > 0);
    }

    @Test
    public void adminPinSelectsTheNamedBundleEvenOverAHigherRankedOne() {
        bind(reference("org.bizhall.procedure.transfer", "1.0.0", "*", 0));
        bind(reference("org.bizhall.province.sn", "1.0.0", "SN", 100));
        registry.configure(Map.of("SN." + TRANSFER, "org.bizhall.procedure.transfer", "service.pid",
                ProcedureRegistryImpl.ROUTING_PID));
        assertEquals("org.bizhall.procedure.transfer/1.0.0", provider("SN"));
        assertEquals("a pin of SN does not touch SX", "org.bizhall.procedure.transfer/1.0.0", provider("SX"));

        registry.configure(Map.of());
        assertEquals("without the pin the province provider is back", "org.bizhall.province.sn/1.0.0",
                provider("SN"));
    }

    @Test
    public void pinToAnAbsentBundleIsIgnored() {
        bind(reference("org.bizhall.procedure.transfer", "1.0.0", "*", 0));
        bind(reference("org.bizhall.province.sn", "1.0.0", "SN", 0));
        registry.configure(Map.of("SN." + TRANSFER, "org.bizhall.province.sn.gone"));
        assertEquals("org.bizhall.province.sn/1.0.0", provider("SN"));
    }

    @Test
    public void pinToAnotherProvincesBundleIsIgnored() {
        bind(reference("org.bizhall.procedure.transfer", "1.0.0", "*", 0));
        bind(reference("org.bizhall.province.sx", "1.0.0", "SX", 0));
        registry.configure(Map.of("SN." + TRANSFER, "org.bizhall.province.sx"));
        assertEquals("org.bizhall.procedure.transfer/1.0.0", provider("SN"));
    }

    @Test
    public void uninstallingProvinceProviderFallsBackToNationalDefault() {
        bind(reference("org.bizhall.procedure.transfer", "1.0.0", "*", 0));
        FakeServiceReference<Procedure> sn = reference("org.bizhall.province.sn", "1.2.0", "SN", 100);
        bind(sn);
        assertEquals("org.bizhall.province.sn/1.2.0", provider("SN"));
        registry.removeProcedure(sn);
        assertEquals("org.bizhall.procedure.transfer/1.0.0", provider("SN"));
        registry.removeProcedure(sn);
        assertEquals("removing twice is harmless", "org.bizhall.procedure.transfer/1.0.0", provider("SN"));
    }

    @Test
    public void twoVersionsInstallThenUninstallNeverLeaveTheSlotEmpty() {
        FakeServiceReference<Procedure> v1 = reference("org.bizhall.procedure.transfer", "1.0.0", "*", 0);
        FakeServiceReference<Procedure> v2 = reference("org.bizhall.procedure.transfer", "1.1.0", "*", 0);
        bind(v1);
        bind(v2);
        assertEquals("the older registration (lower service id) stays in use until it goes",
                "org.bizhall.procedure.transfer/1.0.0", provider("SN"));
        registry.removeProcedure(v1);
        assertEquals("org.bizhall.procedure.transfer/1.1.0", provider("SN"));

        // the other way round: the new version goes first, then the old one is still there
        setUp();
        FakeServiceReference<Procedure> w1 = reference("org.bizhall.procedure.transfer", "1.0.0", "*", 0);
        FakeServiceReference<Procedure> w2 = reference("org.bizhall.procedure.transfer", "1.1.0", "*", 0);
        bind(w1);
        bind(w2);
        registry.removeProcedure(w2);
        assertEquals("org.bizhall.procedure.transfer/1.0.0", provider("SN"));
        registry.removeProcedure(w1);
        assertTrue(registry.resolveProvider("SN", TRANSFER).isEmpty());
    }

    @Test
    public void rankingChangeTakesEffectOnUpdate() {
        FakeServiceReference<Procedure> a = reference("org.bizhall.province.sn.a", "1.0.0", "SN", 10);
        FakeServiceReference<Procedure> b = reference("org.bizhall.province.sn.b", "1.0.0", "SN", 5);
        bind(a);
        Procedure procedureB = bind(b);
        b.properties().put(Constants.SERVICE_RANKING, 50);
        registry.updateProcedure(procedureB, b);
        assertEquals("org.bizhall.province.sn.b/1.0.0", provider("SN"));
        assertSame(procedureB, registry.resolveProvider("SN", TRANSFER).orElseThrow().procedure());
    }

    @Test
    public void providerNamesBundleAndVersionWithoutQualifier() {
        bind(reference("org.bizhall.procedure.transfer", "1.2.3.SNAPSHOT", "*", 0));
        ProcedureListing listing = registry.resolve("SN", TRANSFER).orElseThrow();
        assertEquals("org.bizhall.procedure.transfer/1.2.3", listing.provider());
        assertEquals("*", listing.province());
        assertEquals("1.0.0", listing.version());
        assertEquals(List.of("quote", "payment", "execute"), listing.steps());
        assertTrue(listing.active());
    }

    @Test
    public void listingSkipsBrokenProviderAndMarksTheActiveOne() {
        bind(reference("org.bizhall.procedure.transfer", "1.0.0", "*", 0));
        bind(reference("org.bizhall.province.sn", "1.0.0", "SN", 10));
        TestProcedure broken = new TestProcedure("password-reset", "broken");
        broken.brokenDescriptor = true;
        Map<String, Object> props = Map.of(ProcedureProperties.PROCEDURE, "password-reset",
                ProcedureProperties.PROVINCE, "*");
        registry.addProcedure(broken, new FakeServiceReference<>(nextServiceId++, "org.bizhall.procedure.broken",
                "1.0.0", props));
        TestProcedure opening = new TestProcedure("account-opening", "新开户");
        registry.addProcedure(opening, new FakeServiceReference<>(nextServiceId++, "org.bizhall.procedure.opening",
                "1.0.0", Map.of(ProcedureProperties.PROCEDURE, "account-opening", ProcedureProperties.PROVINCE, "*")));

        List<ProcedureListing> active = registry.active("SN");
        assertEquals(List.of("account-opening", TRANSFER), active.stream().map(ProcedureListing::id).toList());
        assertEquals("org.bizhall.province.sn/1.0.0", active.get(1).provider());

        List<ProcedureListing> all = registry.all("SN");
        assertEquals(3, all.size());
        ProcedureListing national = all.stream().filter(l -> l.id().equals(TRANSFER) && l.province().equals("*"))
                .findFirst().orElseThrow();
        assertFalse("the national default is shadowed in SN", national.active());
        assertTrue(registry.all("SX").stream().filter(l -> l.id().equals(TRANSFER)).allMatch(ProcedureListing::active));
        assertEquals("SX does not see SN's provider", 2, registry.all("SX").size());
        assertTrue(registry.resolveProvider("SN", "password-reset").isPresent());
        assertTrue("a broken provider is not listed", registry.resolve("SN", "password-reset").isEmpty());
    }

    /** Issue 9 (the kit): the registry takes the id from one place, the service property, whatever the descriptor says. */
    @Test
    public void procedureIdComesFromTheServicePropertyNotTheDescriptor() {
        FakeServiceReference<Procedure> reference = reference("org.bizhall.province.sn.copy", "1.0.0", "SN", 100);
        TestProcedure halfRenamed = new TestProcedure("account-opening", "过户 copied from the opening");
        registry.addProcedure(halfRenamed, reference);

        assertSame(halfRenamed, registry.resolveProvider("SN", TRANSFER).orElseThrow().procedure());
        assertFalse("the descriptor's id names no slot", registry.resolveProvider("SN", "account-opening").isPresent());
        ProcedureListing listed = registry.active("SN").get(0);
        assertEquals(TRANSFER, listed.id());
        assertEquals(1, registry.active("SN").size());
    }

    @Test
    public void listingsSayWhyTheProviderInUseIsChosen_issue12Routing() {
        bind(reference("org.bizhall.procedure.transfer", "1.0.0", "*", 0));
        bind(reference("org.bizhall.province.sn", "1.0.0", "SN", 100));
        assertEquals(ProcedureListing.PROVINCE, registry.resolve("SN", TRANSFER).orElseThrow().chosenBy());
        assertEquals(ProcedureListing.DEFAULT, registry.resolve("SX", TRANSFER).orElseThrow().chosenBy());

        registry.configure(Map.of("SN." + TRANSFER, "org.bizhall.procedure.transfer"));
        assertEquals(ProcedureListing.PIN, registry.resolve("SN", TRANSFER).orElseThrow().chosenBy());
        List<ProcedureListing> sn = registry.all("SN");
        assertEquals(List.of(ProcedureListing.PIN), sn.stream().filter(ProcedureListing::active)
                .map(ProcedureListing::chosenBy).toList());
        assertNull("an inactive provider has no reason", sn.stream().filter(l -> !l.active()).findFirst()
                .orElseThrow().chosenBy());
    }
}
