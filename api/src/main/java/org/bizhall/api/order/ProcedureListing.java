package org.bizhall.api.order;

import java.util.List;
import java.util.Map;

/**
 * A procedure provider as {@code GET /procedures} lists it. {@code province} is {@code *} for the national default;
 * {@code documentsByCase} is the descriptor's (see
 * {@link org.bizhall.api.procedure.ProcedureDescriptor}); {@code active} marks the provider new orders of the asked province use.
 */
public record ProcedureListing(String id, String title, String version, String province, String provider, int ranking,
        String paramsSchema, List<String> documents, Map<String, List<String>> documentsByCase, List<String> steps,
        boolean active) {
}
