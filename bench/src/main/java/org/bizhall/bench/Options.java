package org.bizhall.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bench's settings: command-line options {@code --name=value} over the defaults the build wrote into
 * {@code bench.properties}. Paths default to where a build of the whole project puts things, found from the jar's own
 * place ({@code <project>/bench/target/bench.jar}), so the command works from any directory.
 */
final class Options {
    static final String USAGE = """
            java -jar bench/target/bench.jar [options]
              --openings=N         account openings (and as many payments) measured over HTTP and JDBC (default 1000)
              --warmup=N           openings (with payments) done first and not measured, on each side (default 500)
              --threads=N          client threads, 1..8 (default 3)
              --rounds=N           measure those openings and payments in N rounds, the platform's and the JDBC
                                   baseline's in turn, so both rates are taken over the same minutes (default 4)
              --idle-seconds=N     wait after boot before reading idle memory (default 5)
              --boot-timeout=N     seconds a distribution may take to boot (default 300)
              --distribution=PATH  the bizhall tar.gz (default karaf-distribution/target/bizhall-<version>.tar.gz,
                                   else karaf-distribution-<version>.tar.gz there)
              --bare-karaf=PATH    the apache-karaf tar.gz (default bench/target/karaf/, else the local Maven repository)
              --work-dir=DIR       where temporary copies and the JDBC database go (default the system temp dir)
              --karaf-opts=OPTS    extra JVM options for both Karaf runs (EXTRA_JAVA_OPTS), e.g. -Xmx512m
              --skip=LIST          comma list of parts to leave out: bare, bizhall, jdbc, halls
              --halls=N            bench halls, one operator each, for the many-halls payments (default 8, 1..8)
              --hall-payments=N    payments measured at each of 1, 2, 4, 8 client threads over the halls (default 600)
              --paced-seconds=N    payments paced at half the top many-halls rate for about N s (default 20)
              --paced-rate=N       pace them at N/s instead (to compare two builds at one pace)
              --boot-rounds=N      boot the bare Karaf and bizhall N times in turn, each fresh, and give the median of
                                   their ratio (/health against the bare ssh) beside the first pair's (default 5)
              --keep               keep the temporary directories (for looking at logs)
            swap phase (instead of the parts above):
              --swap               boot the distribution, drive SN and SX openings and payments at a steady offered
                                   rate while the SN pack's KAR is installed and uninstalled over ssh
              --rate=N             orders offered per second, SN and SX together, open loop (default 20: what
                                   this 2-core machine sustains; 100 overloads it)
              --swaps=N            install/uninstall cycles (default 5)
              --hold-seconds=N     load before the first install and after each install and uninstall (default 5)
              --kar=PATH           the SN pack (default provinces/sn/kar/target/bizhall-province-sn-<version>.kar)
            nodes phase (instead of the parts above):
              --nodes              payments/s of one node and of two nodes on one PostgreSQL, and the JDBC baseline
                                   on that PostgreSQL as its ceiling (--openings, --warmup, --threads as above)
              --postgres=URL       jdbc:postgresql://HOST:PORT/DB?user=… of a user that may create databases
                                   (default: start a throwaway one with initdb/pg_ctl from the PATH)
            """;

    final Properties build;
    final Path projectRoot;
    /** 300 made the JDBC phase a burst of under a second, whose rate moved by half from run to run. */
    int openings = 1000;
    /**
     * With 200, the platform's first 250 measured openings were its slowest in ten runs of ten (its code not all
     * compiled yet, C1 only), the baseline's were not: the ratio then measured the warmup as well.
     */
    int warmup = 500;
    int threads = 3;
    /**
     * Rounds of the measured openings, the platform and the baseline in turn: measured as one phase each, minutes
     * apart, the ratio moved by a fifth either way with the machine's spells.
     */
    int rounds = 4;
    int idleSeconds = 5;
    int bootTimeoutSeconds = 300;
    /** One pair is one sample: the bare Karaf's own figure moves by a quarter from start to start. */
    int bootRounds = 5;
    Path distribution;
    Path bareKaraf;
    Path workDir;
    String karafOpts = "";
    final Set<String> skip = new TreeSet<>();
    boolean keep;
    boolean swap;
    int halls = 8;
    int hallPayments = 600;
    int pacedSeconds = 20;
    /** Payments/s of the paced phase; 0: half the top rate of the many-halls phase. */
    int pacedRate = 0;
    int rate = SwapPhase.DEFAULT_RATE;
    int swaps = 5;
    int holdSeconds = 5;
    Path kar;
    boolean nodes;
    String postgres;

    private Options(Properties build, Path projectRoot) {
        this.build = build;
        this.projectRoot = projectRoot;
    }

    static Options parse(String[] args) {
        Properties build = loadBuildProperties();
        Path root = projectRoot();
        Options o = new Options(build, root);
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(null);
            }
            if (arg.equals("--keep")) {
                o.keep = true;
                continue;
            }
            if (arg.equals("--swap")) {
                o.swap = true;
                continue;
            }
            if (arg.equals("--nodes")) {
                o.nodes = true;
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new UsageException("unknown argument " + arg);
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "openings" -> o.openings = positive(name, value, 1, 100_000);
                case "warmup" -> o.warmup = positive(name, value, 0, 10_000);
                case "threads" -> o.threads = positive(name, value, 1, 8);
                case "rounds" -> o.rounds = positive(name, value, 1, 50);
                case "idle-seconds" -> o.idleSeconds = positive(name, value, 0, 600);
                case "boot-timeout" -> o.bootTimeoutSeconds = positive(name, value, 10, 3600);
                case "boot-rounds" -> o.bootRounds = positive(name, value, 1, 20);
                case "distribution" -> o.distribution = Path.of(value).toAbsolutePath();
                case "bare-karaf" -> o.bareKaraf = Path.of(value).toAbsolutePath();
                case "work-dir" -> o.workDir = Path.of(value).toAbsolutePath();
                case "karaf-opts" -> o.karafOpts = value;
                case "rate" -> o.rate = positive(name, value, 1, 500);
                case "swaps" -> o.swaps = positive(name, value, 1, 20);
                case "hold-seconds" -> o.holdSeconds = positive(name, value, 1, 120);
                case "kar" -> o.kar = Path.of(value).toAbsolutePath();
                case "halls" -> o.halls = positive(name, value, 1, HallsPhase.THREADS[HallsPhase.THREADS.length - 1]);
                case "hall-payments" -> o.hallPayments = positive(name, value, 10, 1000);
                case "paced-seconds" -> o.pacedSeconds = positive(name, value, 5, 300);
                case "paced-rate" -> o.pacedRate = positive(name, value, 1, 150);
                case "postgres" -> o.postgres = value;
                case "skip" -> {
                    for (String part : value.split(",")) {
                        String p = part.trim().toLowerCase(Locale.ROOT);
                        if (!Set.of("bare", "bizhall", "jdbc", "halls").contains(p)) {
                            throw new UsageException("--skip takes bare, bizhall, jdbc, halls; not " + part);
                        }
                        o.skip.add(p);
                    }
                }
                default -> throw new UsageException("unknown option --" + name);
            }
        }
        if ((long) o.openings + o.warmup > 9_000) {
            // each opening takes one of the 10,000 demo numbers of province SN
            throw new UsageException("openings + warmup must stay below 9000 (the demo pool has 10000 SN numbers)");
        }
        if (o.distribution == null) {
            Path target = root.resolve("karaf-distribution/target");
            Path named = target.resolve(build.getProperty("distribution.file"));
            // the assembly names its archive after finalName; without it, after the module
            Path byModule = target.resolve("karaf-distribution-" + build.getProperty("project.version") + ".tar.gz");
            o.distribution = Files.exists(named) || !Files.exists(byModule) ? named : byModule;
        }
        if (o.bareKaraf == null) {
            String file = build.getProperty("bare.karaf.file");
            Path copied = root.resolve("bench/target/karaf").resolve(file);
            Path m2 = Path.of(System.getProperty("user.home"), ".m2/repository/org/apache/karaf/apache-karaf",
                    build.getProperty("karaf.version"), file);
            o.bareKaraf = Files.exists(copied) || !Files.exists(m2) ? copied : m2;
        }
        if (o.kar == null) {
            o.kar = root.resolve("provinces/sn/kar/target/bizhall-province-sn-" + build.getProperty("project.version")
                    + ".kar");
        }
        if (o.workDir == null) {
            o.workDir = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        }
        return o;
    }

    boolean runs(String part) {
        return !skip.contains(part);
    }

    String karafVersion() {
        return build.getProperty("karaf.version");
    }

    String derbyVersion() {
        return build.getProperty("derby.version");
    }

    private static int positive(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, not " + value);
        }
    }

    private static Properties loadBuildProperties() {
        Properties p = new Properties();
        try (InputStream in = Options.class.getResourceAsStream("/bench.properties")) {
            if (in == null) {
                throw new IllegalStateException("bench.properties is missing from the jar: rebuild the bench module");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** {@code <project>} for {@code <project>/bench/target/bench.jar} (or {@code .../target/classes}). */
    private static Path projectRoot() {
        try {
            Path code = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = code.getParent();
            if (target != null && target.getParent() != null && target.getParent().getParent() != null) {
                return target.getParent().getParent();
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    /** A bad command line; the message says what, null asks for the usage only. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
