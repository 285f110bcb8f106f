package org.bizhall.buildcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.service.ReceiptListener;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.annotation.versioning.ConsumerType;

import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.FileResource;
import aQute.bnd.osgi.Jar;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import aQute.bnd.version.Version;

/**
 * The api baseline (issue 9, item 1) is a check that can fail. Each test takes the api as this build made it, changes
 * one type the way a contributor would (its source from {@code api/src}, one method added, compiled against the built
 * api), and compares the result with the released reference in {@code api/baseline} (the parent pom's
 * {@code api.baseline.version}) using the differ and baseline of bndlib, the code the {@code bnd-baseline-maven-plugin}
 * of the api module runs: a mismatch there fails the api module's build. {@link #theApiAsBuiltMayReplaceTheReleasedOne_issue9} also runs {@link ApiCompatibility}'s check for
 * what that plugin misses on the tree as it is, so it fails the build too.
 */
public class ApiBaselineTest {
    private static final String PROCEDURE_PACKAGE = "org.bizhall.api.procedure";
    private static final String SERVICE_PACKAGE = "org.bizhall.api.service";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theApiAsBuiltMayReplaceTheReleasedOne_issue9() throws Exception {
        try (Jar newer = builtApi(); Jar older = releasedReference()) {
            assertEquals("reasons the api may not replace " + older.getVersion(), List.of(),
                    ApiCompatibility.problems(newer, older));
        }
    }

    @Test
    public void addingAMethodToAConsumerTypeWithoutAMajorBumpFailsTheBaseline_issue9() throws Exception {
        try (Jar newer = builtApiWithMethodAdded(ReceiptListener.class); Jar older = releasedReference()) {
            Info service = infoOf(ApiCompatibility.baseline(newer, older), SERVICE_PACKAGE);

            assertTrue("a method added to the @ConsumerType ReceiptListener must fail bnd's baseline", service.mismatch);
            assertEquals("listener bundles implement ReceiptListener: only a new major version tells them",
                    released(older, SERVICE_PACKAGE).getMajor() + 1, service.suggestedVersion.getMajor());
        }
    }

    /** Procedure has default methods, which bnd's differ lets hide an added abstract method (see ApiCompatibility). */
    @Test
    public void addingAnAbstractMethodToProcedureWithoutAMajorBumpIsRefused_issue9() throws Exception {
        try (Jar newer = builtApiWithMethodAdded(Procedure.class); Jar older = releasedReference()) {
            List<String> problems = ApiCompatibility.problems(newer, older);

            String major = (released(older, PROCEDURE_PACKAGE).getMajor() + 1) + ".0.0";
            assertTrue("refused: " + problems, problems.stream().anyMatch(
                    p -> p.startsWith(PROCEDURE_PACKAGE + " ") && p.contains("addedByAContributor()")
                            && p.endsWith("asks for " + major)));
        }
    }

    @Test
    public void theSameChangeWithTheMajorBumpPasses_issue9() throws Exception {
        try (Jar newer = builtApiWithMethodAdded(Procedure.class); Jar older = releasedReference()) {
            exportVersion(newer, PROCEDURE_PACKAGE, (released(older, PROCEDURE_PACKAGE).getMajor() + 1) + ".0.0");

            assertEquals(List.of(), ApiCompatibility.problems(newer, older));
        }
    }

    @Test
    public void addingAMethodToAProviderTypeNeedsOnlyAMinorBump_issue9() throws Exception {
        try (Jar newer = builtApiWithMethodAdded(OrderContext.class); Jar older = releasedReference()) {
            Version released = released(older, PROCEDURE_PACKAGE);
            exportVersion(newer, PROCEDURE_PACKAGE, released.getMajor() + "." + (released.getMinor() + 1) + ".0");

            Info procedure = infoOf(ApiCompatibility.baseline(newer, older), PROCEDURE_PACKAGE);

            assertEquals("the engine implements OrderContext, procedures only call it: the same major version",
                    released.getMajor(), procedure.suggestedVersion.getMajor());
            assertEquals("a minor bump covers it", List.of(), ApiCompatibility.problems(newer, older));
        }
    }

    @Test
    public void aChangedPackageLeftAtItsReleasedVersionFailsTheBaseline_issue9() throws Exception {
        try (Jar newer = builtApiWithMethodAdded(OrderContext.class); Jar older = releasedReference()) {
            Version released = released(older, PROCEDURE_PACKAGE);
            exportVersion(newer, PROCEDURE_PACKAGE, released.toString());

            Info procedure = infoOf(ApiCompatibility.baseline(newer, older), PROCEDURE_PACKAGE);

            assertTrue("a changed package left at its released version must fail", procedure.mismatch);
            assertEquals(new Version(released.getMajor(), released.getMinor() + 1, 0), procedure.suggestedVersion);
        }
    }

    /**
     * Every interface of an exported api package says who implements it, so bnd knows whether a new method is a minor
     * (the platform implements it) or a major change (bundles outside the platform implement it).
     */
    @Test
    public void everyExportedInterfaceSaysWhoImplementsIt_issue9() throws Exception {
        try (Jar api = builtApi()) {
            Tree apiTree = new DiffPluginImpl().tree(api).get("<api>");
            List<String> unmarked = new ArrayList<>();
            int interfaces = 0;
            for (Tree pkg : apiTree.getChildren()) {
                if (pkg.getType() != Type.PACKAGE || !pkg.getName().startsWith("org.bizhall.")) {
                    continue;
                }
                for (Tree type : pkg.getChildren()) {
                    if (type.getType() != Type.INTERFACE) {
                        continue;
                    }
                    interfaces++;
                    if (!annotatedWithRole(type)) {
                        unmarked.add(type.getName());
                    }
                }
            }
            assertTrue("the api has its service interfaces (found " + interfaces + ")", interfaces > 30);
            assertEquals("interfaces without @ProviderType or @ConsumerType", List.of(), unmarked);
        }
    }

    private static boolean annotatedWithRole(Tree type) {
        return ApiCompatibility.annotated(type, ApiCompatibility.PROVIDER_TYPE)
                || ApiCompatibility.annotated(type, ApiCompatibility.CONSUMER_TYPE);
    }

    private static Version released(Jar reference, String packageName) throws Exception {
        return ApiCompatibility.exportedVersion(reference, packageName);
    }

    private static Info infoOf(Set<Info> infos, String packageName) {
        return infos.stream().filter(i -> i.packageName.equals(packageName)).findFirst()
                .orElseThrow(() -> new AssertionError("no baseline entry for " + packageName));
    }

    private static Jar releasedReference() throws IOException {
        String version = System.getProperty("bizhall.api.baseline.version");
        assertNotNull("bizhall.api.baseline.version is set by the build", version);
        File reference = root().resolve("api/baseline/org/bizhall/api/" + version + "/api-" + version + ".jar").toFile();
        assertTrue("the released reference is in the repository: " + reference, reference.isFile());
        return new Jar(reference);
    }

    /** The api this build made: its jar, or its classes folder with the manifest bnd wrote, as Maven hands it over. */
    private static Jar builtApi() throws Exception {
        File built = new File(Procedure.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Jar jar = new Jar(built);
        assertNotNull("the built api has its manifest: " + built, jar.getManifest());
        return jar;
    }

    /** The built api with {@code type}'s source from {@code api/src} recompiled with one abstract method more. */
    private Jar builtApiWithMethodAdded(Class<?> type) throws Exception {
        Path source = root().resolve("api/src/main/java").resolve(type.getName().replace('.', '/') + ".java");
        String text = Files.readString(source, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('}');
        String changed = text.substring(0, end) + "\n    void addedByAContributor();\n}\n";

        Path sources = temp.newFolder("src").toPath();
        Path changedSource = sources.resolve(type.getSimpleName() + ".java");
        Files.writeString(changedSource, changed, StandardCharsets.UTF_8);
        Path classes = temp.newFolder("classes").toPath();

        Jar api = builtApi();
        String classpath = api.getSource() + File.pathSeparator
                + new File(ConsumerType.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull("a JDK runs the build", javac);
        int status = javac.run(null, null, null, "--release", "17", "-proc:none", "-implicit:none", "-cp", classpath,
                "-d", classes.toString(), changedSource.toString());
        assertEquals("the changed " + type.getSimpleName() + " compiles", 0, status);

        String entry = type.getName().replace('.', '/') + ".class";
        api.putResource(entry, new FileResource(classes.resolve(entry)));
        return api;
    }

    /** Sets the version {@code packageName} is exported with, as a {@code package-info} {@code @Version} change would. */
    private static void exportVersion(Jar jar, String packageName, String version) throws Exception {
        Manifest manifest = new Manifest(jar.getManifest());
        Parameters exports = new Parameters(manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE));
        Attrs attrs = exports.get(packageName);
        assertNotNull(packageName + " is exported", attrs);
        attrs.put(Constants.VERSION_ATTRIBUTE, version);
        manifest.getMainAttributes().putValue(Constants.EXPORT_PACKAGE, exports.toString());
        jar.setManifest(manifest);
    }

    static Path root() {
        String root = System.getProperty("bizhall.root");
        assertNotNull("bizhall.root is set by the build", root);
        return Path.of(root).toAbsolutePath().normalize();
    }
}
