package org.bizhall.rest.internal.auth;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.junit.Test;

/** Which realms let the login cache renew a login without a new hash: those whose passwords are all in the file. */
public class RealmUsersFileTest {
    private static final Path USERS = Path.of("/opt/karaf/etc/users.properties");

    /** An entry as Karaf's realms register them: the proxy, naming the real module in an option. */
    private static AppConfigurationEntry proxied(String module, String... options) {
        Map<String, Object> map = new HashMap<>();
        map.put(ProxyLoginModule.PROPERTY_MODULE, module);
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.OPTIONAL, map);
    }

    private static final AppConfigurationEntry USERS_FILE = proxied(RealmUsersFile.PROPERTIES_MODULE, "users",
            "/opt/karaf/etc/users.properties");

    @Test
    public void karafsOwnRealmChecksPasswordsAgainstTheUsersFileAlone() {
        AppConfigurationEntry[] karaf = {USERS_FILE,
            proxied(RealmUsersFile.PUBLIC_KEY_MODULE, "users", "/opt/karaf/etc/keys.properties"),
            proxied("org.apache.karaf.jaas.modules.audit.FileAuditLoginModule", "enabled", "true"),
            proxied("org.apache.karaf.jaas.modules.audit.LogAuditLoginModule"),
            proxied("org.apache.karaf.jaas.modules.audit.EventAdminAuditLoginModule")};
        assertTrue(RealmUsersFile.onlyThisFile(karaf, USERS));
        assertTrue("the same file by another spelling",
                RealmUsersFile.onlyThisFile(karaf, Path.of("/opt/karaf/etc/../etc/users.properties")));
    }

    @Test
    public void aDirectoryOrADatabaseBesideOrInsteadOfTheFileIsNotSeen() {
        AppConfigurationEntry ldap = proxied("org.apache.karaf.jaas.modules.ldap.LDAPLoginModule",
                "connection.url", "ldap://directory:389");
        AppConfigurationEntry jdbc = new AppConfigurationEntry("org.apache.karaf.jaas.modules.jdbc.JDBCLoginModule",
                LoginModuleControlFlag.SUFFICIENT, Map.of());
        assertFalse(RealmUsersFile.onlyThisFile(new AppConfigurationEntry[] {ldap}, USERS));
        assertFalse(RealmUsersFile.onlyThisFile(new AppConfigurationEntry[] {USERS_FILE, ldap}, USERS));
        assertFalse(RealmUsersFile.onlyThisFile(new AppConfigurationEntry[] {jdbc, USERS_FILE}, USERS));
    }

    @Test
    public void aUsersFileOtherThanTheWatchedOneOrNoneAtAllIsNotSeen() {
        AppConfigurationEntry other = proxied(RealmUsersFile.PROPERTIES_MODULE, "users", "/srv/staff.properties");
        AppConfigurationEntry unnamed = proxied(RealmUsersFile.PROPERTIES_MODULE);
        assertFalse(RealmUsersFile.onlyThisFile(new AppConfigurationEntry[] {other}, USERS));
        assertFalse(RealmUsersFile.onlyThisFile(new AppConfigurationEntry[] {USERS_FILE, other}, USERS));
        assertFalse(RealmUsersFile.onlyThisFile(new AppConfigurationEntry[] {unnamed}, USERS));
        assertFalse("public keys and audit alone check no password", RealmUsersFile.onlyThisFile(
                new AppConfigurationEntry[] {proxied(RealmUsersFile.PUBLIC_KEY_MODULE)}, USERS));
        assertFalse(RealmUsersFile.onlyThisFile(new AppConfigurationEntry[0], USERS));
        assertFalse(RealmUsersFile.onlyThisFile(null, USERS));
    }
}
