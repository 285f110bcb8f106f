package org.bizhall.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.StepOutcome;

/** A procedure whose steps a test sets; it counts how often each ran. */
final class TestProcedure implements Procedure {
    final String id;
    final String title;
    List<DocumentKind> documents = List.of();
    Map<String, List<DocumentKind>> documentsByCase = Map.of();
    String paramsSchema = "{\"type\":\"object\"}";
    boolean brokenDescriptor;
    boolean passwordInsteadOfId;
    java.util.Set<org.bizhall.api.hall.Role> roles = java.util.Set.of();
    List<String> steps = List.of("quote", "payment", "execute");
    Function<OrderContext, Quote> quote = order -> Quote.free();
    Function<OrderContext, StepOutcome> execute = order -> StepOutcome.completed();
    BiFunction<OrderContext, Confirmation, StepOutcome> confirm = (order, c) -> StepOutcome.completed();
    Function<OrderContext, StepOutcome> dateReached = order -> StepOutcome.completed();
    java.util.function.Consumer<OrderContext> cancel = order -> {
    };
    int quotes;
    int executes;
    int cancels;

    TestProcedure(String id, String title) {
        this.id = id;
        this.title = title;
    }

    @Override
    public ProcedureDescriptor descriptor() {
        if (brokenDescriptor) {
            throw new IllegalStateException("descriptor of 张三 broken");
        }
        return new ProcedureDescriptor(id, title, "1.0.0", paramsSchema, documents, documentsByCase,
                steps, passwordInsteadOfId, roles);
    }

    @Override
    public Quote quote(OrderContext order) {
        quotes++;
        return quote.apply(order);
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        executes++;
        return execute.apply(order);
    }

    @Override
    public StepOutcome confirm(OrderContext order, Confirmation confirmation) {
        return confirm.apply(order, confirmation);
    }

    @Override
    public StepOutcome dateReached(OrderContext order) {
        return dateReached.apply(order);
    }

    @Override
    public void cancel(OrderContext order) {
        cancels++;
        cancel.accept(order);
    }
}
