package org.bizhall.itest.province;

import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.bizhall.api.procedure.Step;
import org.osgi.service.component.annotations.Component;

/**
 * A broken province addition: for SX account openings whose params ask for it, the EXECUTE step crashes, so the tests
 * can watch the failure boundary (the order fails alone, the payment is not kept, other orders go on).
 */
@Component(property = {"bizhall.procedure=account-opening", "bizhall.province=SX"})
public class CrashingHook implements ProcedureStepHook {
    @Override
    public void prior(Step step, OrderContext order) {
        if (step == Step.EXECUTE && order.params().flag("crashInExecute")) {
            throw new IllegalStateException("the test province's hook crashes as asked");
        }
    }
}
