package org.bizhall.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.ShellUtil;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;

/**
 * What every {@code hall:} command shares: it acts as the admin logged into the shell, and a refusal is printed as
 * {@code CODE: detail} on stderr instead of a stack trace.
 */
public abstract class HallAction implements Action {
    /** The user a command acts as when the shell session carries none (e.g. the local console before login). */
    static final String DEFAULT_USER = "karaf";

    @Reference(optional = true)
    Session session;

    @Override
    public final Object execute() throws Exception {
        try {
            run(System.out);
        } catch (ProblemException e) {
            System.err.println(e.code() + ": " + e.detail());
        }
        return null;
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

    protected Caller caller() {
        return Caller.admin(userName());
    }

    String userName() {
        String user = ShellUtil.getCurrentUserName();
        if ((user == null || user.isBlank()) && session != null && session.get("USER") != null) {
            user = session.get("USER").toString();
        }
        return user == null || user.isBlank() ? DEFAULT_USER : user;
    }
}
