package org.bizhall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bizhall.testing.process.KarafInstance;

/**
 * A PostgreSQL server for the nodes phase: the one {@code --postgres=URL} names, or a throwaway one this class starts
 * with {@code initdb} and {@code pg_ctl} (as {@code .ci/run} does: trust authentication, loopback, a free port, its
 * own temporary directory; as the {@code postgres} user when the bench runs as root) and stops again. Each measurement
 * gets a fresh database of its own, dropped at {@link #close()}.
 */
final class Postgres implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?");

    private final String adminUrl;
    private final Path dir;
    private final String description;
    private final List<String> databases = new ArrayList<>();

    private Postgres(String adminUrl, Path dir, String description) {
        this.adminUrl = adminUrl;
        this.dir = dir;
        this.description = description;
    }

    /** The server {@code url} names (its user must be allowed to create databases). */
    static Postgres at(String url) throws SQLException {
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException("--postgres takes jdbc:postgresql://HOST:PORT/DB?user=…, not " + url);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            return new Postgres(url, null, "PostgreSQL " + c.getMetaData().getDatabaseProductVersion() + " at "
                    + url.replaceAll("password=[^&]*", "password=…"));
        }
    }

    /** Whether {@code initdb} and {@code pg_ctl} are on the PATH. */
    static boolean canStart() {
        return onPath("initdb") && onPath("pg_ctl");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    /** A fresh server in a temporary directory under {@code workDir}, on a free loopback port. */
    static Postgres start(Path workDir) throws IOException, InterruptedException, SQLException {
        Files.createDirectories(workDir);
        Path dir = Files.createTempDirectory(workDir, "bizhall-bench-pg-");
        int port = KarafInstance.freePorts(1)[0];
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            if (root) {
                run(List.of("chown", "postgres", dir.toString()), null);
            }
            run(List.of("initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "-A", "trust"), root
                    ? "postgres" : null);
            run(List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-o", "-p " + port + " -k " + dir
                    + " -c listen_addresses=127.0.0.1", "-l", dir.resolve("log").toString(), "-w", "start"),
                    root ? "postgres" : null);
        } catch (IOException | RuntimeException e) {
            KarafInstance.deleteTree(dir);
            throw e;
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        try (Connection c = DriverManager.getConnection(url)) {
            return new Postgres(url, dir, "PostgreSQL " + c.getMetaData().getDatabaseProductVersion()
                    + " started by the bench (initdb, default settings, fsync on) in " + dir + ", port " + port);
        }
    }

    private static void run(List<String> command, String asUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asUser != null) {
            full.addAll(List.of("su", asUser, "-s", "/bin/sh", "-c", String.join(" ", command.stream()
                    .map(Postgres::quote).toList())));
        } else {
            full.addAll(command);
        }
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** Creates a new empty database and returns its JDBC URL (the admin URL with the database name replaced). */
    String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        databases.add(name);
        return withDatabase(adminUrl, name);
    }

    /** {@code jdbc:postgresql://HOST:PORT/DB?PARAMS} with {@code DB} replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://HOST:PORT/DB URL: " + url);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    String description() {
        return description;
    }

    /** Drops the databases made here; stops and removes a server this class started. */
    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            for (String name : databases) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException e) {
            System.err.println("could not drop the bench databases " + databases + ": " + e.getMessage());
        }
        databases.clear();
        if (dir != null) {
            boolean root = "root".equals(System.getProperty("user.name"));
            try {
                run(List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "stop"),
                        root ? "postgres" : null);
            } catch (IOException e) {
                System.err.println("could not stop the bench's PostgreSQL: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            KarafInstance.deleteTree(dir);
        }
    }
}
