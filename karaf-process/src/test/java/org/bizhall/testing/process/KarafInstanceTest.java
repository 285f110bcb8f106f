package org.bizhall.testing.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KarafInstanceTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Properties read(Path cfg) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(cfg, StandardCharsets.ISO_8859_1)));
        return p;
    }

    @Test
    public void aBootFeatureIsAddedToTheContinuedFeaturesBootAsKarafReadsIt() throws IOException {
        Path cfg = tmp.newFile("org.apache.karaf.features.cfg").toPath();
        Files.write(cfg, List.of("featuresRepositories = \\", "    mvn:a/b/1/xml/features", "featuresBoot = \\",
                "    instance/4.4.10, \\", "    bizhall/1.0.0.SNAPSHOT", "featuresBootAsynchronous=false"));

        KarafInstance.addBootFeature(cfg, "bizhall-store-postgresql");

        Properties p = read(cfg);
        assertEquals(List.of("instance/4.4.10", "bizhall/1.0.0.SNAPSHOT", "bizhall-store-postgresql"),
                Arrays.stream(p.getProperty("featuresBoot").split(",")).map(String::trim).toList());
        assertEquals("false", p.getProperty("featuresBootAsynchronous"));
        assertEquals("mvn:a/b/1/xml/features", p.getProperty("featuresRepositories"));
    }

    @Test
    public void aCopyOfAnAssemblyHasItsFilesAndScriptsButNotItsData() throws IOException {
        Path assembly = tmp.newFolder("assembly").toPath();
        Path karaf = Files.createDirectories(assembly.resolve("bin")).resolve("karaf");
        Files.writeString(karaf, "#!/bin/sh\n");
        assertTrue(karaf.toFile().setExecutable(true));
        Files.writeString(Files.createDirectories(assembly.resolve("etc")).resolve("config.properties"), "a = 1\n");
        Files.writeString(Files.createDirectories(assembly.resolve("data/cache")).resolve("stale"), "x");

        KarafInstance copy = KarafInstance.copyOf("c", assembly, tmp.getRoot().toPath().resolve("work"), "copy");

        assertEquals(assembly.getFileName(), copy.home().getFileName());
        assertTrue(Files.isExecutable(copy.home().resolve("bin/karaf")));
        assertEquals("a = 1\n", Files.readString(copy.etc().resolve("config.properties")));
        assertTrue("data/ is left behind", Files.notExists(copy.home().resolve("data")));
        assertThrows(IOException.class, () -> KarafInstance.copyOf("d", assembly.resolve("etc"), tmp.getRoot().toPath(), "x"));
    }

    @Test
    public void waitingForACopyThatDoesNotRunFailsAtOnceWithoutAskingTheCheck() throws IOException {
        Path assembly = tmp.newFolder("never-started").toPath();
        Files.writeString(Files.createDirectories(assembly.resolve("bin")).resolve("karaf"), "#!/bin/sh\n");
        KarafInstance copy = KarafInstance.copyOf("c", assembly, tmp.getRoot().toPath().resolve("work"), "copy");

        AssertionError e = assertThrows(AssertionError.class, () -> copy.await("healthy", java.time.Duration.ofSeconds(30),
                () -> {
                    throw new IllegalStateException("asked although nothing runs");
                }));
        assertTrue(e.getMessage(), e.getMessage().contains("ended or failed before it was healthy"));
    }

    @Test
    public void aFileWithoutFeaturesBootIsRefused() throws IOException {
        Path cfg = tmp.newFile("org.apache.karaf.features.cfg").toPath();
        Files.write(cfg, List.of("featuresRepositories = x"));
        assertThrows(IOException.class, () -> KarafInstance.addBootFeature(cfg, "f"));
    }

    @Test
    public void setPropertyReplacesTheUncommentedLineOrAppends() throws IOException {
        Path cfg = tmp.getRoot().toPath().resolve("org.ops4j.pax.web.cfg");
        Files.write(cfg, List.of("# org.osgi.service.http.port = 1", "org.osgi.service.http.port = 8181"));

        KarafInstance.setProperty(cfg, "org.osgi.service.http.port", "40001");
        KarafInstance.setProperty(cfg, "org.ops4j.pax.web.listening.addresses", "127.0.0.1");

        List<String> lines = Files.readAllLines(cfg, StandardCharsets.ISO_8859_1);
        assertEquals("# org.osgi.service.http.port = 1", lines.get(0));
        assertEquals("40001", read(cfg).getProperty("org.osgi.service.http.port"));
        assertEquals("127.0.0.1", read(cfg).getProperty("org.ops4j.pax.web.listening.addresses"));
    }

    @Test
    public void freePortsAreDistinctAndFree() throws IOException {
        int[] ports = KarafInstance.freePorts(5);
        assertEquals(5, Arrays.stream(ports).distinct().count());
        for (int port : ports) {
            assertNotEquals(0, port);
            assertTrue("nothing listens on " + port, !KarafInstance.accepts(port, 200));
        }
    }

    @Test
    public void freePortsLieBelowTheKernelsEphemeralRange() throws IOException {
        // outgoing connections take their local ports from 32768 up (Linux's default): a port given to a
        // distribution must not be one of those, or a restart may find it taken
        for (int port : KarafInstance.freePorts(20)) {
            assertTrue(port + " is below 32768", port < 32_768);
            assertTrue(port + " is from 20000", port >= 20_000);
        }
    }
}
