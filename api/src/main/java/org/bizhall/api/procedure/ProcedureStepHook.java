package org.bizhall.api.procedure;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A province's addition to one step of a procedure it does not replace: a check before the step ({@link #prior}, which
 * may refuse with a {@link org.bizhall.api.common.ProblemException}) or an effect after it. Registered with
 * {@link ProcedureProperties#PROCEDURE} and {@link ProcedureProperties#PROVINCE}.
 */
@ConsumerType
public interface ProcedureStepHook {
    default void prior(Step step, OrderContext order) {
    }

    default void success(Step step, OrderContext order) {
    }

    default void failure(Step step, OrderContext order, RuntimeException failure) {
    }
}
