package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replacement at runtime: a province bundle whose account-opening ranks higher takes over new orders of its province
 * at once, other provinces keep the default, and removing it brings the default back; stored orders stay readable
 * and payable throughout, without a restart. The same bundles show the platform boundary: procedure and province
 * bundles are wired to no {@code org.bizhall.platform} package in the running distribution, including a province
 * bundle installed at runtime, which the build-time check in {@code build-checks} cannot see; the engine, which is
 * wired to the platform stores, shows that the check reads real wiring.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ProvinceReplacementIT extends BizhallTestSupport {
    /** The deposit the test province bundle quotes and credits (the bundle is not on this class path). */
    private static final long SN_TEST_DEPOSIT_FEN = 10000;

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    private JsonNode listed(String user) {
        for (JsonNode p : get(user, "/procedures").expect(200).json()) {
            if ("account-opening".equals(p.path("id").asText())) {
                return p;
            }
        }
        throw new AssertionError("account-opening is not listed");
    }

    private static boolean quotedByTestProvince(JsonNode order) {
        for (JsonNode item : order.path("quote").path("items")) {
            if ("SN_TEST_PROVINCE_FEE".equals(item.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode awaitListedProvince(String user, String province) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode listed = listed(user);
        while (!province.equals(listed.path("province").asText()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            listed = listed(user);
        }
        assertEquals(listed.toString(), province, listed.path("province").asText());
        return listed;
    }

    @Test
    public void provinceBundleTakesOverAndUninstallBringsTheDefaultBack() throws Exception {
        JsonNode before = post("op-sn", "/orders", openingOrder(availableNumber("op-sn", "138918091", false), "GOTONE-88"), key())
                .expect(201).json();
        assertTrue(before.path("provider").asText().startsWith("org.bizhall.procedure.opening/"));

        File fixture = new File(System.getProperty("bizhall.fixture.province"));
        assertTrue("fixture bundle built: " + fixture, fixture.isFile());
        Bundle province = bundleContext.installBundle(fixture.toURI().toString());
        province.start();
        try {
            JsonNode snListing = awaitListedProvince("op-sn", "SN");
            assertEquals(100, snListing.path("ranking").asInt());
            assertTrue(snListing.path("provider").asText().startsWith("org.bizhall.itest.province/"));
            assertEquals("*", listed("op-sx").path("province").asText());

            JsonNode snOrder = post("op-sn", "/orders", openingOrder(availableNumber("op-sn", "138918092", false), "GOTONE-88"), key())
                    .expect(201).json();
            assertTrue(snOrder.toString(), quotedByTestProvince(snOrder));
            assertTrue(snOrder.path("provider").asText().startsWith("org.bizhall.itest.province/"));

            JsonNode sxOrder = post("op-sx", "/orders", openingOrder(availableNumber("op-sx", "1393510", false), "GOTONE-88"), key())
                    .expect(201).json();
            assertTrue(sxOrder.toString(), !quotedByTestProvince(sxOrder));

            // a crash in the province's code fails its own order only: nothing paid, the order FAILED, at once
            com.fasterxml.jackson.databind.node.ObjectNode crashing = openingOrder(availableNumber("op-sx", "13935105", false), "GOTONE-88");
            ((com.fasterxml.jackson.databind.node.ObjectNode) crashing.get("params")).put("simCapacity", "CRASH-IN-EXECUTE");
            JsonNode doomed = post("op-sx", "/orders", crashing, key()).expect(201).json();
            long started = System.currentTimeMillis();
            post("op-sx", "/orders/" + doomed.path("id").asText() + "/payments", object().put("method", "BANK_CARD"), key())
                    .problem(500, "PROCEDURE_FAILED");
            assertTrue("the failure answers without waiting on locks", System.currentTimeMillis() - started < 20_000);
            assertEquals(0, get("op-sx", "/orders/" + doomed.path("id").asText() + "/payments").expect(200).json().size());
            long deadline = System.currentTimeMillis() + 20_000;
            String state = get("op-sx", "/orders/" + doomed.path("id").asText()).expect(200).json().path("state").asText();
            while (!"FAILED".equals(state) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                state = get("op-sx", "/orders/" + doomed.path("id").asText()).expect(200).json().path("state").asText();
            }
            assertEquals("FAILED", state);

            // the order taken before the province bundle arrived is still readable and payable
            JsonNode paid = post("op-sn", "/orders/" + before.path("id").asText() + "/payments",
                    object().put("method", "BANK_CARD"), key()).expect(201).json();
            assertNotNull(paid.path("receipt").path("number").asText(null));
            assertEquals("COMPLETED", get("op-sn", "/orders/" + before.path("id").asText()).expect(200).json().path("state").asText());

            province.uninstall();
            province = null;
            awaitListedProvince("op-sn", "*");

            JsonNode after = post("op-sn", "/orders", openingOrder(availableNumber("op-sn", "138918093", false), "GOTONE-88"), key())
                    .expect(201).json();
            assertTrue(after.toString(), !quotedByTestProvince(after));

            // the order the province bundle priced is still readable and payable after it is gone
            JsonNode stored = get("op-sn", "/orders/" + snOrder.path("id").asText()).expect(200).json();
            assertEquals(snOrder.path("quote"), stored.path("quote"));
            post("op-sn", "/orders/" + snOrder.path("id").asText() + "/payments",
                    object().put("method", "CASH").put("tenderedFen", stored.path("quote").path("totalFen").asLong()), key())
                    .expect(201);
            assertEquals("COMPLETED", get("op-sn", "/orders/" + snOrder.path("id").asText()).expect(200).json().path("state").asText());
        } finally {
            if (province != null) {
                province.uninstall();
            }
        }
    }

    private Bundle installFixture() throws Exception {
        File fixture = new File(System.getProperty("bizhall.fixture.province"));
        assertTrue("fixture bundle built: " + fixture, fixture.isFile());
        Bundle province = bundleContext.installBundle(fixture.toURI().toString());
        province.start();
        return province;
    }

    private static ObjectNode withParam(ObjectNode order, String name, String value) {
        ((ObjectNode) order.get("params")).put(name, value);
        return order;
    }

    /**
     * Issue 9 (the kit): a procedure bundle written with the kit alone, installed at runtime, gets its params validated
     * by the engine against the schema it publishes, and its kiosk surplus credited, without a line of its own.
     */
    @Test
    public void kitOnlyProvinceBundleGetsItsParamsValidatedAndItsKioskSurplusCredited_issue9() throws Exception {
        awaitListedProvince("op-sn", "*");
        Bundle province = installFixture();
        try {
            JsonNode listing = awaitListedProvince("op-sn", "SN");
            assertEquals("the descriptor's version is the bundle's", "1.0.0", listing.path("version").asText());
            assertEquals("[\"HOLDER_ID\"]", listing.path("documents").toString());
            assertTrue(listing.path("paramsSchema").toString(), listing.path("paramsSchema").toString().contains("referralCode"));

            // params that break the bundle's own schema: 400 naming the param, nothing stored, the number still free
            String msisdn = availableNumber("op-sn", "138918096", false);
            JsonNode bad = post("op-sn", "/orders", withParam(openingOrder(msisdn, "GOTONE-88"), "referralCode", "XX1"), key())
                    .problem(400, "PARAM_INVALID");
            assertEquals(bad.toString(), "params.referralCode", bad.path("field").asText());
            JsonNode unknown = post("op-sn", "/orders", withParam(openingOrder(msisdn, "GOTONE-88"), "colour", "red"), key())
                    .problem(400, "PARAM_INVALID");
            assertTrue(unknown.toString(), unknown.path("field").asText().startsWith("params"));
            ObjectNode noPackage = openingOrder(msisdn, "GOTONE-88");
            ((ObjectNode) noPackage.get("params")).remove("package");
            assertEquals("params.package", post("op-sn", "/orders", noPackage, key()).problem(400, "PARAM_MISSING")
                    .path("field").asText());
            assertEquals("0", get("op-sn", "/orders?msisdn=" + msisdn).expect(200).header("X-Total-Count"));
            assertEquals(msisdn, availableNumber("op-sn", msisdn, false));

            // a kiosk payment with notes beyond the amount due: the surplus is the customer's, credited by the engine
            JsonNode order = post("op-sn", "/orders", withParam(openingOrder(msisdn, "GOTONE-88"), "referralCode", "SN0042"),
                    key()).expect(201).json();
            assertTrue(order.toString(), quotedByTestProvince(order));
            long due = order.path("quote").path("totalFen").asLong();
            assertEquals(11234, due);
            ObjectNode notes = object().put("method", "KIOSK_CASH");
            notes.putArray("notes").add(100).add(100);
            JsonNode payment = post("op-sn", "/orders/" + order.path("id").asText() + "/payments", notes, key())
                    .expect(201).json();
            assertEquals(payment.toString(), 20000, payment.path("tenderedFen").asLong());
            assertEquals(0, payment.path("changeFen").asLong());
            long surplus = 20000 - due;
            assertEquals(surplus, payment.path("surplusFen").asLong());
            JsonNode completed = get("op-sn", "/orders/" + order.path("id").asText()).expect(200).json();
            assertEquals(completed.toString(), "COMPLETED", completed.path("state").asText());
            assertEquals(completed.toString(), surplus, completed.path("result").path("kioskSurplusFen").asLong());

            long account = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asLong();
            JsonNode ledger = get("op-sn", "/accounts/" + account + "/ledger").expect(200).json();
            long credited = 0;
            for (JsonNode entry : ledger) {
                if ("KIOSK_SURPLUS".equals(entry.path("kind").asText())) {
                    assertEquals(order.path("id").asText(), entry.path("orderId").asText());
                    credited += entry.path("amountFen").asLong();
                }
            }
            assertEquals(ledger.toString(), surplus, credited);
            assertEquals("the deposit and all of the surplus", SN_TEST_DEPOSIT_FEN + surplus,
                    get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong());
        } finally {
            province.uninstall();
            awaitListedProvince("op-sn", "*");
        }
    }

    // ---------------------------------------------------------------- the platform boundary (issue 9, item 1)

    private static final String PLATFORM = "org.bizhall.platform";
    private static final List<String> PROCEDURE_SERVICES = List.of("org.bizhall.api.procedure.Procedure",
            "org.bizhall.api.procedure.ProcedureStepHook");

    @Test
    public void procedureAndProvinceBundlesAreWiredToNoPlatformPackage_issue9() throws Exception {
        File fixture = new File(System.getProperty("bizhall.fixture.province"));
        assertTrue("fixture bundle built: " + fixture, fixture.isFile());
        Bundle province = bundleContext.installBundle(fixture.toURI().toString());
        try {
            province.start();

            Map<String, Set<String>> platformWires = new TreeMap<>();
            for (Bundle bundle : procedureBundles()) {
                platformWires.put(bundle.getSymbolicName(), platformPackagesWiredTo(bundle));
            }

            assertTrue("the national procedures and the province bundle were checked: " + platformWires.keySet(),
                    platformWires.keySet().containsAll(List.of("org.bizhall.procedure.opening",
                            "org.bizhall.procedure.payment", "org.bizhall.procedure.general",
                            "org.bizhall.procedure.password", "org.bizhall.itest.province")));
            platformWires.forEach((bsn, packages) -> assertEquals(bsn + " is wired to", Set.of(), packages));
        } finally {
            province.uninstall();
        }
    }

    @Test
    public void theEngineIsWiredToThePlatformStores_issue9() {
        Bundle engine = null;
        for (Bundle bundle : bundleContext.getBundles()) {
            if ("org.bizhall.engine".equals(bundle.getSymbolicName())) {
                engine = bundle;
            }
        }
        assertNotNull("the engine is installed", engine);
        assertTrue(platformPackagesWiredTo(engine).contains(PLATFORM + ".store"));
    }

    /**
     * Issue 12: the Shaanxi pack as an integrator ships it, a KAR installed into the running distribution with
     * {@code kar:install}: its providers are the ones listed and used for SN at once (SX keeps the defaults), a pin
     * through {@code hall:route} overrides it and is undone, and {@code kar:uninstall} brings the defaults back; the
     * order it priced stays readable and payable, and no platform bundle was refreshed on the way (their services keep
     * their ids).
     */
    @Test
    public void shaanxiPackInstalledAsKarTakesOverSnAndLeavesWithoutRefreshingThePlatform_issue12() throws Exception {
        File kar = new File(System.getProperty("bizhall.pack.sn"));
        assertTrue("SN pack built: " + kar, kar.isFile());
        Map<String, Long> platformServices = platformServiceIds();
        String installed = shell("kar:install " + kar.toURI());
        try {
            assertTrue(installed + shell("bundle:list -s | grep -i province"),
                    shell("bundle:list -s").contains("org.bizhall.province.sn"));
            JsonNode snListing = awaitListedProvince("op-sn", "SN");
            assertTrue(snListing.toString(), snListing.path("provider").asText().startsWith("org.bizhall.province.sn/"));
            assertEquals("PROVINCE", snListing.path("chosenBy").asText());
            assertTrue(snListing.path("title").asText().endsWith("（陕西）"));
            JsonNode sxListing = listed("op-sx");
            assertEquals("*", sxListing.path("province").asText());
            assertEquals("DEFAULT", sxListing.path("chosenBy").asText());
            String table = shell("hall:procedures --province SN account-opening");
            assertTrue(table, table.contains("org.bizhall.province.sn") && table.contains("province, ranking 10"));

            String msisdn = availableNumber("op-sn", "138918094", false);
            JsonNode opened = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
            assertTrue(opened.toString(), opened.path("provider").asText().startsWith("org.bizhall.province.sn/"));
            post("op-sn", "/orders/" + opened.path("id").asText() + "/payments", object().put("method", "BANK_CARD"), key())
                    .expect(201);
            ObjectNode billPayment = object().put("procedure", "bill-payment").put("msisdn", msisdn);
            billPayment.putObject("params").put("amountFen", 5000);
            JsonNode bill = post("op-sn", "/orders", billPayment, key()).expect(201).json();
            assertEquals(bill.toString(), 5050, bill.path("quote").path("totalFen").asLong());
            assertTrue(bill.toString(), bill.path("quote").toString().contains("SN_COUNTER_SURCHARGE"));

            String pinned = shell("hall:route pin SN account-opening org.bizhall.procedure.opening");
            assertTrue(pinned, pinned.contains("pinned"));
            JsonNode pinnedListing = awaitListedProvince("op-sn", "*");
            assertEquals("PIN", pinnedListing.path("chosenBy").asText());
            String refused = shell("hall:route pin SN account-opening org.bizhall.procedure.nothing");
            assertTrue(refused, refused.contains("PROVIDER_NOT_INSTALLED"));
            String unpinned = shell("hall:route unpin SN account-opening");
            assertTrue(unpinned, unpinned.contains("unpinned"));
            awaitListedProvince("op-sn", "SN");

            String removed = shell("kar:uninstall " + kar.getName().replaceAll("\\.kar$", ""));
            installed = null;
            awaitListedProvince("op-sn", "*");
            assertEquals(removed, "DEFAULT", listed("op-sn").path("chosenBy").asText());
            JsonNode stored = get("op-sn", "/orders/" + bill.path("id").asText()).expect(200).json();
            assertEquals(bill.path("quote"), stored.path("quote"));
            post("op-sn", "/orders/" + bill.path("id").asText() + "/payments",
                    object().put("method", "CASH").put("tenderedFen", 6000), key()).expect(201);
            assertEquals("COMPLETED", get("op-sn", "/orders/" + bill.path("id").asText()).expect(200).json()
                    .path("state").asText());
            assertEquals("no platform bundle was refreshed or restarted", platformServices, platformServiceIds());
        } finally {
            if (installed != null) {
                shell("kar:uninstall " + kar.getName().replaceAll("\\.kar$", ""));
            }
        }
    }

    /**
     * Issue 12: the Shanxi pack changes only SX's parameters and adds a procedure the national catalogue lacks; both
     * appear for SX at once (and not for SN) when its KAR is installed, and both go when it is removed.
     */
    @Test
    public void shanxiPackBringsItsParametersAndItsOwnProcedureAndTakesThemAway_issue12() throws Exception {
        File kar = new File(System.getProperty("bizhall.pack.sx"));
        assertTrue("SX pack built: " + kar, kar.isFile());
        String msisdn = availableNumber("op-sx", "1393510", false);
        JsonNode opening = post("op-sx", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sx", "/orders/" + opening.path("id").asText() + "/payments", object().put("method", "BANK_CARD"), key())
                .expect(201);
        assertEquals(10000, depositQuotedForSx());

        String installed = shell("kar:install " + kar.toURI());
        try {
            awaitListing("op-sx", "bill-delivery", true);
            assertTrue("SN does not get Shanxi's procedure", !listedIds("op-sn").contains("bill-delivery"));
            assertEquals("Shanxi's opening deposit", 5000, awaitDepositQuotedForSx(5000));

            ObjectNode delivery = object().put("procedure", "bill-delivery").put("msisdn", msisdn);
            delivery.set("customer", personalCustomer("张三"));
            delivery.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
            delivery.putObject("params").put("channel", "SMS");
            JsonNode done = post("op-sx", "/orders", delivery, key()).expect(201).json();
            assertEquals(done.toString(), "COMPLETED", done.path("state").asText());
            JsonNode subscriber = get("op-sx", "/subscribers/" + msisdn).expect(200).json();
            assertTrue(subscriber.toString(), subscriber.path("features").toString().contains("BILL_BY_SMS"));

            // Karaf keeps a feature's configuration when the feature goes, unless asked to delete it
            String uninstalled = shell("feature:uninstall --delete-configurations bizhall-province-sx");
            shell("kar:uninstall " + kar.getName().replaceAll("\\.kar$", ""));
            installed = null;
            awaitListing("op-sx", "bill-delivery", false);
            assertTrue(uninstalled, !uninstalled.contains("Error"));
            post("op-sx", "/orders", delivery, key()).problem(404, "PROCEDURE_UNKNOWN");
            assertEquals("SX is back on the national defaults", 10000, awaitDepositQuotedForSx(10000));
            assertEquals("COMPLETED", get("op-sx", "/orders/" + done.path("id").asText()).expect(200).json()
                    .path("state").asText());
        } finally {
            if (installed != null) {
                shell("kar:uninstall " + kar.getName().replaceAll("\\.kar$", ""));
            }
        }
    }

    private List<String> listedIds(String user) {
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode p : get(user, "/procedures").expect(200).json()) {
            ids.add(p.path("id").asText());
        }
        return ids;
    }

    private void awaitListing(String user, String id, boolean present) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (listedIds(user).contains(id) != present && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(id + " listed for " + user, present, listedIds(user).contains(id));
    }

    /** The deposit an SX opening is quoted without a deposit param (the province's minimum); the order is cancelled. */
    private long depositQuotedForSx() {
        JsonNode order = post("op-sx", "/orders", openingOrder(availableNumber("op-sx", "1393510", false), "GOTONE-88"),
                key()).expect(201).json();
        post("op-sx", "/orders/" + order.path("id").asText() + "/cancel", null, key()).expect(200);
        for (JsonNode item : order.path("quote").path("items")) {
            if ("DEPOSIT".equals(item.path("code").asText())) {
                return item.path("amountFen").asLong();
            }
        }
        throw new AssertionError("no deposit quoted: " + order);
    }

    private long awaitDepositQuotedForSx(long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        long quoted = depositQuotedForSx();
        while (quoted != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            quoted = depositQuotedForSx();
        }
        return quoted;
    }

    /**
     * Issue 12, the swap under traffic at a low rate: openings of SN and SX flow, each paid at once, while the SN pack
     * is installed and removed three times. No request fails, every order ends COMPLETED, an SX order is never served
     * by the SN provider, each swap is followed by an SN order of the new provider, and no platform bundle is
     * refreshed. The bench's swap phase measures the same at a higher rate.
     */
    @Test
    public void ordersFlowingThroughThreeSwapsAreNeitherLostNorMisrouted_issue12() throws Exception {
        File kar = new File(System.getProperty("bizhall.pack.sn"));
        Map<String, Long> platformServices = platformServiceIds();
        List<JsonNode> served = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<String> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean flowing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread traffic = new Thread(() -> {
            boolean sn = true;
            while (flowing.get()) {
                String user = sn ? "op-sn" : "op-sx";
                try {
                    Answer created = post(user, "/orders",
                            openingOrder(availableNumber(user, sn ? "138918" : "139351", false), "GOTONE-88"), key());
                    if (created.status() != 201) {
                        failures.add(user + " submit " + created.status() + " " + created.raw().body());
                    } else {
                        JsonNode order = created.json();
                        served.add(order);
                        Answer paid = post(user, "/orders/" + order.path("id").asText() + "/payments",
                                object().put("method", "BANK_CARD"), key());
                        if (paid.status() != 201) {
                            failures.add(user + " pay " + paid.status() + " " + paid.raw().body());
                        }
                    }
                } catch (RuntimeException | AssertionError e) {
                    failures.add(user + " " + e);
                }
                sn = !sn;
            }
        }, "swap-traffic");
        traffic.start();
        try {
            for (int swap = 0; swap < 3; swap++) {
                shell("kar:install " + kar.toURI());
                awaitServedBy("org.bizhall.province.sn/", served, failures);
                shell("kar:uninstall " + kar.getName().replaceAll("\\.kar$", ""));
                awaitServedBy("org.bizhall.procedure.opening/", served, failures);
            }
        } finally {
            flowing.set(false);
            traffic.join(60_000);
        }
        assertEquals("failed requests", List.of(), failures);
        for (JsonNode order : List.copyOf(served)) {
            boolean sx = "SX".equals(order.path("province").asText());
            assertTrue("an SX order served by the SN pack: " + order, !(sx
                    && order.path("provider").asText().startsWith("org.bizhall.province.sn/")));
            JsonNode stored = get(sx ? "op-sx" : "op-sn", "/orders/" + order.path("id").asText()).expect(200).json();
            assertEquals(stored.toString(), "COMPLETED", stored.path("state").asText());
        }
        assertEquals("no platform bundle was refreshed or restarted", platformServices, platformServiceIds());
    }

    /** Waits for the next SN order the traffic gets from {@code provider}; fails after 60 s. */
    private static void awaitServedBy(String provider, List<JsonNode> served, List<String> failures)
            throws InterruptedException {
        int from = served.size();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<JsonNode> now = List.copyOf(served);
            for (JsonNode order : now.subList(Math.min(from, now.size()), now.size())) {
                if ("SN".equals(order.path("province").asText()) && order.path("provider").asText().startsWith(provider)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no SN order served by " + provider + " within 60 s; failures: " + failures);
    }

    /**
     * The service ids of the platform's components: a refreshed or restarted bundle registers them anew, with new ids.
     */
    private Map<String, Long> platformServiceIds() throws Exception {
        Map<String, Long> ids = new TreeMap<>();
        for (ServiceReference<?> ref : bundleContext.getAllServiceReferences(null, null)) {
            Bundle bundle = ref.getBundle();
            if (bundle != null && bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("org.bizhall.")
                    && !bundle.getSymbolicName().startsWith("org.bizhall.province.")) {
                Object component = ref.getProperty("component.name");
                if (component == null) {
                    continue; // not a component's service (a configuration listener the framework keeps), never re-made
                }
                String[] classes = (String[]) ref.getProperty("objectClass");
                ids.put(bundle.getSymbolicName() + " " + String.join(",", classes) + " " + component,
                        (Long) ref.getProperty("service.id"));
            }
        }
        return ids;
    }

    /** Bundles registering a procedure or a step hook; the province bundle registers once its component is active. */
    private Set<Bundle> procedureBundles() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            Set<Bundle> bundles = new TreeSet<>((a, b) -> Long.compare(a.getBundleId(), b.getBundleId()));
            boolean provinceSeen = false;
            for (String service : PROCEDURE_SERVICES) {
                ServiceReference<?>[] refs = bundleContext.getAllServiceReferences(service, null);
                for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                    Bundle bundle = ref.getBundle();
                    if (bundle != null) {
                        bundles.add(bundle);
                        provinceSeen |= "org.bizhall.itest.province".equals(bundle.getSymbolicName());
                    }
                }
            }
            if (provinceSeen || System.currentTimeMillis() > deadline) {
                return bundles;
            }
            Thread.sleep(200);
        }
    }

    private static Set<String> platformPackagesWiredTo(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        assertNotNull(bundle.getSymbolicName() + " is resolved", wiring);
        Set<String> packages = new TreeSet<>();
        for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            Object name = wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
            if (name instanceof String pkg && (pkg.equals(PLATFORM) || pkg.startsWith(PLATFORM + "."))) {
                packages.add(pkg);
            }
        }
        return packages;
    }
}
