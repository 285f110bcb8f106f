package org.bizhall.rest.internal.auth;

import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;

/** How resources learn who is asking. */
public final class Callers {
    /** The request property the authentication filter stores the caller under. */
    public static final String PROPERTY = "org.bizhall.caller";

    private Callers() {
    }

    /** The authenticated caller; a request that reached a resource without one is refused, never served anonymously. */
    public static Caller of(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof CallerSecurityContext.CallerPrincipal p) {
            return p.caller();
        }
        throw new ProblemException(401, "UNAUTHENTICATED", "credentials are required", null);
    }
}
