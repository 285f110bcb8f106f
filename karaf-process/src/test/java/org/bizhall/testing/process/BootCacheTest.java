package org.bizhall.testing.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BootCacheTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** A bundle directory of a Felix cache: {@code bundle.info}'s second line is the location. */
    private static Path bundle(Path cache, int id, String location) throws IOException {
        Path dir = Files.createDirectories(cache.resolve("bundle" + id));
        Files.writeString(dir.resolve("bundle.info"), id + "\n" + location + "\n32\n80\n0\n0\n");
        Files.writeString(Files.createDirectories(dir.resolve("version0.0")).resolve("bundle.jar"), "jar " + id);
        return dir;
    }

    @Test
    public void theCacheIsKeptWithoutTheConfigurationStoreAndTheLock() throws IOException {
        Path from = tmp.newFolder("cache").toPath();
        Files.writeString(from.resolve("cache.lock"), "");
        Files.createDirectories(from.resolve("bundle0/wiring"));
        Files.writeString(from.resolve("bundle0/wiring/5"), "wires");
        Path features = bundle(from, 5, "mvn:org.apache.karaf.features/org.apache.karaf.features.core/4.4.10");
        Files.writeString(Files.createDirectories(features.resolve("data")).resolve("state.json"), "{\"bootDone\":true}");
        Path cm = bundle(from, 13, "mvn:org.apache.felix/org.apache.felix.configadmin/1.9.26");
        Files.writeString(Files.createDirectories(cm.resolve("data/config/org/ops4j/pax")).resolve("web.config"),
                "felix.fileinstall.filename=\"file:/build/etc/org.ops4j.pax.web.cfg\"");
        Path to = tmp.getRoot().toPath().resolve("assembly/data/cache");
        Files.createDirectories(to.getParent());

        assertEquals(2, BootCache.copyCache(from, to));

        assertTrue(Files.isRegularFile(to.resolve("bundle0/wiring/5")));
        assertEquals("jar 13", Files.readString(to.resolve("bundle13/version0.0/bundle.jar")));
        assertTrue(BootCache.bootDone(to));
        assertFalse("the configurations hold the build's paths and ports", Files.exists(to.resolve("bundle13/data")));
        assertFalse(Files.exists(to.resolve("cache.lock")));
    }

    @Test
    public void aBootIsDoneOnlyWhenTheFeaturesServiceSaysSo() throws IOException {
        Path cache = tmp.newFolder("cache").toPath();
        assertFalse(BootCache.bootDone(cache));
        Path features = bundle(cache, 5, "mvn:org.apache.karaf.features/org.apache.karaf.features.core/4.4.10");
        Files.writeString(Files.createDirectories(features.resolve("data")).resolve("state.json"), "{\"bootDone\":false}");
        assertFalse(BootCache.bootDone(cache));
    }
}
