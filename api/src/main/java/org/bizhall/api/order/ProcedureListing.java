package org.bizhall.api.order;

import java.util.List;

/**
 * A procedure provider as {@code GET /procedures} lists it. {@code province} is {@code *} for the national default;
 * {@code active} marks the provider new orders of the asked province use.
 */
public record ProcedureListing(String id, String title, String version, String province, String provider, int ranking,
        String paramsSchema, List<String> documents, List<String> steps, boolean active) {
}
