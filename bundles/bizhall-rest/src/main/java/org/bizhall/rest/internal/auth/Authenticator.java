package org.bizhall.rest.internal.auth;

import java.util.List;
import java.util.Optional;

/** Checks a user's password against the realm and tells who the realm says the user is. */
public interface Authenticator {
    /** The realm's user and roles, or empty when the user is unknown or the password wrong. */
    Optional<Login> authenticate(String user, char[] password);

    /** A successful login: the user name the realm confirmed and the role names it gave, in its order. */
    record Login(String user, List<String> roles) {
        public Login {
            roles = List.copyOf(roles);
        }
    }
}
