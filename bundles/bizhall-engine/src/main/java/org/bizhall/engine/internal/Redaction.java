package org.bizhall.engine.internal;

import java.util.Map;
import java.util.Set;

import org.bizhall.api.order.Order;

/**
 * Params the procedure's schema marks write-only (a service password) as callers see them ({@link #shown}) and as an
 * ended order keeps them ({@link #erased}): replaced by {@value WriteOnlyParams#REDACTED}. The schema is the one of the
 * provider resolved now; a provider that cannot describe itself redacts nothing rather than hiding the order.
 */
final class Redaction {
    private final ProcedureResolver procedures;

    Redaction(ProcedureResolver procedures) {
        this.procedures = procedures;
    }

    Order shown(Order order) {
        Set<String> writeOnly = procedures.resolveProvider(order.province(), order.procedure())
                .map(Redaction::writeOnly).orElse(Set.of());
        Map<String, Object> params = WriteOnlyParams.redact(order.params(), writeOnly);
        return params == order.params() ? order : order.withParams(params);
    }

    Map<String, Object> erased(Map<String, Object> params, ResolvedProcedure procedure) {
        return WriteOnlyParams.redact(params, writeOnly(procedure));
    }

    private static Set<String> writeOnly(ResolvedProcedure procedure) {
        try {
            return WriteOnlyParams.of(procedure.procedure().descriptor().paramsSchema());
        } catch (RuntimeException | LinkageError e) {
            return Set.of();
        }
    }
}
