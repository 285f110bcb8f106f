package org.bizhall.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Runs the bench under the compilers the node runs under ({@code bin/setenv}'s {@code BIZHALL_JAVA_JIT}: the client
 * compiler alone), so that its JDBC baseline runs Derby compiled as the node runs it. Under the JVM's default tiered
 * compilation the baseline's measured phases came while the optimising compiler was still compiling Derby: about half
 * of its CPU an opening or a payment was the compiler, not the database (docs/benchmarks.md, "The baseline was still
 * compiling"). A bench started otherwise starts itself again with the option; {@value #OWN_COMPILERS}{@code =true}
 * keeps the JVM's own compilers, to compare with runs made before.
 */
final class NodeCompiler {
    /** The node's compilation option, as {@code bin/setenv} sets it by default. */
    static final String OPTION = "-XX:TieredStopAtLevel=1";
    /** System property that keeps the bench on the JVM's own compilers. */
    static final String OWN_COMPILERS = "bizhall.bench.ownCompilers";
    /** Set on the bench started again, which never starts itself once more. */
    private static final String RELAUNCHED = "bizhall.bench.relaunched";

    private NodeCompiler() {
    }

    /** Whether this JVM compiles as the node does: no tier above the client compiler's. */
    static boolean inUse() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return hotSpot != null && "1".equals(hotSpot.getVMOption("TieredStopAtLevel").getValue());
    }

    /** A line for the bench's header. */
    static String describe() {
        return inUse() ? "the node's (C1 only, " + OPTION + ", as bin/setenv)"
                : "the JVM's own (" + OWN_COMPILERS + "=true; the JDBC baseline pays its own compilation)";
    }

    /** Whether the bench should start itself again under the node's compilers. */
    static boolean relaunchNeeded() {
        return !inUse() && !Boolean.getBoolean(OWN_COMPILERS) && !Boolean.getBoolean(RELAUNCHED);
    }

    /** Starts this bench again with {@link #OPTION} and the same JVM options and arguments; its exit status. */
    static int relaunch(Class<?> main, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        // after the parent's options, so that it wins over a compiler option among them
        command.add(OPTION);
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        // a bench stopped with Ctrl-C stops its child, which stops the Karafs it started
        Thread stop = new Thread(child::destroy, "bench-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return child.waitFor();
        } finally {
            if (!child.isAlive()) {
                Runtime.getRuntime().removeShutdownHook(stop);
            }
        }
    }
}
