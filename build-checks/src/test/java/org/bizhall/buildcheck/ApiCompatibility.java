package org.bizhall.buildcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import aQute.bnd.version.Version;

/**
 * Whether a build of the api may replace the released one: the package versions bnd's baseline asks for, plus a check
 * bnd 7.3 misses. Its differ classifies a method added to an interface by a flag it shares across the interface's
 * methods: once it has met a default method, every later abstract method counts as a minor change, in an order that
 * follows hash codes. {@code Procedure} has default methods, so an abstract method added to it could pass the
 * baseline at a minor version and break every procedure bundle. {@link #abstractMethodsAddedToConsumerTypes} finds
 * such a method from the differ's tree itself (an added method whose access is {@code abstract}, in an interface not
 * marked {@code @ProviderType}) and asks for a new major version of its package.
 */
final class ApiCompatibility {
    static final String PROVIDER_TYPE = "org.osgi.annotation.versioning.ProviderType";
    static final String CONSUMER_TYPE = "org.osgi.annotation.versioning.ConsumerType";

    private ApiCompatibility() {
    }

    /** Every reason {@code newer} may not replace {@code older}; empty when it may. */
    static List<String> problems(Jar newer, Jar older) throws Exception {
        List<String> problems = new ArrayList<>();
        for (Info info : baseline(newer, older)) {
            if (info.mismatch) {
                problems.add(info.packageName + " " + info.newerVersion + ": the baseline asks for "
                        + info.suggestedVersion);
            }
        }
        problems.addAll(abstractMethodsAddedToConsumerTypes(newer, older));
        return problems;
    }

    static Set<Info> baseline(Jar newer, Jar older) throws Exception {
        try (Processor reporter = new Processor()) {
            Set<Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(newer, older, null);
            if (!reporter.getErrors().isEmpty()) {
                throw new IllegalStateException("baseline errors: " + reporter.getErrors());
            }
            return infos;
        }
    }

    /**
     * Abstract methods added to interfaces that other bundles implement, in packages whose major version did not
     * grow: each one breaks the implementations built against {@code older}.
     */
    static List<String> abstractMethodsAddedToConsumerTypes(Jar newer, Jar older) throws Exception {
        DiffPluginImpl differ = new DiffPluginImpl();
        Diff api = differ.tree(newer).diff(differ.tree(older)).get("<api>");
        List<String> problems = new ArrayList<>();
        for (Diff pkg : api.getChildren()) {
            if (pkg.getType() != Type.PACKAGE || pkg.getDelta() == Delta.ADDED || pkg.getDelta() == Delta.REMOVED) {
                continue;
            }
            Version newerVersion = exportedVersion(newer, pkg.getName());
            Version olderVersion = exportedVersion(older, pkg.getName());
            if (newerVersion.getMajor() > olderVersion.getMajor()) {
                continue;
            }
            for (Diff type : pkg.getChildren()) {
                if (type.getType() != Type.INTERFACE || type.getDelta() == Delta.ADDED
                        || annotated(type.getNewer(), PROVIDER_TYPE)) {
                    continue;
                }
                for (Diff member : type.getChildren()) {
                    if (member.getType() == Type.METHOD && member.getDelta() == Delta.ADDED
                            && isAbstract(member.getNewer())) {
                        problems.add(pkg.getName() + " " + newerVersion + ": " + member.getName() + " added to "
                                + type.getName() + ", which other bundles implement, asks for "
                                + (olderVersion.getMajor() + 1) + ".0.0");
                    }
                }
            }
        }
        return problems;
    }

    static boolean annotated(Tree type, String annotation) {
        for (Tree child : type.getChildren()) {
            if (child.getType() == Type.ANNOTATED && child.getName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAbstract(Tree method) {
        for (Tree child : method.getChildren()) {
            if (child.getType() == Type.ACCESS && child.getName().equals("abstract")) {
                return true;
            }
        }
        return false;
    }

    static Version exportedVersion(Jar jar, String packageName) throws Exception {
        Attrs attrs = new Parameters(jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE))
                .get(packageName);
        return attrs == null ? Version.LOWEST : Version.parseVersion(attrs.get(Constants.VERSION_ATTRIBUTE));
    }
}
