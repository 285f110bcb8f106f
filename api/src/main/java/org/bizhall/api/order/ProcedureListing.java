package org.bizhall.api.order;

import java.util.List;
import java.util.Map;

/**
 * A procedure provider as {@code GET /procedures} lists it. {@code province} is {@code *} for the national default;
 * {@code documentsByCase} is the descriptor's (see
 * {@link org.bizhall.api.procedure.ProcedureDescriptor}); {@code active} marks the provider new orders of the asked province use;
 * {@code passwordInsteadOfId} says the service password may stand in for the holder's ID; {@code roles} the counter
 * roles that may submit it (wire names, e.g. {@code manager}), empty when every counter role may; {@code chosenBy}
 * says why an active provider is the one in use ({@link #PIN}, {@link #PROVINCE}, {@link #DEFAULT}), null for the
 * others.
 */
public record ProcedureListing(String id, String title, String version, String province, String provider, int ranking,
        String paramsSchema, List<String> documents, Map<String, List<String>> documentsByCase, List<String> steps,
        boolean active, boolean passwordInsteadOfId, List<String> roles, String chosenBy) {
    /** In use because an admin pinned this bundle for the province ({@code org.bizhall.routing}). */
    public static final String PIN = "PIN";
    /** In use as the best ranked provider registered for the province itself. */
    public static final String PROVINCE = "PROVINCE";
    /** In use as the best ranked national default: the province has no provider of its own. */
    public static final String DEFAULT = "DEFAULT";

    public ProcedureListing {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** A listing that does not say why it is in use. */
    public ProcedureListing(String id, String title, String version, String province, String provider, int ranking,
            String paramsSchema, List<String> documents, Map<String, List<String>> documentsByCase, List<String> steps,
            boolean active, boolean passwordInsteadOfId, List<String> roles) {
        this(id, title, version, province, provider, ranking, paramsSchema, documents, documentsByCase, steps, active,
                passwordInsteadOfId, roles, null);
    }

    /** A listing of a procedure every counter role may submit. */
    public ProcedureListing(String id, String title, String version, String province, String provider, int ranking,
            String paramsSchema, List<String> documents, Map<String, List<String>> documentsByCase, List<String> steps,
            boolean active, boolean passwordInsteadOfId) {
        this(id, title, version, province, provider, ranking, paramsSchema, documents, documentsByCase, steps, active,
                passwordInsteadOfId, List.of());
    }

    /** A listing of a procedure that always asks for the holder's ID. */
    public ProcedureListing(String id, String title, String version, String province, String provider, int ranking,
            String paramsSchema, List<String> documents, Map<String, List<String>> documentsByCase, List<String> steps,
            boolean active) {
        this(id, title, version, province, provider, ranking, paramsSchema, documents, documentsByCase, steps, active,
                false);
    }

    /** A listing without documents per case, as api 1.0 built it. */
    public ProcedureListing(String id, String title, String version, String province, String provider, int ranking,
            String paramsSchema, List<String> documents, List<String> steps, boolean active) {
        this(id, title, version, province, provider, ranking, paramsSchema, documents, Map.of(), steps, active);
    }
}
