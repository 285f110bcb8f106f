package org.bizhall.api.procedure;

import java.util.List;

import org.bizhall.api.customer.DocumentKind;

/**
 * What a procedure is: id, title, version, the JSON Schema of its {@code params}, the documents every order of it must
 * show, and its steps as the contract lists them.
 */
public record ProcedureDescriptor(String id, String title, String version, String paramsSchema,
        List<DocumentKind> documents, List<String> steps) {
    public ProcedureDescriptor {
        documents = List.copyOf(documents);
        steps = List.copyOf(steps);
    }
}
