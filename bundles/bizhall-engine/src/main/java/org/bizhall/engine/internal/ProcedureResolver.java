package org.bizhall.engine.internal;

import java.util.Optional;

/** The engine's view of the registry: the procedure object itself, resolved per call, never kept. */
public interface ProcedureResolver {
    Optional<ResolvedProcedure> resolveProvider(String province, String procedureId);
}
