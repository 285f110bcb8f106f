package org.bizhall.itest.scheduled;

import java.util.List;

import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.StepOutcome;
import org.osgi.service.component.annotations.Component;

/**
 * A free procedure whose orders wait, for the scheduler's integration test: {@code "wait":"DATE"} is carried out one
 * day after it is taken (business clock), {@code "wait":"CALL"} waits for the customer's call back with a deadline of
 * two hours.
 */
@Component(service = Procedure.class, property = {"bizhall.procedure=" + WaitingProcedure.ID, "bizhall.province=*"})
public class WaitingProcedure implements Procedure {
    static final String ID = "test-waiting";

    @Override
    public ProcedureDescriptor descriptor() {
        return new ProcedureDescriptor(ID, "等待测试 Waiting test", "1.0.0",
                "{\"type\":\"object\",\"properties\":{\"wait\":{\"type\":\"string\",\"enum\":[\"DATE\",\"CALL\"]}},"
                        + "\"required\":[\"wait\"]}",
                List.of(DocumentKind.HOLDER_ID), List.of("quote", "execute", "date"));
    }

    @Override
    public Quote quote(OrderContext order) {
        order.params().requiredText("wait");
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        if ("CALL".equals(order.params().requiredText("wait"))) {
            return StepOutcome.awaitingConfirmation(Awaiting.CUSTOMER_CALL, order.now().plusHours(2),
                    "the customer calls back within two hours");
        }
        return StepOutcome.scheduled(order.now().plusDays(1), "carried out tomorrow");
    }

    @Override
    public StepOutcome dateReached(OrderContext order) {
        order.result().put("carriedOutAt", order.now().toString());
        return StepOutcome.completed();
    }

    @Override
    public StepOutcome confirm(OrderContext order, Confirmation confirmation) {
        return Boolean.TRUE.equals(confirmation.approved()) ? StepOutcome.completed() : StepOutcome.rejected("the customer declined");
    }
}
