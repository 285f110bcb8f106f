package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The empty database the distribution ships: made by the real migrations, a copy of it is a database a node starts on
 * without migrating anything, and it carries nothing of one installation (each copy makes its own fingerprint secret).
 */
public class EmptyDatabaseTemplateTest {
    private static final List<Integer> EVERY_VERSION = Migrations.SCRIPTS.stream()
            .map(s -> Integer.parseInt(s.substring(1, s.indexOf("__")))).toList();

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aCopyOfTheTemplateIsCurrentAndEachCopyMakesItsOwnSecret() throws Exception {
        Assume.assumeFalse("the template is Derby's", TestDatabase.postgres());
        Path template = EmptyDatabaseTemplate.create(folder.getRoot().toPath().resolve("template"));
        assertTrue(Files.isRegularFile(template.resolve("service.properties")));

        // what bin/setenv does at a first start: the folder copied to data/bizhall-db
        DataSource first = derby(copy(template, folder.getRoot().toPath().resolve("node-1/bizhall-db")));
        DataSource second = derby(copy(template, folder.getRoot().toPath().resolve("node-2/bizhall-db")));

        Migrations migrations = new Migrations(first, getClass().getClassLoader());
        assertEquals(EVERY_VERSION, new ArrayList<>(migrations.appliedVersions()));
        assertEquals("nothing left to migrate", List.of(), migrations.migrate());
        assertEquals("no installation's secret in the template", null, secret(first));

        assertEquals(EVERY_VERSION.get(EVERY_VERSION.size() - 1).intValue(), migrator(first).migrate());
        assertEquals(EVERY_VERSION.get(EVERY_VERSION.size() - 1).intValue(), migrator(second).migrate());
        assertNotNull(secret(first));
        assertNotNull(secret(second));
        assertNotEquals("each installation its own fingerprint secret", secret(first), secret(second));

        // the stores' tables are there and empty
        try (Connection c = first.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM halls")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    public void itNeverWritesOverADatabase() throws Exception {
        Path root = folder.newFolder("existing").toPath();
        Files.createDirectories(root.resolve("bizhall-db"));
        assertThrows(IllegalStateException.class, () -> EmptyDatabaseTemplate.create(root));
        try (Stream<Path> files = Files.list(root.resolve("bizhall-db"))) {
            assertFalse(files.findAny().isPresent());
        }
    }

    private static SchemaMigrator migrator(DataSource dataSource) {
        SchemaMigrator migrator = new SchemaMigrator();
        migrator.dataSource = dataSource;
        return migrator;
    }

    private static String secret(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT setting_value FROM bizhall_settings WHERE name = ?")) {
            s.setString(1, JpaIdempotencyStore.FINGERPRINT_SETTING);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static DataSource derby(Path database) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(database.toString()); // no create: the copy must be a database already
        return ds;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
