package org.bizhall.itest.scheduled;

import java.util.List;

import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.StepOutcome;
import org.osgi.service.component.annotations.Component;

/**
 * Money paid out, for the integration test: the quote is {@code -refundFen}; the order waits for the accounting office
 * (as a bank refund does) and the engine pays the amount out when the office approves.
 */
@Component(service = Procedure.class, property = {"bizhall.procedure=" + RefundProcedure.ID, "bizhall.province=*"})
public class RefundProcedure implements Procedure {
    static final String ID = "test-refund";

    @Override
    public ProcedureDescriptor descriptor() {
        return new ProcedureDescriptor(ID, "退款测试 Refund test", "1.0.0",
                "{\"type\":\"object\",\"properties\":{\"refundFen\":{\"type\":\"integer\",\"minimum\":1,"
                        + "\"maximum\":100000}},\"required\":[\"refundFen\"],\"additionalProperties\":false}",
                List.of(DocumentKind.HOLDER_ID), List.of("quote", "confirm"));
    }

    @Override
    public Quote quote(OrderContext order) {
        long refund = ((Number) order.params().asMap().get("refundFen")).longValue();
        return Quote.of(List.of(new QuoteItem("REFUND", "退款", -refund)));
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        return StepOutcome.awaitingConfirmation(Awaiting.BACK_OFFICE, "to the accounting office");
    }

    @Override
    public StepOutcome confirm(OrderContext order, Confirmation confirmation) {
        return Boolean.TRUE.equals(confirmation.approved()) ? StepOutcome.completed()
                : StepOutcome.rejected("the accounting office declined");
    }
}
