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
    /** A listing without documents per case, as api 1.0 built it. */
    public ProcedureListing(String id, String title, String version, String province, String provider, int ranking,
            String paramsSchema, List<String> documents, List<String> steps, boolean active) {
        this(id, title, version, province, provider, ranking, paramsSchema, documents, Map.of(), steps, active);
    }
}
