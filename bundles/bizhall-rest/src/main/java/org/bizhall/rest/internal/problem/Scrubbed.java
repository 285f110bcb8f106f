package org.bizhall.rest.internal.problem;

import java.sql.SQLException;

/**
 * An exception as the log may keep it: its class, its frames and its causes, without messages. Messages may carry
 * what a client sent (a database names the value it could not store, a parser quotes the text it choked on), which may
 * be a holder's name or ID number. A database error keeps its SQL state, which says what kind of failure it was.
 */
public final class Scrubbed extends Throwable {
    private static final long serialVersionUID = 1L;
    private static final int MAX_CAUSES = 12;

    private Scrubbed(String description) {
        // the one-argument constructor leaves the cause unset, so initCause may give it the scrubbed cause
        super(description);
    }

    public static Throwable of(Throwable failure) {
        return of(failure, 0);
    }

    private static Throwable of(Throwable failure, int depth) {
        String description = failure.getClass().getName();
        if (failure instanceof SQLException sql) {
            description += " (SQL state " + sql.getSQLState() + ", error " + sql.getErrorCode() + ")";
        }
        Scrubbed copy = new Scrubbed(description);
        copy.setStackTrace(failure.getStackTrace());
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && depth < MAX_CAUSES) {
            copy.initCause(of(cause, depth + 1));
        }
        return copy;
    }

    /** The first SQL state in the cause chain, or null. */
    public static String sqlState(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
