package org.bizhall.api.procedure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bizhall.api.customer.DocumentKind;

/**
 * What a procedure is: id, title, version, the JSON Schema of its {@code params}, the documents it asks for, and its
 * steps as the contract lists them.
 * <p>
 * {@code documents} are those of a personal holder who comes in person; the engine itself asks a corporate holder for
 * {@code BUSINESS_LICENCE} and {@code UNIT_CERTIFICATE} in place of {@code HOLDER_ID}, and a {@code PROXY} party for
 * {@code PROXY_ID}. {@code documentsByCase} adds what a case needs beyond that, keyed by the case's name
 * ({@code CORPORATE}, {@code PROXY}, or a case of the procedure's own such as {@code BANK_COLLECTION}); a procedure never
 * refuses for a document it did not announce in one of the two.
 */
public record ProcedureDescriptor(String id, String title, String version, String paramsSchema,
        List<DocumentKind> documents, Map<String, List<DocumentKind>> documentsByCase, List<String> steps) {
    public ProcedureDescriptor {
        documents = List.copyOf(documents);
        Map<String, List<DocumentKind>> cases = new LinkedHashMap<>();
        if (documentsByCase != null) {
            documentsByCase.forEach((name, kinds) -> cases.put(name, List.copyOf(kinds)));
        }
        documentsByCase = java.util.Collections.unmodifiableMap(cases);
        steps = List.copyOf(steps);
    }

    /** A descriptor whose documents are the same in every case. */
    public ProcedureDescriptor(String id, String title, String version, String paramsSchema,
            List<DocumentKind> documents, List<String> steps) {
        this(id, title, version, paramsSchema, documents, Map.of(), steps);
    }
}
