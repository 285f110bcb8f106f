package org.bizhall.engine.internal;

/**
 * Exceptions from procedure code may carry personal data in their messages (a name, an ID number). What the engine
 * logs keeps the exception classes and stack frames, which is what a developer needs, and drops every message.
 */
final class SafeLog {
    private static final int MAX_CAUSES = 8;

    private SafeLog() {
    }

    static Throwable scrubbed(Throwable failure) {
        return scrubbed(failure, 0);
    }

    private static Throwable scrubbed(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        // the cause is given at construction: a Throwable built with a null cause refuses initCause later
        Scrubbed copy = new Scrubbed(failure.getClass().getName(),
                cause != null && cause != failure && depth < MAX_CAUSES ? scrubbed(cause, depth + 1) : null);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** Stands in for the original exception in a log: its class name, its frames, no message. */
    static final class Scrubbed extends Throwable {
        private static final long serialVersionUID = 1L;

        Scrubbed(String originalClass, Throwable scrubbedCause) {
            super(originalClass, scrubbedCause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
