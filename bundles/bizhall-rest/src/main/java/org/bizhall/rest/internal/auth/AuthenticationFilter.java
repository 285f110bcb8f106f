package org.bizhall.rest.internal.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;

import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.Role;
import org.bizhall.rest.internal.Jaxrs;
import org.bizhall.rest.internal.problem.Problem;
import org.bizhall.rest.internal.problem.Problems;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * HTTP Basic against the Karaf JAAS realm {@code karaf}, on every request but the health check and the OpenAPI
 * document. The realm says who the user is and its role; the hall directory says where it works. The resulting
 * {@link Caller} travels with the request as its security principal and as the request property
 * {@link Callers#PROPERTY}.
 * <p>
 * The realm hashes passwords slowly on purpose (bcrypt); a login it confirmed is remembered for
 * {@code credentialCache.seconds} (default 60, 0 = never) by a {@link CachingAuthenticator}, at most
 * {@code credentialCache.maxEntries} (default 10,000) of them, configuration {@code org.bizhall.rest.auth}; a
 * remembered login in use is renewed before its time is up, so the hash stays off the requests: without the realm
 * while the realm checks passwords against {@code etc/users.properties} alone (whose every change forgets all logins),
 * else by the realm again in the background.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = AuthenticationFilter.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@JaxrsName(Jaxrs.AUTHENTICATION)
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
    /** The JAAS realm the Karaf console and this API share. */
    public static final String REALM = "karaf";
    /** Paths, relative to the application, that answer without credentials. */
    static final Set<String> PUBLIC_PATHS = Set.of("health", "openapi.json");

    private final HallDirectory halls;
    private final Authenticator authenticator;

    /** Configuration of the verified-credential cache (optional). */
    public static final String PID = "org.bizhall.rest.auth";
    static final String CACHE_SECONDS = "credentialCache.seconds";
    static final String CACHE_ENTRIES = "credentialCache.maxEntries";
    static final int DEFAULT_CACHE_SECONDS = 60;
    static final int DEFAULT_CACHE_ENTRIES = 10_000;

    /** Runs the background re-confirmations of remembered logins: one thread, gone when idle. */
    private final ThreadPoolExecutor refresher;
    /** The realm's users file and realm services, watched for the remembered logins; null without a cache. */
    private final RealmUsersFile usersFile;

    @Activate
    public AuthenticationFilter(@Reference HallDirectory halls, BundleContext context, Map<String, Object> config) {
        this(halls, refresher(number(config, CACHE_ENTRIES, DEFAULT_CACHE_ENTRIES)),
                new RealmUsersFile(context, REALM, RealmUsersFile.karafUsersFile()), config);
    }

    private AuthenticationFilter(HallDirectory halls, ThreadPoolExecutor refresher, RealmUsersFile usersFile,
            Map<String, Object> config) {
        this.halls = halls;
        this.refresher = refresher;
        this.usersFile = usersFile;
        this.authenticator = new CachingAuthenticator(new JaasAuthenticator(REALM),
                Duration.ofSeconds(number(config, CACHE_SECONDS, DEFAULT_CACHE_SECONDS)),
                number(config, CACHE_ENTRIES, DEFAULT_CACHE_ENTRIES), System::nanoTime, usersFile::version,
                usersFile::holdsEveryUser, refresher);
    }

    public AuthenticationFilter(HallDirectory halls, Authenticator authenticator) {
        this.halls = halls;
        this.authenticator = authenticator;
        this.refresher = null;
        this.usersFile = null;
    }

    @Deactivate
    void deactivate() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (usersFile != null) {
            usersFile.close();
        }
    }

    private static ThreadPoolExecutor refresher(int maxEntries) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(Math.max(1, maxEntries)), r -> {
                    Thread t = new Thread(r, "bizhall-login-refresh");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic(request.getUriInfo().getPath())) {
            return;
        }
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeaderString("Authorization"));
        if (credentials.isEmpty()) {
            request.abortWith(Problems.unauthenticated("HTTP Basic credentials are required"));
            return;
        }
        Optional<Authenticator.Login> login;
        try {
            login = authenticator.authenticate(credentials.get().user(), credentials.get().password());
        } finally {
            credentials.get().wipe();
        }
        if (login.isEmpty()) {
            request.abortWith(Problems.unauthenticated("the user name or password is wrong"));
            return;
        }
        Optional<Role> role = role(login.get().roles());
        if (role.isEmpty()) {
            request.abortWith(Problems.response(Problem.of(403, "ROLE_NOT_ALLOWED",
                    "the user has none of the roles operator, manager, backoffice, admin", null)));
            return;
        }
        Optional<Caller> caller = halls.caller(login.get().user(), role.get());
        if (caller.isEmpty()) {
            request.abortWith(Problems.response(Problem.of(403, "NO_HALL",
                    "the user is not assigned to a hall", null)));
            return;
        }
        request.setProperty(Callers.PROPERTY, caller.get());
        request.setSecurityContext(new CallerSecurityContext(caller.get(),
                request.getSecurityContext() != null && request.getSecurityContext().isSecure()));
    }

    /**
     * The user's bizhall role. A user has one, but Karaf's own groups also carry the word {@code manager} (the admin
     * group does), so {@code admin} is looked for first; the realm's principals come in no particular order.
     */
    static Optional<Role> role(List<String> roles) {
        for (Role role : ROLE_PRECEDENCE) {
            if (roles.contains(role.wireName())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private static final List<Role> ROLE_PRECEDENCE = List.of(Role.ADMIN, Role.BACKOFFICE, Role.MANAGER, Role.OPERATOR);

    private static int number(Map<String, Object> config, String key, int otherwise) {
        Object value = config.get(key);
        return value == null || value.toString().isBlank() ? otherwise : Integer.parseInt(value.toString().trim());
    }

    static boolean isPublic(String path) {
        String trimmed = path == null ? "" : path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return PUBLIC_PATHS.contains(trimmed);
    }
}
