package org.bizhall.persistence.internal;

import java.sql.SQLException;
import java.util.Hashtable;
import java.util.List;

import javax.sql.DataSource;
import javax.transaction.TransactionManager;

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
 * A failed migration leaves the stores unregistered (and the health check red) rather than running on a wrong schema;
 * so does a datasource outside the platform's transactions ({@link TransactionalStore}).
 * The migration runs on a thread of its own ({@link BackgroundStart}): on an empty database it is seconds of DDL that
 * the rest of the boot need not wait for.
 */
@Component(immediate = true)
public class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    @Reference(target = "(osgi.jndi.service.name=bizhall)")
    DataSource dataSource;
    @Reference
    TransactionManager transactions;

    private BackgroundStart<Integer> migration;
    private ServiceRegistration<SchemaReady> registration;
    private boolean stopped;

    @Activate
    void activate(BundleContext context) {
        migration = BackgroundStart.run("bizhall-schema-migration", LOG,
                "bizhall schema migration or store check failed: the stores stay unregistered", () -> {
                    int version = migrate();
                    TransactionalStore.require(transactions, dataSource);
                    ServiceRegistration<SchemaReady> ready = context.registerService(SchemaReady.class, () -> version,
                            new Hashtable<>());
                    synchronized (this) {
                        if (!stopped) {
                            registration = ready;
                            return version;
                        }
                    }
                    ready.unregister(); // deactivated meanwhile
                    return version;
                });
    }

    /** Applies what is missing and returns the schema version. */
    int migrate() throws SQLException {
        Migrations migrations = new Migrations(dataSource, SchemaMigrator.class.getClassLoader());
        List<Integer> applied = migrations.migrate();
        migrations.shortLockWaits();
        migrations.identityRanges();
        migrations.planChecks();
        int version = migrations.appliedVersions().last();
        migrations.setting(JpaIdempotencyStore.FINGERPRINT_SETTING, JpaIdempotencyStore::newFingerprintSecret);
        if (applied.isEmpty()) {
            LOG.info("bizhall schema is current at version {}", version);
        } else {
            LOG.info("bizhall schema migrated to version {} (applied {})", version, applied);
        }
        return version;
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            stopped = true;
        }
        // a migration under way ends first (each script commits or rolls back whole), then the schema is withdrawn
        migration.await();
        ServiceRegistration<SchemaReady> ready;
        synchronized (this) {
            ready = registration;
            registration = null;
        }
        if (ready != null) {
            ready.unregister();
        }
    }
}
