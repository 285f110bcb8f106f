package org.bizhall.api.procedure;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A province's addition to one step of a procedure it does not replace: a check or an adjustment before the step
 * ({@link #priorCall}), or an effect after it ({@link #success}, {@link #failure}). Registered with
 * {@link ProcedureProperties#PROCEDURE} and {@link ProcedureProperties#PROVINCE}; several hooks run highest
 * {@code service.ranking} first. A hook that throws anything but a {@link org.bizhall.api.common.ProblemException}
 * fails its own order only ({@code PROCEDURE_FAILED}).
 */
@ConsumerType
public interface ProcedureStepHook {
    /** Before the step: refuse by throwing a {@link org.bizhall.api.common.ProblemException}, or return normally. */
    default void prior(Step step, OrderContext order) {
    }

    /**
     * Before the step, with a result: proceed, refuse, or (before {@link Step#QUOTE}) add or replace quote items, as
     * {@link PriorResult} says. The default runs {@link #prior} and proceeds, so a hook written against 1.0 keeps
     * working.
     */
    default PriorResult priorCall(Step step, OrderContext order) {
        prior(step, order);
        return PriorResult.proceed();
    }

    default void success(Step step, OrderContext order) {
    }

    default void failure(Step step, OrderContext order, RuntimeException failure) {
    }
}
