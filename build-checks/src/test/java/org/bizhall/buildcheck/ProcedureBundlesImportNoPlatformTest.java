package org.bizhall.buildcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.BeforeClass;
import org.junit.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import aQute.bnd.header.Parameters;

/**
 * Procedure and province bundles never import {@code org.bizhall.platform} (issue 9, item 1): the stores behind the
 * engine are platform-only, so a procedure cannot write orders behind the engine's back. The check reads what the build
 * made: each bundle on this module's test classpath, its {@code Import-Package} and the services its Declarative
 * Services components provide. A bundle providing a {@code Procedure} or a {@code ProcedureStepHook} is a procedure
 * bundle, and it fails the check when it imports a platform package. The negative cases below show the check failing on
 * such a bundle and finding the platform imports of a real platform bundle.
 */
public class ProcedureBundlesImportNoPlatformTest {
    static final String PLATFORM = "org.bizhall.platform";
    static final Set<String> PROCEDURE_SERVICES = Set.of("org.bizhall.api.procedure.Procedure",
            "org.bizhall.api.procedure.ProcedureStepHook");

    /** The bundles of the tree on the test classpath, by artifact id. */
    private static Map<String, BuiltBundle> bundles;

    @BeforeClass
    public static void readBuiltBundles() throws Exception {
        bundles = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            BuiltBundle bundle = BuiltBundle.read(new File(entry));
            if (bundle != null) {
                bundles.put(bundle.artifactId, bundle);
            }
        }
    }

    @Test
    public void procedureBundlesImportNoPlatformPackage_issue9() {
        List<String> procedureBundles = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (BuiltBundle bundle : bundles.values()) {
            if (bundle.providesProcedureService()) {
                procedureBundles.add(bundle.artifactId);
                bundle.platformImports().forEach(p -> violations.add(bundle.artifactId + " imports " + p));
            }
        }
        assertTrue("the procedure bundles and the test province bundle were checked: " + procedureBundles,
                procedureBundles.containsAll(List.of("procedure-opening", "procedure-payment", "procedure-general",
                        "procedure-password", "fixture-province", "province-sn", "province-sx")));
        assertEquals("procedure bundles importing a platform-only package", List.of(), violations);
    }

    /** A procedure module added to the tree but not to this module's dependencies would escape the check. */
    @Test
    public void everyProcedureModuleOfTheTreeIsChecked_issue9() throws IOException {
        Set<String> modules = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(ApiBaselineTest.root().resolve("bundles"))) {
            dirs.filter(d -> d.getFileName().toString().startsWith("procedure-"))
                    .filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .forEach(d -> modules.add(d.getFileName().toString()));
        }
        // the province packs: provinces/<code>/procedures, artifact province-<code>
        try (Stream<Path> packs = Files.list(ApiBaselineTest.root().resolve("provinces"))) {
            packs.filter(d -> Files.isRegularFile(d.resolve("procedures").resolve("pom.xml")))
                    .forEach(d -> modules.add("province-" + d.getFileName()));
        }
        assertFalse("the tree has procedure modules", modules.isEmpty());
        Set<String> unchecked = new TreeSet<>(modules);
        unchecked.removeAll(bundles.keySet());
        assertEquals("procedure modules missing from build-checks/pom.xml", Set.of(), unchecked);
    }

    /** The check fails a bundle that registers a procedure and imports a store package. */
    @Test
    public void aProcedureBundleImportingAPlatformPackageIsReported_issue9() throws Exception {
        BuiltBundle rogue = BuiltBundle.of("rogue-province",
                "org.bizhall.api.procedure;version=\"[1.1,2)\",org.bizhall.platform.store;version=\"[1.0,2)\"",
                List.of("<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"Rogue\">"
                        + "<service><provide interface=\"org.bizhall.api.procedure.Procedure\"/></service>"
                        + "</scr:component>"));

        assertTrue(rogue.providesProcedureService());
        assertEquals(List.of("org.bizhall.platform.store"), rogue.platformImports());
    }

    /** The engine imports the platform stores and registers no procedure: the check reads a real bnd manifest. */
    @Test
    public void aPlatformBundlesImportsAreFoundButItIsNoProcedureBundle_issue9() {
        BuiltBundle engine = bundles.get("bizhall-engine");
        assertTrue("the engine bundle is on the test classpath", engine != null);

        assertTrue("the engine imports " + PLATFORM + ".store", engine.platformImports().contains(PLATFORM + ".store"));
        assertFalse(engine.providesProcedureService());
    }

    /** What the check needs of one built bundle: its artifact, imports and the services its components provide. */
    static final class BuiltBundle {
        final String artifactId;
        final String imports;
        final Set<String> provided;

        private BuiltBundle(String artifactId, String imports, Set<String> provided) {
            this.artifactId = artifactId;
            this.imports = imports == null ? "" : imports;
            this.provided = provided;
        }

        boolean providesProcedureService() {
            return provided.stream().anyMatch(PROCEDURE_SERVICES::contains);
        }

        List<String> platformImports() {
            List<String> found = new ArrayList<>();
            for (String name : new Parameters(imports).keySet()) {
                if (name.equals(PLATFORM) || name.startsWith(PLATFORM + ".")) {
                    found.add(name);
                }
            }
            return found;
        }

        static BuiltBundle of(String artifactId, String imports, List<String> componentXmls) throws Exception {
            Set<String> provided = new TreeSet<>();
            for (String xml : componentXmls) {
                provided.addAll(providedBy(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
            }
            return new BuiltBundle(artifactId, imports, provided);
        }

        /**
         * A classpath entry of the tree as a bundle: a jar ({@code <artifactId>-<version>.jar}, from the module's
         * target or the local repository) or a module's {@code target/classes} with the manifest bnd wrote; null for
         * anything else.
         */
        static BuiltBundle read(File entry) throws Exception {
            if (entry.isDirectory()) {
                File manifestFile = new File(entry, "META-INF/MANIFEST.MF");
                if (!manifestFile.isFile() || !entry.getName().equals("classes")) {
                    return null;
                }
                Manifest manifest;
                try (InputStream in = Files.newInputStream(manifestFile.toPath())) {
                    manifest = new Manifest(in);
                }
                String artifactId = moduleArtifactId(entry.getParentFile().getParentFile());
                Set<String> provided = new TreeSet<>();
                for (String component : components(manifest)) {
                    File xml = new File(entry, component);
                    if (xml.isFile()) {
                        try (InputStream in = Files.newInputStream(xml.toPath())) {
                            provided.addAll(providedBy(in));
                        }
                    }
                }
                return ofTree(artifactId, manifest, provided);
            }
            if (!entry.getName().endsWith(".jar")) {
                return null;
            }
            try (JarFile jar = new JarFile(entry)) {
                Manifest manifest = jar.getManifest();
                if (manifest == null) {
                    return null;
                }
                Set<String> provided = new TreeSet<>();
                for (String component : components(manifest)) {
                    var xml = jar.getJarEntry(component);
                    if (xml != null) {
                        try (InputStream in = jar.getInputStream(xml)) {
                            provided.addAll(providedBy(in));
                        }
                    }
                }
                String name = entry.getName();
                int version = name.indexOf("-" + treeVersion());
                String artifactId = version > 0 ? name.substring(0, version) : name;
                return ofTree(artifactId, manifest, provided);
            }
        }

        /** The artifact id a module's pom declares (folders such as {@code provinces/sn/procedures} differ from it). */
        static String moduleArtifactId(File module) throws IOException {
            File pom = new File(module, "pom.xml");
            if (!pom.isFile()) {
                return module.getName();
            }
            String text = Files.readString(pom.toPath()).replaceAll("(?s)<parent>.*?</parent>", "");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(text);
            return m.find() ? m.group(1).trim() : module.getName();
        }

        private static BuiltBundle ofTree(String artifactId, Manifest manifest, Set<String> provided) {
            Attributes main = manifest.getMainAttributes();
            String bsn = main.getValue("Bundle-SymbolicName");
            if (bsn == null || !bsn.startsWith("org.bizhall.")) {
                return null;
            }
            return new BuiltBundle(artifactId, main.getValue("Import-Package"), provided);
        }

        /** The version every module of the tree has, which ends its artifact id in a jar's name. */
        private static String treeVersion() {
            return System.getProperty("bizhall.version");
        }

        private static List<String> components(Manifest manifest) {
            String header = manifest.getMainAttributes().getValue("Service-Component");
            return header == null ? List.of() : new ArrayList<>(new Parameters(header).keySet());
        }

        private static Set<String> providedBy(InputStream xml) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList provides = factory.newDocumentBuilder().parse(xml).getElementsByTagNameNS("*", "provide");
            Set<String> names = new TreeSet<>();
            for (int i = 0; i < provides.getLength(); i++) {
                names.add(((Element) provides.item(i)).getAttribute("interface"));
            }
            return names;
        }
    }
}
