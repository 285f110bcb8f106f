package org.bizhall.itest.province;

import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.osgi.service.component.annotations.Component;

/**
 * A broken province addition: for SX account openings whose SIM capacity names {@value #CRASH}, the EXECUTE step
 * crashes, so the tests can watch the failure boundary (the order fails alone, the payment is not kept, other orders go
 * on). The trigger is a value the national params schema accepts, since the engine refuses params it does not name.
 */
@ProcedureProvider(procedure = "account-opening", province = "SX")
@Component
public class CrashingHook implements ProcedureStepHook {
    static final String CRASH = "CRASH-IN-EXECUTE";

    @Override
    public void prior(Step step, OrderContext order) {
        if (step == Step.EXECUTE && CRASH.equals(order.params().text("simCapacity").orElse(null))) {
            throw new IllegalStateException("the test province's hook crashes as asked");
        }
    }
}
