package org.bizhall.bench;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

public class NodeCompilerTest {
    /** The bench compiles as the node does only while the node's start script still chooses what the bench copies. */
    @Test
    public void theBenchUsesTheCompilerOptionTheNodesStartScriptSetsByDefault() throws IOException {
        String setenv = Files.readString(Path.of("../karaf-distribution/src/main/resources/assembly/bin/setenv"));
        assertTrue("bin/setenv's default BIZHALL_JAVA_JIT is " + NodeCompiler.OPTION,
                setenv.contains("BIZHALL_JAVA_JIT=\"${BIZHALL_JAVA_JIT-" + NodeCompiler.OPTION + "}\""));
    }
}
