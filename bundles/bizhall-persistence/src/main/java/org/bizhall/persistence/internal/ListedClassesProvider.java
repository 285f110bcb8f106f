package org.bizhall.persistence.internal;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.persistence.EntityManagerFactory;
import javax.persistence.SharedCacheMode;
import javax.persistence.ValidationMode;
import javax.persistence.spi.ClassTransformer;
import javax.persistence.spi.PersistenceProvider;
import javax.persistence.spi.PersistenceUnitInfo;
import javax.persistence.spi.PersistenceUnitTransactionType;
import javax.persistence.spi.ProviderUtil;
import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The persistence provider persistence.xml names: Hibernate's OSGi provider, handed the unit without its root URL, so
 * Hibernate maps the classes the unit lists and scans no archive.
 * <p>
 * Why: Hibernate's OSGi scanner visits every resource the persistence bundle can see — its own classes and every class
 * of every package it imports (Jackson, Hibernate, the API) — and indexes each one, although the unit lists its
 * classes and excludes the rest, and no setting turns that off (the OSGi provider installs its scanner over any
 * configured one). A flight recording of a first start put four in ten of the persistence unit's bootstrap samples in
 * that scan (docs/benchmarks.md, "Boot to a healthy node"). The unit has no mapping file and no jar file to find:
 * without a root nothing is lost. Aries JPA's throw-away unit is refused altogether (below).
 */
@Component(property = "javax.persistence.provider=org.bizhall.persistence.internal.ListedClassesProvider")
public class ListedClassesProvider implements PersistenceProvider {
    /** The name Hibernate answers to: a unit naming another provider is refused by it. */
    static final String HIBERNATE = "org.hibernate.jpa.HibernatePersistenceProvider";

    @Reference(target = "(javax.persistence.provider=" + HIBERNATE + ")")
    PersistenceProvider hibernate;

    /**
     * Builds the unit, except for the throw-away one Aries JPA asks for when this provider arrives (without properties,
     * over a placeholder DataSource), which it makes only so that a provider may register a class transformer before
     * the entity classes load. Hibernate registers one only for bytecode enhancement, which the unit does not use, and
     * building that unit took about 0.7 s of the thread that starts the features at every start (docs/benchmarks.md,
     * "Boot to a healthy node"). Aries logs the refusal at debug level and goes on; the real unit
     * ({@link StoreUnit}) always comes with its properties.
     */
    @Override
    public EntityManagerFactory createContainerEntityManagerFactory(PersistenceUnitInfo info, Map map) {
        if (map == null) {
            throw new IllegalStateException("no throw-away persistence unit: the platform's entities are not woven");
        }
        return hibernate.createContainerEntityManagerFactory(listedClassesOnly(info), map);
    }

    @Override
    public EntityManagerFactory createEntityManagerFactory(String emName, Map map) {
        return null; // container units only: Aries JPA builds the platform's unit
    }

    @Override
    public void generateSchema(PersistenceUnitInfo info, Map map) {
        throw new UnsupportedOperationException("the schema comes from db/migration, never from the provider");
    }

    @Override
    public boolean generateSchema(String persistenceUnitName, Map map) {
        return false;
    }

    @Override
    public ProviderUtil getProviderUtil() {
        return hibernate.getProviderUtil();
    }

    /** {@code info} as Hibernate is to see it: no root to scan, Hibernate as its provider, all else as declared. */
    static PersistenceUnitInfo listedClassesOnly(PersistenceUnitInfo info) {
        return new PersistenceUnitInfo() {
            @Override
            public URL getPersistenceUnitRootUrl() {
                return null;
            }

            @Override
            public String getPersistenceProviderClassName() {
                return HIBERNATE;
            }

            @Override
            public String getPersistenceUnitName() {
                return info.getPersistenceUnitName();
            }

            @Override
            public PersistenceUnitTransactionType getTransactionType() {
                return info.getTransactionType();
            }

            @Override
            public DataSource getJtaDataSource() {
                return info.getJtaDataSource();
            }

            @Override
            public DataSource getNonJtaDataSource() {
                return info.getNonJtaDataSource();
            }

            @Override
            public List<String> getMappingFileNames() {
                return info.getMappingFileNames();
            }

            @Override
            public List<URL> getJarFileUrls() {
                return info.getJarFileUrls();
            }

            @Override
            public List<String> getManagedClassNames() {
                return info.getManagedClassNames();
            }

            @Override
            public boolean excludeUnlistedClasses() {
                return true;
            }

            @Override
            public SharedCacheMode getSharedCacheMode() {
                return info.getSharedCacheMode();
            }

            @Override
            public ValidationMode getValidationMode() {
                return info.getValidationMode();
            }

            @Override
            public Properties getProperties() {
                return info.getProperties();
            }

            @Override
            public String getPersistenceXMLSchemaVersion() {
                return info.getPersistenceXMLSchemaVersion();
            }

            @Override
            public ClassLoader getClassLoader() {
                return info.getClassLoader();
            }

            @Override
            public void addTransformer(ClassTransformer transformer) {
                info.addTransformer(transformer);
            }

            @Override
            public ClassLoader getNewTempClassLoader() {
                return info.getNewTempClassLoader();
            }
        };
    }
}
