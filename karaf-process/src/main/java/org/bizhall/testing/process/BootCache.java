package org.bizhall.testing.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The build step that gives the distribution the framework cache of a finished first start, so that an operator's
 * first start skips what every first start of a Karaf does before it can start a bundle: resolving the boot features
 * (about 160 bundles) and installing them (docs/operations.md, "The first start"; docs/benchmarks.md for the time).
 *
 * <p>A copy of the assembly (without {@code data/}) is started once, on free loopback ports, until its health check
 * answers 200 and the features service has recorded the boot as done; it is then stopped with {@code bin/stop}, and
 * its {@code data/cache} (the installed bundles, their start levels and persistent start state, the framework's
 * wiring, the features service's state) is written into the assembly's {@code data/cache}. Left out: the
 * configuration admin's store (it holds the copy's absolute paths and ports; {@code etc/} is read again at the first
 * start, as at any first start) and the framework's lock. Nothing else of that start is kept: not its database, logs,
 * transaction log, generated secrets ({@code etc/} is not copied back).
 *
 * <p>The boot configuration the cache was built from ({@link #BOOT_FILES} of {@code etc/}) is kept beside it in
 * {@code data/}{@value #BOOT_CONFIG_DIR}: {@code bin/setenv} compares it with {@code etc/} at the first start and
 * removes the cache when they differ (an operator added a boot feature, e.g. the PostgreSQL store), because Karaf
 * applies {@code featuresBoot} at a first start only and would otherwise ignore the change.
 *
 * <p>Usage: {@code BootCache <assembly directory> <work directory> <API base path, e.g. /api/v1>}.
 */
public final class BootCache {
    /** Where, under {@code data/}, the boot configuration that the shipped cache was built from is kept. */
    public static final String BOOT_CONFIG_DIR = "cache-boot-config";
    /**
     * The files of {@code etc/} that decide what a first start installs; their names are written to
     * {@value #BOOT_FILES_LIST} beside the copies, and bin/setenv compares the files that list names.
     */
    public static final List<String> BOOT_FILES = List.of("startup.properties", "org.apache.karaf.features.cfg",
            "org.apache.karaf.features.xml", "overrides.properties", "blacklisted.properties");
    /** The list of {@link #BOOT_FILES} in {@value #BOOT_CONFIG_DIR}, one name a line. */
    public static final String BOOT_FILES_LIST = "boot-files";
    private static final String FEATURES_SERVICE = "mvn:org.apache.karaf.features/org.apache.karaf.features.core/";
    private static final String CONFIGURATION_ADMIN = "mvn:org.apache.felix/org.apache.felix.configadmin/";
    private static final Duration BOOT = Duration.ofSeconds(300);
    private static final Duration STOP = Duration.ofSeconds(60);

    private BootCache() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BootCache <assembly directory> <work directory> <API base path>");
            System.exit(2);
        }
        long started = System.nanoTime();
        Path assembly = Path.of(args[0]).toAbsolutePath();
        Path data = assembly.resolve("data");
        KarafInstance.deleteTree(data.resolve("cache"));
        KarafInstance.deleteTree(data.resolve(BOOT_CONFIG_DIR));

        KarafInstance karaf = KarafInstance.copyOf("boot-cache", assembly, Path.of(args[1]), "boot-cache");
        Runtime.getRuntime().addShutdownHook(new Thread(karaf::killAll));
        try {
            karaf.movePorts(true);
            karaf.start(Map.of(), false);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + karaf.httpPort() + args[2];
            Path cache = karaf.home().resolve("data/cache");
            karaf.await("healthy with its boot done", BOOT, () -> {
                String health = KarafInstance.healthNotYet(client, base);
                return health != null ? health : bootDone(cache) ? null : "the features service's boot not done";
            });
            String how = karaf.stopWithScript(STOP);
            if (!how.equals("bin/stop")) {
                throw new IllegalStateException("the boot-cache start did not stop cleanly (" + how + ")\n"
                        + karaf.logTail(40, false));
            }
            int bundles = copyCache(cache, data.resolve("cache"));
            Path bootConfig = Files.createDirectories(data.resolve(BOOT_CONFIG_DIR));
            Files.write(bootConfig.resolve(BOOT_FILES_LIST), BOOT_FILES, StandardCharsets.UTF_8);
            for (String file : BOOT_FILES) {
                Path source = assembly.resolve("etc").resolve(file);
                if (Files.isRegularFile(source)) {
                    Files.copy(source, bootConfig.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            System.out.printf("boot cache: %d bundles from a first start, written to %s in %.1f s%n", bundles,
                    data.resolve("cache"), (System.nanoTime() - started) / 1e9);
        } finally {
            karaf.killAll();
            karaf.deleteDirectory();
        }
    }

    static boolean bootDone(Path cache) {
        return bundleDirectory(cache, FEATURES_SERVICE).map(d -> d.resolve("data/state.json")).filter(Files::isRegularFile)
                .map(state -> {
                    try {
                        return Files.readString(state, StandardCharsets.UTF_8).contains("\"bootDone\":true");
                    } catch (IOException e) {
                        return false;
                    }
                }).orElse(false);
    }

    /** The cache directory ({@code bundle<id>}) of the bundle whose location starts with {@code location}. */
    private static Optional<Path> bundleDirectory(Path cache, String location) {
        try (Stream<Path> dirs = Files.list(cache)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("bundle"))
                    .filter(d -> location(d).startsWith(location)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The location line of a bundle directory's {@code bundle.info} (its second line), or "". */
    private static String location(Path bundleDirectory) {
        Path info = bundleDirectory.resolve("bundle.info");
        try {
            List<String> lines = Files.isRegularFile(info)
                    ? Files.readAllLines(info, StandardCharsets.UTF_8) : List.of();
            return lines.size() > 1 ? lines.get(1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Copies the framework cache but its lock and the configuration admin's store; returns the bundles copied. */
    static int copyCache(Path from, Path to) throws IOException {
        Path configurations = bundleDirectory(from, CONFIGURATION_ADMIN).map(d -> d.resolve("data"))
                .orElseThrow(() -> new IOException("no configuration admin in " + from));
        Path lock = from.resolve("cache.lock");
        int bundles = 0;
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                if (source.startsWith(configurations) || source.equals(lock)) {
                    continue;
                }
                if (source.getFileName().toString().equals("bundle.info")) {
                    bundles++;
                }
                Files.copy(source, to.resolve(from.relativize(source).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return bundles;
    }
}
