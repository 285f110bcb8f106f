package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.persistence.Entity;
import javax.persistence.metamodel.EntityType;
import javax.persistence.spi.PersistenceProvider;
import javax.persistence.spi.PersistenceUnitInfo;
import javax.persistence.spi.PersistenceUnitTransactionType;
import javax.sql.DataSource;

import org.junit.Test;

/** The provider persistence.xml names: Hibernate maps the listed classes and is given no archive to scan. */
public class ListedClassesProviderTest {

    @Test
    public void hibernateIsHandedTheUnitWithoutARootAndUnderItsOwnName() throws Exception {
        DataSource dataSource = TestDatabase.freshDataSource();
        Properties properties = new Properties();
        properties.setProperty("hibernate.jdbc.batch_size", "100");
        ClassLoader loader = getClass().getClassLoader();
        PersistenceUnitInfo declared = unit(new URL("file:/bundle-root/"), List.of(HallEntity.class.getName()),
                dataSource, properties, loader);
        AtomicReference<PersistenceUnitInfo> handed = new AtomicReference<>();
        ListedClassesProvider provider = new ListedClassesProvider();
        provider.hibernate = (PersistenceProvider) Proxy.newProxyInstance(loader,
                new Class<?>[] {PersistenceProvider.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createContainerEntityManagerFactory")) {
                        handed.set((PersistenceUnitInfo) args[0]);
                    }
                    return null;
                });

        provider.createContainerEntityManagerFactory(declared, Map.of());

        PersistenceUnitInfo unit = handed.get();
        assertNull("a root would be scanned class by class", unit.getPersistenceUnitRootUrl());
        assertEquals("org.hibernate.jpa.HibernatePersistenceProvider", unit.getPersistenceProviderClassName());
        assertTrue(unit.excludeUnlistedClasses());
        assertEquals(List.of(HallEntity.class.getName()), unit.getManagedClassNames());
        assertEquals("bizhall", unit.getPersistenceUnitName());
        assertEquals(PersistenceUnitTransactionType.JTA, unit.getTransactionType());
        assertSame(dataSource, unit.getJtaDataSource());
        assertSame(properties, unit.getProperties());
        assertSame(loader, unit.getClassLoader());
    }

    @Test
    public void theThrowAwayUnitAriesAsksForWithoutPropertiesIsRefusedWithoutBuildingIt() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        PersistenceUnitInfo declared = unit(new URL("file:/bundle-root/"), List.of(HallEntity.class.getName()),
                TestDatabase.freshDataSource(), new Properties(), loader);
        List<String> calls = new java.util.ArrayList<>();
        ListedClassesProvider provider = new ListedClassesProvider();
        provider.hibernate = (PersistenceProvider) Proxy.newProxyInstance(loader,
                new Class<?>[] {PersistenceProvider.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return null;
                });

        try {
            provider.createContainerEntityManagerFactory(declared, null);
            org.junit.Assert.fail("the throw-away unit was built");
        } catch (IllegalStateException expected) {
            // Aries JPA catches it, logs it at debug level and registers the unit's builder all the same
        }
        assertEquals("Hibernate was not asked for anything", List.of(), calls);

        provider.createContainerEntityManagerFactory(declared, Map.of());
        assertEquals(List.of("createContainerEntityManagerFactory"), calls);
    }

    @Test
    public void everyEntityOfTheBundleIsListedAndMappedWithoutAScan() throws Exception {
        Set<String> listed = new TreeSet<>(TestDatabase.listedClasses());
        Set<String> entities = entityClassesOfTheBundle();
        assertEquals("persistence.xml must list every @Entity: nothing else finds them", entities, listed);
        TestDatabase db = new TestDatabase(); // builds the unit through ListedClassesProvider.listedClassesOnly
        try {
            Set<String> mapped = db.emf.getMetamodel().getEntities().stream()
                    .map(EntityType::getJavaType).map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(listed, mapped);
        } finally {
            db.close();
        }
    }

    /** The classes annotated {@code @Entity} among the compiled classes of this package. */
    private static Set<String> entityClassesOfTheBundle() throws Exception {
        Path dir = Path.of(ListedClassesProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(ListedClassesProvider.class.getPackageName().replace('.', '/'));
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type = Class.forName(ListedClassesProvider.class.getPackageName() + "."
                            + name.substring(0, name.length() - ".class".length()));
                    if (type.isAnnotationPresent(Entity.class)) {
                        names.add(type.getName());
                    }
                }
            }
        }
        assertTrue("found " + names + " in " + dir, names.size() > 20);
        return names;
    }

    private static PersistenceUnitInfo unit(URL root, List<String> classes, DataSource dataSource,
            Properties properties, ClassLoader loader) {
        return (PersistenceUnitInfo) Proxy.newProxyInstance(loader, new Class<?>[] {PersistenceUnitInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPersistenceUnitRootUrl" -> root;
                    case "getPersistenceProviderClassName" -> ListedClassesProvider.class.getName();
                    case "getPersistenceUnitName" -> "bizhall";
                    case "getTransactionType" -> PersistenceUnitTransactionType.JTA;
                    case "getJtaDataSource" -> dataSource;
                    case "getManagedClassNames" -> classes;
                    case "excludeUnlistedClasses" -> true;
                    case "getProperties" -> properties;
                    case "getClassLoader" -> loader;
                    default -> null;
                });
    }
}
