package org.bizhall.persistence.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/**
 * Builds the empty, migrated Derby database that the distribution ships ({@code lib/derby-template/bizhall-db}, copied
 * to {@code data/bizhall-db} by {@code bin/setenv} at a first start that finds no database). Run by the build with
 * Derby on the class path: {@code java ... EmptyDatabaseTemplate <folder>} creates {@code <folder>/bizhall-db}.
 *
 * <p>It applies the same {@link Migrations} a node applies at its start, so the migration scripts stay the schema's one
 * source of truth, and nothing else: no installation's own values (the idempotency fingerprint secret is made by each
 * node's first start), no Derby database properties (set at every start). A node started on it finds every version
 * applied and migrates nothing. Never loaded inside OSGi (Derby is looked up by name, so the bundle imports nothing
 * of it).
 */
public final class EmptyDatabaseTemplate {
    private EmptyDatabaseTemplate() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: EmptyDatabaseTemplate <folder>");
        }
        Path database = create(Path.of(args[0]));
        System.out.println("bizhall empty database template: " + database);
    }

    /** Creates {@code folder/bizhall-db}, migrated and shut down cleanly; fails if it exists already. */
    static Path create(Path folder) throws Exception {
        Path database = folder.resolve("bizhall-db").toAbsolutePath();
        if (Files.exists(database)) {
            throw new IllegalStateException("already exists: " + database);
        }
        Files.createDirectories(folder);
        DataSource dataSource = derby(database.toString());
        List<Integer> applied = new Migrations(dataSource, EmptyDatabaseTemplate.class.getClassLoader()).migrate();
        if (applied.size() != Migrations.SCRIPTS.size()) {
            throw new IllegalStateException("applied " + applied + " of " + Migrations.SCRIPTS);
        }
        shutdown(database.toString());
        return database;
    }

    private static DataSource derby(String path) throws ReflectiveOperationException, SQLException {
        Class<?> type = Class.forName("org.apache.derby.jdbc.EmbeddedDataSource");
        DataSource dataSource = (DataSource) type.getDeclaredConstructor().newInstance();
        type.getMethod("setDatabaseName", String.class).invoke(dataSource, path);
        type.getMethod("setCreateDatabase", String.class).invoke(dataSource, "create");
        dataSource.getConnection().close();
        type.getMethod("setCreateDatabase", String.class).invoke(dataSource, (Object) null); // Derby warns on each "create" after
        return dataSource;
    }

    /** A clean shutdown checkpoints the database: the copy starts without log recovery. */
    private static void shutdown(String path) throws SQLException {
        try {
            DriverManager.getConnection("jdbc:derby:" + path + ";shutdown=true").close();
            throw new IllegalStateException("Derby did not shut the database down: " + path);
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) { // Derby's "database shut down" answer
                throw e;
            }
        }
    }
}
