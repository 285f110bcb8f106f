package org.bizhall.rest.internal.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The JAAS realm's users file ({@code etc/users.properties}) as the login cache sees it: a version that changes with
 * the file and with the realm services, and whether that file is where the realm checks every password.
 * <p>
 * The version is read on every request, so it is one file-system stat and the realm tracker's count of changes (a
 * realm registered, replaced or removed). Whether the file holds every user is asked only when a remembered login is
 * renewed: the realm of the highest rank under the name (the one a login gets) is looked at then.
 */
final class RealmUsersFile implements AutoCloseable {
    /** Karaf's login module over a properties file, and the option that names the file. */
    static final String PROPERTIES_MODULE = "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule";
    static final String USERS_OPTION = "users";
    /** Checks public keys, never a password: no answer of it is remembered here. */
    static final String PUBLIC_KEY_MODULE = "org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule";
    /** Karaf's audit modules write down logins and confirm none. */
    static final String AUDIT_MODULES = "org.apache.karaf.jaas.modules.audit.";

    private final String realm;
    private final Path file;
    private final ServiceTracker<JaasRealm, JaasRealm> realms;

    /** What tells one state of the realm's users from another. */
    record Version(int realmChanges, long modifiedMillis, long size) {
    }

    /** @param file the users file; null when unknown (no {@code karaf.etc}): then nothing is vouched for */
    RealmUsersFile(BundleContext context, String realm, Path file) {
        this.realm = realm;
        this.file = file;
        this.realms = new ServiceTracker<>(context, JaasRealm.class, null);
        this.realms.open();
    }

    /** The users file of a Karaf instance, or null outside one. */
    static Path karafUsersFile() {
        String etc = System.getProperty("karaf.etc");
        return etc == null ? null : Path.of(etc, "users.properties");
    }

    /**
     * The current version: the file's modification time and size, read together (one stat; asked for apart they were
     * two, and most of a remembered login's cost), and the count of realm changes.
     */
    Object version() {
        int realmChanges = realms.getTrackingCount();
        if (file == null) {
            return new Version(realmChanges, 0, 0);
        }
        try {
            BasicFileAttributes seen = Files.readAttributes(file, BasicFileAttributes.class);
            return new Version(realmChanges, seen.lastModifiedTime().toMillis(), seen.size());
        } catch (IOException e) {
            return new Version(realmChanges, -1, -1);
        }
    }

    /**
     * Whether the realm a login gets now checks passwords against this file alone, so that every change of its users
     * changes {@link #version()}. False for any other password module (LDAP, JDBC, …): their changes are not seen.
     */
    boolean holdsEveryUser() {
        if (file == null) {
            return false;
        }
        List<JaasRealm> top = new ArrayList<>();
        for (JaasRealm candidate : realms.getServices(new JaasRealm[0])) {
            if (!realm.equals(candidate.getName())) {
                continue;
            }
            if (!top.isEmpty() && candidate.getRank() > top.get(0).getRank()) {
                top.clear();
            }
            if (top.isEmpty() || candidate.getRank() == top.get(0).getRank()) {
                top.add(candidate);
            }
        }
        // of equal ranks any may answer a login: each must hold to this file
        return !top.isEmpty() && top.stream().allMatch(r -> onlyThisFile(r.getEntries(), file));
    }

    /**
     * Whether these login modules check passwords against {@code file} and nothing else: one properties module or more
     * on that file, besides which only modules that confirm no password (public keys, audit).
     */
    static boolean onlyThisFile(AppConfigurationEntry[] entries, Path file) {
        if (entries == null) {
            return false;
        }
        Path expected = file.toAbsolutePath().normalize();
        boolean onFile = false;
        for (AppConfigurationEntry entry : entries) {
            Map<String, ?> options = entry.getOptions();
            Object proxied = options.get(ProxyLoginModule.PROPERTY_MODULE);
            String module = proxied != null ? proxied.toString() : entry.getLoginModuleName();
            if (PROPERTIES_MODULE.equals(module)) {
                Object users = options.get(USERS_OPTION);
                if (users == null || !Path.of(users.toString()).toAbsolutePath().normalize().equals(expected)) {
                    return false;
                }
                onFile = true;
            } else if (!PUBLIC_KEY_MODULE.equals(module) && !module.startsWith(AUDIT_MODULES)) {
                return false;
            }
        }
        return onFile;
    }

    @Override
    public void close() {
        realms.close();
    }
}
