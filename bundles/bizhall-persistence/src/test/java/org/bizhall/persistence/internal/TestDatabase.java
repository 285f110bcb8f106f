package org.bizhall.persistence.internal;

import java.io.InputStream;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.SharedCacheMode;
import javax.persistence.ValidationMode;
import javax.persistence.spi.ClassTransformer;
import javax.persistence.spi.PersistenceUnitInfo;
import javax.persistence.spi.PersistenceUnitTransactionType;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.bizhall.api.service.NationalParams;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestProvinceParameters;
import org.bizhall.testing.TestProvinceParams;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.postgresql.ds.PGSimpleDataSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A fresh in-memory Derby database with the real migrations applied, and every store wired the way DS wires them in
 * Karaf, on a RESOURCE_LOCAL Hibernate unit built from the bundle's own persistence.xml (classes and properties).
 * {@code -Dbizhall.test.postgres=jdbc:postgresql://host:port/db?user=...} runs the same on PostgreSQL.
 */
final class TestDatabase implements AutoCloseable {
    final DataSource dataSource;
    final EntityManagerFactory emf;
    final TestJpaTemplate jpa;
    /** How long a number reservation holds here: the rulebook's default. */
    static final int RESERVATION_MINUTES = (Integer) TestProvinceParams.nationalDefaults()
            .get(NationalParams.NUMBER_RESERVATION_MINUTES);
    final SettableClock clock = new SettableClock(OffsetDateTime.parse("2026-11-05T10:00:00+08:00"));
    final TestProvinceParameters params = new TestProvinceParameters();
    final SchemaReady schema = () -> 1;

    final JpaAuditLog audit = new JpaAuditLog();
    final JpaTransactions transactions = new JpaTransactions();
    final JpaHallDirectory halls = new JpaHallDirectory();
    final JpaProductCatalog products = new JpaProductCatalog();
    final JpaNumberPool numbers = new JpaNumberPool();
    final JpaSubscriberService subscribers = new JpaSubscriberService();
    final JpaAccountService accounts = new JpaAccountService();
    final JpaReceiptService receipts = new JpaReceiptService();
    final JpaOrderStore orders = new JpaOrderStore();
    final JpaIdempotencyStore idempotency = new JpaIdempotencyStore();
    final JpaBillingStore billing = new JpaBillingStore();
    final JpaPrintQueue printQueue = new JpaPrintQueue();
    final JpaRatingStore ratings = new JpaRatingStore();
    final JpaServicePasswords passwords = new JpaServicePasswords();
    /** The pepper of this test node; the cost is low so that tests stay fast (the platform refuses below 600,000). */
    static final PasswordHasher.Pepper PEPPER = PasswordHasher.Pepper.of(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    static final int TEST_ITERATIONS = 1_000;
    final ServicePasswordHashing hashing = new ServicePasswordHashing(
            PasswordHasher.forTests(PEPPER, List.of(), TEST_ITERATIONS));
    final JpaJobStore jobs = new JpaJobStore();
    final JpaLoyaltyService loyalty = new JpaLoyaltyService();
    final JpaVpmnGroupService vpmn = new JpaVpmnGroupService();
    final JpaTicketService tickets = new JpaTicketService();
    final JpaCustomerCategories categories = new JpaCustomerCategories();

    /** Set to a JDBC URL to run the tests on PostgreSQL; each database then gets a schema of its own. */
    static final String POSTGRES_URL = System.getProperty("bizhall.test.postgres", "");

    TestDatabase() throws Exception {
        dataSource = freshDataSource();
        Migrations migrations = new Migrations(dataSource, getClass().getClassLoader());
        migrations.migrate();
        migrations.shortLockWaits();
        migrations.identityRanges();
        migrations.planChecks();
        migrations.setting(JpaIdempotencyStore.FINGERPRINT_SETTING, JpaIdempotencyStore::newFingerprintSecret);
        // as in Karaf: the unit handed to Hibernate without a root, so it maps exactly the classes persistence.xml lists
        emf = new HibernatePersistenceProvider().createContainerEntityManagerFactory(
                ListedClassesProvider.listedClassesOnly(unitInfo()), Collections.emptyMap());
        jpa = new TestJpaTemplate(emf);
        wire();
    }

    static boolean postgres() {
        return !POSTGRES_URL.isBlank();
    }

    /** An empty database: in-memory Derby, or a new schema in the PostgreSQL database named by the property. */
    static DataSource freshDataSource() {
        String name = "bizhall_" + UUID.randomUUID().toString().replace("-", "");
        if (postgres()) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(POSTGRES_URL);
            try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            pg.setCurrentSchema(name);
            return pg;
        }
        EmbeddedDataSource ds = new EmbeddedDataSource();
        // -Dbizhall.test.derby.dir=DIR puts the database on disk (benchmarks); by default it lives in memory
        String dir = System.getProperty("bizhall.test.derby.dir", "");
        ds.setDatabaseName(dir.isBlank() ? "memory:" + name : new java.io.File(dir, name).getAbsolutePath());
        ds.setCreateDatabase("create");
        try (Connection created = ds.getConnection()) {
            ds.setCreateDatabase(null); // created: later connections must not ask again (Derby warns on each)
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ds;
    }

    private void wire() {
        audit.jpa = jpa;
        audit.clock = clock;
        audit.schema = schema;
        transactions.jpa = jpa;
        transactions.schema = schema;
        halls.jpa = jpa;
        halls.schema = schema;
        halls.dataSource = dataSource;
        products.jpa = jpa;
        products.schema = schema;
        numbers.jpa = jpa;
        numbers.dataSource = dataSource;
        numbers.clock = clock;
        numbers.provinceParameters = params;
        numbers.schema = schema;
        subscribers.jpa = jpa;
        subscribers.clock = clock;
        subscribers.audit = audit;
        subscribers.schema = schema;
        subscribers.hashing = hashing;
        vpmn.jpa = jpa;
        vpmn.clock = clock;
        vpmn.audit = audit;
        vpmn.schema = schema;
        accounts.jpa = jpa;
        accounts.clock = clock;
        accounts.audit = audit;
        accounts.schema = schema;
        receipts.jpa = jpa;
        receipts.clock = clock;
        receipts.audit = audit;
        receipts.schema = schema;
        orders.jpa = jpa;
        orders.clock = clock;
        orders.schema = schema;
        idempotency.jpa = jpa;
        idempotency.schema = schema;
        billing.jpa = jpa;
        billing.clock = clock;
        billing.audit = audit;
        billing.schema = schema;
        printQueue.jpa = jpa;
        printQueue.clock = clock;
        printQueue.schema = schema;
        ratings.jpa = jpa;
        ratings.clock = clock;
        ratings.schema = schema;
        passwords.jpa = jpa;
        passwords.clock = clock;
        passwords.audit = audit;
        passwords.provinceParameters = params;
        passwords.schema = schema;
        passwords.hashing = hashing;
        jobs.jpa = jpa;
        jobs.clock = clock;
        jobs.schema = schema;
        loyalty.jpa = jpa;
        loyalty.clock = clock;
        loyalty.audit = audit;
        loyalty.schema = schema;
        tickets.jpa = jpa;
        tickets.clock = clock;
        tickets.audit = audit;
        tickets.provinceParameters = params;
        tickets.subscribers = subscribers;
        tickets.schema = schema;
        categories.jpa = jpa;
        categories.clock = clock;
        categories.audit = audit;
        categories.schema = schema;
    }

    @Override
    public void close() {
        passwords.deactivate();
        emf.close();
    }

    /** The bundle's META-INF/persistence.xml. */
    private static URL persistenceXml() {
        return TestDatabase.class.getClassLoader().getResource("META-INF/persistence.xml");
    }

    private static Document parse(URL xml) throws Exception {
        try (InputStream in = xml.openStream()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(in);
        }
    }

    /** The entity classes persistence.xml lists, in its order. */
    static List<String> listedClasses() throws Exception {
        return listedClasses(parse(persistenceXml()));
    }

    private static List<String> listedClasses(Document doc) {
        List<String> classes = new ArrayList<>();
        NodeList classNodes = doc.getElementsByTagNameNS("*", "class");
        for (int i = 0; i < classNodes.getLength(); i++) {
            classes.add(classNodes.item(i).getTextContent().trim());
        }
        return classes;
    }

    /** The persistence unit as the bundle declares it, run RESOURCE_LOCAL on the test datasource. */
    private PersistenceUnitInfo unitInfo() throws Exception {
        URL xml = persistenceXml();
        Document doc = parse(xml);
        List<String> classes = listedClasses(doc);
        Properties props = new Properties();
        NodeList propNodes = doc.getElementsByTagNameNS("*", "property");
        for (int i = 0; i < propNodes.getLength(); i++) {
            Element p = (Element) propNodes.item(i);
            props.setProperty(p.getAttribute("name"), p.getAttribute("value"));
        }
        StoreUnit.runtimeProperties().forEach((k, v) -> props.setProperty(k, v.toString()));
        props.setProperty("hibernate.dialect", postgres() ? "org.hibernate.dialect.PostgreSQL10Dialect"
                : "org.hibernate.dialect.DerbyTenSevenDialect");
        URL root = xml.toURI().resolve("..").toURL();
        ClassLoader loader = getClass().getClassLoader();
        return new PersistenceUnitInfo() {
            @Override
            public String getPersistenceUnitName() {
                return "bizhall";
            }

            @Override
            public String getPersistenceProviderClassName() {
                return HibernatePersistenceProvider.class.getName();
            }

            @Override
            public PersistenceUnitTransactionType getTransactionType() {
                return PersistenceUnitTransactionType.RESOURCE_LOCAL;
            }

            @Override
            public DataSource getJtaDataSource() {
                return null;
            }

            @Override
            public DataSource getNonJtaDataSource() {
                return dataSource;
            }

            @Override
            public List<String> getMappingFileNames() {
                return List.of();
            }

            @Override
            public List<URL> getJarFileUrls() {
                return List.of();
            }

            @Override
            public URL getPersistenceUnitRootUrl() {
                return root;
            }

            @Override
            public List<String> getManagedClassNames() {
                return classes;
            }

            @Override
            public boolean excludeUnlistedClasses() {
                return true;
            }

            @Override
            public SharedCacheMode getSharedCacheMode() {
                return SharedCacheMode.UNSPECIFIED;
            }

            @Override
            public ValidationMode getValidationMode() {
                return ValidationMode.NONE;
            }

            @Override
            public Properties getProperties() {
                return props;
            }

            @Override
            public String getPersistenceXMLSchemaVersion() {
                return "2.1";
            }

            @Override
            public ClassLoader getClassLoader() {
                return loader;
            }

            @Override
            public void addTransformer(ClassTransformer transformer) {
            }

            @Override
            public ClassLoader getNewTempClassLoader() {
                return loader;
            }
        };
    }
}
