package org.bizhall.realm.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.encryption.EncryptionSupport;
import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The {@code karaf} realm with its passwords stored as hashes: Karaf's own realm (its login modules and options: the
 * users file, public keys, audit) under a higher rank, with the encryption options added to its properties login
 * module. Logins and {@code jaas:realm-manage} both take the realm of the highest rank, so a password set with
 * {@code jaas:user-add} is stored hashed, and a hashed one is checked.
 * <p>
 * Why not {@code encryption.enabled = true} in {@code etc/org.apache.karaf.jaas.cfg}: that also starts Karaf's
 * automatic encryption of the users file, which writes back a file it read while another writer was writing it (see
 * {@link UsersFile}), and so lost users and roles. Karaf's own settings keep it off; the plain passwords an operator
 * writes into the file are hashed here instead ({@link PlainPasswordHashing}), safely.
 */
@Component(service = JaasRealm.class, configurationPid = HashedPasswordsRealm.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = RealmConfig.class)
public final class HashedPasswordsRealm implements JaasRealm {
    static final String PID = "org.bizhall.realm";
    /** Long enough for any in-place write of the file to have ended; short against a person editing it. */
    private static final Duration SETTLE = Duration.ofMillis(100);

    private final String name;
    private final int rank;
    private final Map<String, Object> encryption;
    private final ServiceTracker<JaasRealm, JaasRealm> realms;
    private final PlainPasswordHashing hashing;

    @Activate
    public HashedPasswordsRealm(BundleContext context, RealmConfig config) {
        this.name = config.realm();
        this.rank = config.rank();
        this.encryption = encryptionOptions(config);
        this.realms = new ServiceTracker<>(context, JaasRealm.class, new OtherBundlesRealms(context));
        this.realms.open();
        Map<String, Object> hashingOptions = new HashMap<>(encryption);
        hashingOptions.put(BundleContext.class.getName(), context);
        EncryptionSupport support = new EncryptionSupport(hashingOptions);
        this.hashing = new PlainPasswordHashing(
                Path.of(System.getProperty("karaf.etc", "etc"), "users.properties"), support::encrypt, SETTLE);
        this.hashing.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        hashing.close();
        realms.close();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getRank() {
        return rank;
    }

    /**
     * The entries of the realm taken over, read at every login as Karaf's own are (its settings may change); none while
     * that realm is not there, which refuses every login as no realm would.
     */
    @Override
    public AppConfigurationEntry[] getEntries() {
        JaasRealm underlying = underlying();
        if (underlying == null) {
            return new AppConfigurationEntry[0];
        }
        AppConfigurationEntry[] entries = underlying.getEntries();
        AppConfigurationEntry[] hashed = new AppConfigurationEntry[entries.length];
        for (int i = 0; i < entries.length; i++) {
            AppConfigurationEntry entry = entries[i];
            Object module = entry.getOptions().get(ProxyLoginModule.PROPERTY_MODULE);
            if (PropertiesLoginModule.class.getName().equals(module)) {
                Map<String, Object> options = new HashMap<>(entry.getOptions());
                options.putAll(encryption);
                entry = new AppConfigurationEntry(entry.getLoginModuleName(), entry.getControlFlag(), options);
            }
            hashed[i] = entry;
        }
        return hashed;
    }

    /** The realm of this name with the highest rank below this one's, registered by another bundle. */
    private JaasRealm underlying() {
        JaasRealm best = null;
        for (JaasRealm realm : realms.getServices(new JaasRealm[0])) {
            if (name.equals(realm.getName()) && realm.getRank() < rank
                    && (best == null || realm.getRank() > best.getRank())) {
                best = realm;
            }
        }
        return best;
    }

    /** Tracks the realms of other bundles: getting this bundle's own (this one) while it is being made is a cycle. */
    private static final class OtherBundlesRealms implements ServiceTrackerCustomizer<JaasRealm, JaasRealm> {
        private final BundleContext context;

        OtherBundlesRealms(BundleContext context) {
            this.context = context;
        }

        @Override
        public JaasRealm addingService(ServiceReference<JaasRealm> reference) {
            Bundle bundle = reference.getBundle();
            return bundle == null || bundle.getBundleId() == context.getBundle().getBundleId()
                    ? null : context.getService(reference);
        }

        @Override
        public void modifiedService(ServiceReference<JaasRealm> reference, JaasRealm realm) {
        }

        @Override
        public void removedService(ServiceReference<JaasRealm> reference, JaasRealm realm) {
            context.ungetService(reference);
        }
    }

    private static Map<String, Object> encryptionOptions(RealmConfig config) {
        Map<String, Object> options = new HashMap<>();
        options.put("encryption.enabled", "true");
        options.put("encryption.name", config.encryption_name());
        options.put("encryption.algorithm", config.encryption_algorithm());
        options.put("encryption.prefix", config.encryption_prefix());
        options.put("encryption.suffix", config.encryption_suffix());
        options.put("encryption.encoding", config.encryption_encoding());
        return options;
    }
}
