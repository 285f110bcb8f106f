package org.bizhall.api.procedure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Role;

/**
 * What a procedure is: id, title, version, the JSON Schema of its {@code params}, the documents it asks for, and its
 * steps as the contract lists them.
 * <p>
 * {@code documents} are those of a personal holder who comes in person; the engine itself asks a corporate holder for
 * {@code BUSINESS_LICENCE} and {@code UNIT_CERTIFICATE} in place of {@code HOLDER_ID}, and a {@code PROXY} party for
 * {@code PROXY_ID}. {@code documentsByCase} adds what a case needs beyond that, keyed by the case's name
 * ({@code CORPORATE}, {@code PROXY}, or a case of the procedure's own such as {@code BANK_COLLECTION}); a procedure never
 * refuses for a document it did not announce in one of the two.
 * <p>
 * {@code passwordInsteadOfId}: a simple service the holder may ask for with the number's service password in place of
 * the ID (seed 003, rulebook §9). The params schema then declares {@value #SERVICE_PASSWORD} as a {@code writeOnly}
 * string; when an order carries it and no {@code HOLDER_ID}, the engine checks it with
 * {@link org.bizhall.api.service.ServicePasswords} before anything is stored (422 {@code PASSWORD_WRONG}, counted; 423
 * {@code PASSWORD_LOCKED}), asks no {@code HOLDER_ID}, and marks the order's result with {@value #IDENTIFIED_BY} =
 * {@value #BY_SERVICE_PASSWORD}, which {@link org.bizhall.api.procedure.kit.OrderSubscribers#requireHolder} accepts in
 * place of the holder's identity.
 * <p>
 * {@code roles}: the counter roles that may submit an order of this procedure (a pre-cancellation is an account
 * manager's, rulebook §3); empty means every counter role (operator and manager). The engine refuses any other role
 * with 403 {@code ROLE_NOT_ALLOWED} before it looks at the envelope.
 */
public record ProcedureDescriptor(String id, String title, String version, String paramsSchema,
        List<DocumentKind> documents, Map<String, List<DocumentKind>> documentsByCase, List<String> steps,
        boolean passwordInsteadOfId, Set<Role> roles) {
    /** The param that carries the service password in place of the holder's ID. */
    public static final String SERVICE_PASSWORD = "servicePassword";
    /** Result key the engine sets when the order's holder was proven by the service password. */
    public static final String IDENTIFIED_BY = "identifiedBy";
    /** Value of {@value #IDENTIFIED_BY}: the service password stood in for the holder's ID. */
    public static final String BY_SERVICE_PASSWORD = "SERVICE_PASSWORD";

    public ProcedureDescriptor {
        documents = List.copyOf(documents);
        Map<String, List<DocumentKind>> cases = new LinkedHashMap<>();
        if (documentsByCase != null) {
            documentsByCase.forEach((name, kinds) -> cases.put(name, List.copyOf(kinds)));
        }
        documentsByCase = java.util.Collections.unmodifiableMap(cases);
        steps = List.copyOf(steps);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** A descriptor any counter role may use. */
    public ProcedureDescriptor(String id, String title, String version, String paramsSchema,
            List<DocumentKind> documents, Map<String, List<DocumentKind>> documentsByCase, List<String> steps,
            boolean passwordInsteadOfId) {
        this(id, title, version, paramsSchema, documents, documentsByCase, steps, passwordInsteadOfId, Set.of());
    }

    /** Whether {@code role} may submit an order of this procedure. */
    public boolean allows(Role role) {
        return roles.isEmpty() || roles.contains(role);
    }

    /** A descriptor that always asks for the holder's documents (no service password in place of the ID). */
    public ProcedureDescriptor(String id, String title, String version, String paramsSchema,
            List<DocumentKind> documents, Map<String, List<DocumentKind>> documentsByCase, List<String> steps) {
        this(id, title, version, paramsSchema, documents, documentsByCase, steps, false);
    }

    /** A descriptor whose documents are the same in every case. */
    public ProcedureDescriptor(String id, String title, String version, String paramsSchema,
            List<DocumentKind> documents, List<String> steps) {
        this(id, title, version, paramsSchema, documents, Map.of(), steps, false);
    }
}
