package org.bizhall.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.zip.GZIPInputStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.Test;

public class SwapReportTest {
    private static final String SN = "org.bizhall.province.sn/1.0.0.SNAPSHOT";
    private static final String NATIONAL = "org.bizhall.procedure.opening/1.0.0.SNAPSHOT";

    private static SwapReport.Order order(String province, long sent, String provider) {
        return new SwapReport.Order(province, sent, sent, sent + 5, "o" + sent, provider, true, null);
    }

    private static SwapReport.Order failed(String province, long sent, String failure) {
        return new SwapReport.Order(province, sent, sent, -1, null, null, false, failure);
    }

    @Test
    public void switchIsTheFirstOrderFromWhichOnAllAreServedByTheNewProvider() {
        List<SwapReport.Order> orders = List.of(order("SN", 100, NATIONAL), order("SN", 200, NATIONAL),
                order("SN", 300, SN), order("SN", 400, NATIONAL), order("SN", 500, SN), order("SN", 600, SN),
                order("SX", 550, NATIONAL));
        // the command ran from 150 to 450: a stray national order at 400, settled from 500 on
        assertEquals(OptionalLong.of(50), SwapReport.switchNanos(orders, "SN", "org.bizhall.province.sn/", 150,
                Long.MAX_VALUE, 450));
    }

    @Test
    public void switchBeforeTheCommandReturnedIsNegative() {
        List<SwapReport.Order> orders = List.of(order("SN", 100, NATIONAL), order("SN", 200, SN), order("SN", 300, SN));
        assertEquals(OptionalLong.of(-100), SwapReport.switchNanos(orders, "SN", "org.bizhall.province.sn/", 150,
                Long.MAX_VALUE, 300));
    }

    @Test
    public void noSwitchWhenTheWindowEndsOnTheOldProviderOrHoldsNoOrder() {
        List<SwapReport.Order> orders = List.of(order("SN", 200, SN), order("SN", 300, NATIONAL), order("SN", 900, SN));
        assertEquals("the next command's window is not counted", OptionalLong.empty(),
                SwapReport.switchNanos(orders, "SN", "org.bizhall.province.sn/", 100, 800, 150));
        assertEquals(OptionalLong.empty(), SwapReport.switchNanos(orders, "SX", "org.bizhall.province.sn/", 0,
                Long.MAX_VALUE, 0));
    }

    @Test
    public void failedOrdersDoNotCountAsServed() {
        List<SwapReport.Order> orders = List.of(order("SN", 100, NATIONAL), failed("SN", 200, "POST /orders 500"),
                order("SN", 300, SN));
        assertEquals(OptionalLong.of(300), SwapReport.switchNanos(orders, "SN", "org.bizhall.province.sn/", 0,
                Long.MAX_VALUE, 0));
    }

    @Test
    public void sxOrdersServedBySnAreCounted() {
        List<SwapReport.Order> orders = List.of(order("SX", 1, NATIONAL), order("SX", 2, SN), order("SN", 3, SN),
                failed("SX", 4, "POST /orders 503"));
        assertEquals(1, SwapReport.servedBy(orders, "SX", "org.bizhall.province.sn/"));
        assertEquals(0, SwapReport.servedBy(List.of(order("SX", 1, NATIONAL)), "SX", "org.bizhall.province.sn/"));
    }

    @Test
    public void failuresAreCountedByRequestStatusAndCode() {
        List<SwapReport.Order> orders = new ArrayList<>(List.of(order("SN", 1, SN)));
        orders.add(failed("SN", 2, "POST /orders 500 PROCEDURE_FAILED"));
        orders.add(failed("SX", 3, "POST /orders 500 PROCEDURE_FAILED"));
        orders.add(failed("SX", 4, "POST /orders/{id}/payments HttpTimeoutException"));
        assertEquals(Map.of("POST /orders 500 PROCEDURE_FAILED", 2, "POST /orders/{id}/payments HttpTimeoutException", 1),
                SwapReport.failuresByKind(orders));
        assertTrue(SwapReport.failuresByKind(List.of(order("SN", 1, SN))).isEmpty());
    }

    private static final String BUNDLE_LIST = """
            START LEVEL 100 , List Threshold: 0
             ID │ State    │ Lvl │ Version        │ Symbolic name
            ────┼──────────┼─────┼────────────────┼───────────────────────────
              0 │ Active   │   0 │ 7.0.5          │ org.apache.felix.framework
            112 │ Active   │  80 │ 1.0.0.SNAPSHOT │ org.bizhall.engine
            113 │ Resolved │  80 │ 1.0.0.SNAPSHOT │ org.bizhall.api
            150 │ Active   │  80 │ 1.0.0.SNAPSHOT │ org.bizhall.province.sn
            """;

    @Test
    public void platformBundlesAreTheBizhallOnesButNotTheProvincePacks() {
        assertEquals(Map.of(112L, "Active org.bizhall.engine", 113L, "Resolved org.bizhall.api"),
                SwapReport.platformBundles(BUNDLE_LIST));
        assertEquals(Map.of(7L, "Active org.bizhall.rest"),
                SwapReport.platformBundles(" 7 | Active | 80 | 1.0 | org.bizhall.rest\n"));
    }

    private static final String SERVICE_LIST = """
            [org.bizhall.api.order.OrderService]
            ------------------------------------
             component.id = 12
             component.name = org.bizhall.engine.internal.OrderEngine
             service.bundleid = 112
             service.id = 340
             service.scope = bundle
            Provided by :\s
             bizhall :: engine (112)
            Used by:\s
             bizhall :: rest (120)

            [org.osgi.service.cm.ManagedService]
            ------------------------------------
             service.bundleid = 112
             service.id = 341
            Provided by :\s
             bizhall :: engine (112)

            [org.bizhall.api.procedure.Procedure]
            -------------------------------------
             component.name = org.bizhall.province.sn.ShaanxiAccountOpening
             service.bundleid = 150
             service.id = 400
            """;

    @Test
    public void componentServicesOfThePlatformBundlesWithTheirIds() {
        assertEquals(Map.of("112 [org.bizhall.api.order.OrderService] org.bizhall.engine.internal.OrderEngine", "[340]"),
                SwapReport.componentServices(SERVICE_LIST, Set.of(112L)));
    }

    @Test
    public void aRestartedBundleShowsAsChangedIdsAndStates() {
        Map<String, String> before = SwapReport.componentServices(SERVICE_LIST, Set.of(112L));
        Map<String, String> after = SwapReport.componentServices(SERVICE_LIST.replace("service.id = 340",
                "service.id = 512"), Set.of(112L));
        List<String> changes = SwapReport.differences(before, after);
        assertEquals(1, changes.size());
        assertTrue(changes.get(0), changes.get(0).startsWith("changed: ") && changes.get(0).endsWith("[340] → [512]"));
        assertTrue(SwapReport.differences(before, before).isEmpty());
        assertEquals(List.of("gone: 113 Resolved org.bizhall.api", "new: 114 Resolved org.bizhall.api"),
                SwapReport.differences(Map.of(113L, "Resolved org.bizhall.api"), Map.of(114L, "Resolved org.bizhall.api")));
        assertFalse(SwapReport.differences(Map.of(1L, "Active a"), Map.of(1L, "Resolved a")).isEmpty());
    }

    /** What a bizhall distribution's shell answered, before and after {@code bundle:restart} of the engine. */
    private static String karafOutput(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(SwapReportTest.class.getResourceAsStream("/karaf-4.4.10/" + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void onRealShellOutput_theEngineRestartShowsAsReRegisteredServicesAndNothingElseDoes() throws IOException {
        Map<Long, String> bundles = SwapReport.platformBundles(karafOutput("bundle-list.txt.gz"));
        assertTrue(bundles.toString(), bundles.size() >= 20);
        assertEquals("Active org.bizhall.engine", bundles.get(113L));
        assertTrue("no province pack counted", bundles.values().stream().noneMatch(b -> b.contains("province")));
        Map<String, String> before = SwapReport.componentServices(karafOutput("service-list.txt.gz"), bundles.keySet());
        assertTrue(before.toString(), before.size() >= 90);
        assertTrue("only the platform's bundles", before.keySet().stream().allMatch(k -> bundles.containsKey(
                Long.parseLong(k.substring(0, k.indexOf(' '))))));
        assertTrue(SwapReport.differences(before, SwapReport.componentServices(karafOutput("service-list.txt.gz"),
                bundles.keySet())).isEmpty());

        List<String> changes = SwapReport.differences(before,
                SwapReport.componentServices(karafOutput("service-list-after-engine-restart.txt.gz"), bundles.keySet()));
        assertFalse(changes.isEmpty());
        assertTrue(changes.toString(), changes.stream().anyMatch(c -> c.startsWith("changed: 113 ")
                && c.contains("org.bizhall.engine")));
    }
}
