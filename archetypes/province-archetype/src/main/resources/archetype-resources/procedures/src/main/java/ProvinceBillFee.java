package ${package};

import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.PriorResult;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.procedure.kit.Quotes;
import org.osgi.service.component.annotations.Component;

/**
 * ${province}'s fee on every bill payment of the province: an item of the province's own added to the national
 * quote before it is priced, so the national procedure runs unchanged. Replace it with the province's rules;
 * docs/integrators.md of the platform shows a whole procedure, its descriptor and its params schema.
 */
@ProcedureProvider(procedure = "bill-payment", province = "${province}")
@Component
public class ProvinceBillFee implements ProcedureStepHook {
    static final String ITEM = "${province}_BILL_FEE";
    static final long FEE_FEN = 100;

    @Override
    public PriorResult priorCall(Step step, OrderContext order) {
        return step == Step.QUOTE
                ? PriorResult.adjust("${province} bill payment fee", Quotes.item(ITEM, "${province} bill payment fee", FEE_FEN))
                : PriorResult.proceed();
    }
}
