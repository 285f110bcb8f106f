package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.security.AccessController;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.ShellUtil;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.Role;

/**
 * What every {@code hall:} command shares: it acts as the user logged into the shell, with that user's bizhall role
 * and hall (an admin for every province, staff for their own), and a refusal is printed as {@code CODE: detail} and
 * makes the command fail, so that {@code ssh -p 8101 user@host hall:…} exits 1. Which role may run which
 * command at all is the shell's ACL ({@code etc/org.apache.karaf.command.acl.hall.cfg}).
 */
public abstract class HallAction implements Action {
    /** The user a command acts as when the shell session carries none (e.g. the local console before login). */
    static final String DEFAULT_USER = "karaf";
    /** Karaf's admin group also carries the word {@code manager}: the highest bizhall role wins. */
    private static final List<Role> ROLE_PRECEDENCE = List.of(Role.ADMIN, Role.BACKOFFICE, Role.MANAGER, Role.OPERATOR);

    @Reference(optional = true)
    Session session;

    @Reference(optional = true)
    HallDirectory halls;

    @Override
    public final Object execute() throws Exception {
        try {
            run(System.out);
        } catch (ProblemException e) {
            // Karaf's shell treats a CommandException as the command's failure: it prints the "help" given here on
            // the console (an SSH exec request's output), logs it at DEBUG only, and the SSH exec request exits 1.
            // System.err is not the session's in an SSH exec request: the refusal would end up in the server's output.
            String refusal = refusal(e);
            throw new CommandException(refusal, refusal);
        }
        return null;
    }

    static String refusal(ProblemException e) {
        return e.code() + ": " + e.detail();
    }

    /** The command's work; refusals are thrown as {@link ProblemException}. */
    protected abstract void run(PrintStream out);

    /**
     * The service a command needs. References are optional so that one module being down does not take every
     * {@code hall:} command away (Karaf registers a bundle's commands only once all their mandatory references are met).
     */
    protected static <T> T require(T service, String what) {
        if (service == null) {
            throw new ProblemException(503, "SERVICE_UNAVAILABLE", what + " is not running on this node", null);
        }
        return service;
    }

    /**
     * Who the command acts for: the shell user with the bizhall role the realm gave it. An admin (or a session without
     * a logged-in subject: the local console, a script the container runs) acts for every province; staff act within
     * their hall's province, as over HTTP; a user with no bizhall role, or staff without a hall, is refused.
     */
    protected Caller caller() {
        String user = userName();
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null || subject.getPrincipals(RolePrincipal.class).isEmpty()) {
            return Caller.admin(user);
        }
        Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                .collect(Collectors.toSet());
        Optional<Role> role = role(roles);
        if (role.isEmpty()) {
            throw new ProblemException(403, "ROLE_NOT_ALLOWED",
                    "the user has none of the roles operator, manager, backoffice, admin", null);
        }
        if (role.get() == Role.ADMIN) {
            return Caller.admin(user);
        }
        return require(halls, "the hall directory").caller(user, role.get()).orElseThrow(
                () -> new ProblemException(403, "NO_HALL", "the user is not assigned to a hall", null));
    }

    static Optional<Role> role(Set<String> roles) {
        return ROLE_PRECEDENCE.stream().filter(r -> roles.contains(r.wireName())).findFirst();
    }

    String userName() {
        String user = ShellUtil.getCurrentUserName();
        if ((user == null || user.isBlank()) && session != null && session.get("USER") != null) {
            user = session.get("USER").toString();
        }
        return user == null || user.isBlank() ? DEFAULT_USER : user;
    }
}
