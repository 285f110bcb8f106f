package org.bizhall.persistence.internal;

import java.sql.SQLException;
import java.util.Hashtable;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the bizhall database to the current schema when its datasource appears, then registers {@link SchemaReady}.
 * A failed migration leaves the stores unregistered (and the health check red) rather than running on a wrong schema.
 */
@Component(immediate = true)
public class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    @Reference(target = "(osgi.jndi.service.name=bizhall)")
    DataSource dataSource;

    private ServiceRegistration<SchemaReady> registration;

    @Activate
    void activate(BundleContext context) throws SQLException {
        Migrations migrations = new Migrations(dataSource, SchemaMigrator.class.getClassLoader());
        List<Integer> applied = migrations.migrate();
        migrations.shortLockWaits();
        int version = migrations.appliedVersions().last();
        migrations.setting(JpaIdempotencyStore.FINGERPRINT_SETTING, JpaIdempotencyStore::newFingerprintSecret);
        if (applied.isEmpty()) {
            LOG.info("bizhall schema is current at version {}", version);
        } else {
            LOG.info("bizhall schema migrated to version {} (applied {})", version, applied);
        }
        registration = context.registerService(SchemaReady.class, () -> version, new Hashtable<>());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }
}
