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

/**
 * Procedure and province bundles are wired to no {@code org.bizhall.platform} package (issue 9, item 1), checked in
 * the running distribution over every bundle that registers a {@code Procedure} or a {@code ProcedureStepHook},
 * including a province bundle installed at runtime, which the build-time check in {@code build-checks} cannot see.
 * The engine, which is wired to the platform stores, shows that the check reads real wiring.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class PlatformBoundaryIT extends BizhallTestSupport {
    private static final String PLATFORM = "org.bizhall.platform";
    private static final List<String> PROCEDURE_SERVICES = List.of("org.bizhall.api.procedure.Procedure",
            "org.bizhall.api.procedure.ProcedureStepHook");

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

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
