package org.bizhall.api.procedure.kit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.ProcedureDescriptor;

/**
 * The documents a procedure announces, read the way the contract reads them ("Documents a procedure lists"): the
 * descriptor's {@code documents} are a personal holder's who comes in person; a corporate holder shows {@code
 * BUSINESS_LICENCE} and {@code UNIT_CERTIFICATE} in place of {@code HOLDER_ID}; a {@code PROXY} party adds {@code
 * PROXY_ID} (unless the procedure lists no documents at all); the cases {@code PERSONAL}, {@code CORPORATE} and {@code PROXY} of {@code documentsByCase} add theirs.
 * The engine checks these before the quote; a procedure checks only cases of its own ({@link
 * KitProcedure#requireCase}), so it never refuses for a document it did not announce.
 */
public final class AnnouncedDocuments {
    /** The case of a personal holder. */
    public static final String PERSONAL = "PERSONAL";
    /** The case of a corporate holder. */
    public static final String CORPORATE = "CORPORATE";
    /** The case of a holder represented by a {@code PROXY} party. */
    public static final String PROXY = "PROXY";
    /** The cases the engine checks; every other case of {@code documentsByCase} is the procedure's own. */
    public static final Set<String> ENGINE_CASES = Set.of(PERSONAL, CORPORATE, PROXY);

    private AnnouncedDocuments() {
    }

    /** What a holder of {@code holder} type (null: personal) needs, in person or by proxy, before any own case. */
    public static Set<DocumentKind> forHolder(ProcedureDescriptor descriptor, CustomerType holder, boolean byProxy) {
        boolean corporate = holder == CustomerType.CORPORATE;
        Set<DocumentKind> required = new LinkedHashSet<>();
        for (DocumentKind kind : descriptor.documents()) {
            if (kind == DocumentKind.HOLDER_ID && corporate) {
                required.add(DocumentKind.BUSINESS_LICENCE);
                required.add(DocumentKind.UNIT_CERTIFICATE);
            } else {
                required.add(kind);
            }
        }
        required.addAll(descriptor.documentsByCase().getOrDefault(corporate ? CORPORATE : PERSONAL, List.of()));
        if (byProxy) {
            // a procedure that lists no documents (a payment, a change the service password authorises) asks none
            // of a proxy either
            if (!descriptor.documents().isEmpty()) {
                required.add(DocumentKind.PROXY_ID);
            }
            required.addAll(descriptor.documentsByCase().getOrDefault(PROXY, List.of()));
        }
        return required;
    }

    /** {@link #forHolder} plus the procedure's own {@code cases} (e.g. {@code BANK_COLLECTION}). */
    public static Set<DocumentKind> required(ProcedureDescriptor descriptor, CustomerType holder, boolean byProxy,
            String... cases) {
        Set<DocumentKind> required = forHolder(descriptor, holder, byProxy);
        for (String name : cases) {
            required.addAll(descriptor.documentsByCase().getOrDefault(name, List.of()));
        }
        return required;
    }

    /** The engine's check: 422 {@code DOCUMENT_MISSING} (field {@code documents}) naming every one the order lacks. */
    public static void require(OrderContext order, ProcedureDescriptor descriptor) {
        CustomerType holder = order.customer() == null ? CustomerType.PERSONAL : order.customer().type();
        requirePresent(order, forHolder(descriptor, holder, order.party(PartyRole.PROXY).isPresent()));
    }

    /** 422 {@code DOCUMENT_MISSING} (field {@code documents}) naming every one of {@code required} the order lacks. */
    public static void requirePresent(OrderContext order, Collection<DocumentKind> required) {
        requirePresent(order.procedureId(), required, order::hasDocument);
    }

    /**
     * 422 {@code DOCUMENT_MISSING} (field {@code documents}) naming, all at once, every one of {@code required} that
     * {@code shown} does not hold; for a check made before there is an order to ask (the engine's, on the envelope).
     */
    public static void requirePresent(String procedureId, Collection<DocumentKind> required,
            Predicate<DocumentKind> shown) {
        List<DocumentKind> missing = required.stream().filter(shown.negate()).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.rule("DOCUMENT_MISSING",
                    procedureId + " needs these documents too: " + missing, "documents");
        }
    }
}
