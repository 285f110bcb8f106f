package org.bizhall.persistence.internal;

import java.util.HashMap;
import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jpa.EntityManagerFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@code bizhall} persistence unit once its DataSource is registered, and closes it when the DataSource
 * goes; Aries JPA publishes the result as the unit's {@code EntityManagerFactory} service.
 * <p>
 * The unit names no DataSource of its own on purpose. Aries JPA would otherwise build it from configuration admin's
 * {@code org.apache.aries.jpa.bizhall} as soon as that arrives, which at a boot may be before pax-jdbc-config has
 * registered the DataSource (it then fails with "incomplete configuration" and forgets the properties), and twice
 * when the DataSource came first. Here it is built exactly once, from a DataSource that exists; Hibernate reads the
 * dialect and the driver's capabilities from it (Derby and PostgreSQL alike).
 * <p>
 * Hibernate's bootstrap (seconds of CPU at a boot: every entity mapped, the JDBC metadata read) runs on a thread of its
 * own ({@link BackgroundStart}), so the bundles the boot still has to start, and the schema migration, go on beside it;
 * the stores wait for the unit's service as before, and none of them is registered until it is there.
 * <p>
 * Optional configuration {@code org.bizhall.store}: its {@code hibernate.*} and {@code javax.persistence.*}
 * properties are added to the unit (for instance {@code hibernate.dialect} for a database Hibernate does not detect).
 */
@Component(immediate = true, configurationPid = StoreUnit.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class StoreUnit {
    static final String PID = "org.bizhall.store";
    static final String UNIT = "bizhall";

    @Reference(target = "(osgi.jndi.service.name=bizhall)")
    DataSource dataSource;
    @Reference(target = "(osgi.unit.name=" + UNIT + ")")
    EntityManagerFactoryBuilder builder;

    private static final Logger LOG = LoggerFactory.getLogger(StoreUnit.class);

    private BackgroundStart<EntityManagerFactory> unit;

    @Activate
    void activate(Map<String, Object> config) {
        Map<String, Object> properties = new HashMap<>(runtimeProperties());
        properties.putAll(jtaProperties());
        config.forEach((key, value) -> {
            if (key.startsWith("hibernate.") || key.startsWith("javax.persistence.")) {
                properties.put(key, value);
            }
        });
        properties.put("javax.persistence.jtaDataSource", dataSource);
        EntityManagerFactoryBuilder unitBuilder = builder;
        unit = BackgroundStart.run("bizhall-store-unit", LOG,
                "the bizhall persistence unit could not be built: the stores stay unregistered",
                () -> unitBuilder.createEntityManagerFactory(properties));
    }

    @Deactivate
    void deactivate() {
        EntityManagerFactory built = unit.await(); // a bootstrap under way ends first
        if (built != null) {
            built.close(); // unregisters the unit's EntityManagerFactory service
        }
    }

    /**
     * Properties of the real unit that differ from persistence.xml. Aries JPA also builds a throw-away unit from
     * persistence.xml alone over a placeholder DataSource (to let a provider register class transformers early);
     * persistence.xml therefore tells Hibernate not to read JDBC metadata, which that placeholder cannot answer, and
     * the real unit, over a real DataSource, reads it (dialect, batch and generated-key support).
     */
    static Map<String, Object> runtimeProperties() {
        return Map.of("hibernate.temp.use_jdbc_metadata_defaults", "true");
    }

    /**
     * Properties of the JTA unit in Karaf alone: one pooled connection per transaction, held until it completes.
     * Hibernate's JTA default hands the connection back to the pool after every statement and takes one again for the
     * next: some forty round trips through the XA pool per payment, and request threads queued for connections under
     * load (docs/benchmarks.md). A RESOURCE_LOCAL unit (the store tests) must hold its connection over the commit,
     * which this mode would not.
     */
    static Map<String, Object> jtaProperties() {
        return Map.of("hibernate.connection.handling_mode",
                "DELAYED_ACQUISITION_AND_RELEASE_BEFORE_TRANSACTION_COMPLETION");
    }
}
