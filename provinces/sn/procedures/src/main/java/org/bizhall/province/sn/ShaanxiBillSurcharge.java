package org.bizhall.province.sn;

import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.PriorResult;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.procedure.kit.Quotes;
import org.osgi.service.component.annotations.Component;

/**
 * Shaanxi adds its surcharge to every bill payment of the province: an item of the province's own in the national quote, through the hook's adjustable prior result, so the national bill payment is used unchanged (it
 * credits the account with its own {@code PAYMENT} item only; the surcharge is the province's revenue, on the receipt).
 */
@ProcedureProvider(procedure = "bill-payment", province = "SN")
@Component
public class ShaanxiBillSurcharge implements ProcedureStepHook {
    static final String ITEM = "SN_COUNTER_SURCHARGE";
    static final long SURCHARGE_FEN = 50;

    @Override
    public PriorResult priorCall(Step step, OrderContext order) {
        if (step != Step.QUOTE) {
            return PriorResult.proceed();
        }
        return PriorResult.adjust("陕西省营业厅代收附加费", Quotes.item(ITEM, "陕西营业厅代收附加费", SURCHARGE_FEN));
    }
}
