package org.bizhall.rest.internal.auth;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.hall.Caller;

/** The security context of an authenticated request; its principal carries the {@link Caller}. */
public final class CallerSecurityContext implements SecurityContext {
    private final CallerPrincipal principal;
    private final boolean secure;

    public CallerSecurityContext(Caller caller, boolean secure) {
        this.principal = new CallerPrincipal(caller);
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.caller().role().wireName().equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return BASIC_AUTH;
    }

    /** A principal named after the user, holding the hall and province it acts in. */
    public record CallerPrincipal(Caller caller) implements Principal {
        @Override
        public String getName() {
            return caller.user();
        }
    }
}
