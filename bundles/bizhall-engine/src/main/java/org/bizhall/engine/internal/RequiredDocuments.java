package org.bizhall.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.procedure.ProcedureDescriptor;

/**
 * The documents an order must carry, as the contract's "Documents a procedure lists" says: the descriptor's
 * {@code documents} are those of a personal holder who comes in person; a corporate holder shows
 * {@code BUSINESS_LICENCE} and {@code UNIT_CERTIFICATE} in place of {@code HOLDER_ID}; a {@code PROXY} party adds
 * {@code PROXY_ID} (unless the procedure lists no documents at all); and the descriptor's {@code documentsByCase} entries {@value #CORPORATE}, {@value #PERSONAL} and
 * {@value #PROXY} add theirs in those cases. Other cases ({@code BANK_COLLECTION}, ...) depend on params only the
 * procedure understands, so the procedure checks those itself.
 */
final class RequiredDocuments {
    static final String CORPORATE = "CORPORATE";
    static final String PERSONAL = "PERSONAL";
    static final String PROXY = "PROXY";

    private RequiredDocuments() {
    }

    /** What the order needs, in the order a customer would be told: the descriptor's first, then the cases'. */
    static List<DocumentKind> of(ProcedureDescriptor descriptor, Customer holder, List<Party> parties) {
        boolean corporate = holder != null && holder.type() == CustomerType.CORPORATE;
        boolean byProxy = parties.stream().anyMatch(p -> p.role() == PartyRole.PROXY);
        Set<DocumentKind> required = new LinkedHashSet<>();
        for (DocumentKind kind : descriptor.documents()) {
            if (corporate && kind == DocumentKind.HOLDER_ID) {
                required.add(DocumentKind.BUSINESS_LICENCE);
                required.add(DocumentKind.UNIT_CERTIFICATE);
            } else {
                required.add(kind);
            }
        }
        // a procedure that lists no documents (a query, a change the service password authorises) asks none of a proxy
        if (byProxy && !descriptor.documents().isEmpty()) {
            required.add(DocumentKind.PROXY_ID);
        }
        required.addAll(descriptor.documentsByCase().getOrDefault(corporate ? CORPORATE : PERSONAL, List.of()));
        if (byProxy) {
            required.addAll(descriptor.documentsByCase().getOrDefault(PROXY, List.of()));
        }
        return List.copyOf(required);
    }

    /** 422 {@code DOCUMENT_MISSING} (field {@code documents}) naming every required document the order lacks. */
    static void check(String procedureId, ProcedureDescriptor descriptor, Customer holder, List<Party> parties,
            List<Document> documents) {
        List<DocumentKind> missing = new ArrayList<>();
        for (DocumentKind kind : of(descriptor, holder, parties)) {
            if (documents.stream().noneMatch(d -> d.kind() == kind)) {
                missing.add(kind);
            }
        }
        if (missing.size() == 1) {
            throw ProblemException.rule("DOCUMENT_MISSING", "the document " + missing.get(0) + " is required for "
                    + procedureId, "documents");
        }
        if (!missing.isEmpty()) {
            throw ProblemException.rule("DOCUMENT_MISSING", "the documents " + String.join(", ",
                    missing.stream().map(Enum::name).toList()) + " are required for " + procedureId, "documents");
        }
    }
}
