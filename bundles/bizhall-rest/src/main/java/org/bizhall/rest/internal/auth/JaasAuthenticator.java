package org.bizhall.rest.internal.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in against a Karaf JAAS realm on every call; it caches nothing itself ({@link CachingAuthenticator} does). The JAAS configuration names
 * Karaf's proxy login module, which {@link LoginContext} loads through the context class loader: during the login that
 * is this bundle's loader, which imports the module's package.
 */
public final class JaasAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JaasAuthenticator.class);

    private final String realm;

    public JaasAuthenticator(String realm) {
        this.realm = realm;
    }

    @Override
    public Optional<Login> authenticate(String user, char[] password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JaasAuthenticator.class.getClassLoader());
        try {
            LoginContext login = new LoginContext(realm, subject, new Handler(user, password));
            login.login();
            try {
                Optional<String> confirmed = subject.getPrincipals(UserPrincipal.class).stream()
                        .map(UserPrincipal::getName).findFirst();
                if (confirmed.isEmpty()) {
                    return Optional.empty();
                }
                List<String> roles = new ArrayList<>();
                subject.getPrincipals(RolePrincipal.class).forEach(p -> roles.add(p.getName()));
                return Optional.of(new Login(confirmed.get(), roles));
            } finally {
                logout(login);
            }
        } catch (LoginException e) {
            LOG.debug("Login refused by realm {}: {}", realm, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void logout(LoginContext login) {
        try {
            login.logout();
        } catch (LoginException e) {
            LOG.debug("Logout from the realm failed", e);
        }
    }

    /** Answers the login module's questions; hands it a copy of the password that the module may keep or wipe. */
    private static final class Handler implements CallbackHandler {
        private final String user;
        private final char[] password;

        Handler(String user, char[] password) {
            this.user = user;
            this.password = password;
        }

        @Override
        public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback secret) {
                    secret.setPassword(password);
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }
    }
}
