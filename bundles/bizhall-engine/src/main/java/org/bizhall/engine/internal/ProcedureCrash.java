package org.bizhall.engine.internal;

import org.bizhall.api.procedure.Step;

/**
 * Procedure or hook code failed in a way that is not a refusal. Thrown inside the engine's transaction so that
 * everything the step wrote rolls back; the engine turns it into a 500 {@code PROCEDURE_FAILED} outside. Carries no
 * message of the original failure, which may hold personal data.
 */
final class ProcedureCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Step step;
    private final String procedureId;
    private final String provider;

    ProcedureCrash(Step step, String procedureId, String provider, Throwable failure) {
        super("procedure " + procedureId + " by " + provider + " failed in step " + step, SafeLog.scrubbed(failure));
        this.step = step;
        this.procedureId = procedureId;
        this.provider = provider;
    }

    Step step() {
        return step;
    }

    String procedureId() {
        return procedureId;
    }

    String provider() {
        return provider;
    }

    /** The crash somewhere in {@code failure}'s cause chain, in case a transaction manager wrapped it. */
    static ProcedureCrash in(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof ProcedureCrash crash) {
                return crash;
            }
        }
        return null;
    }
}
