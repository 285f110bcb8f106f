package org.bizhall.api.procedure;

import java.util.ArrayList;
import java.util.List;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.PartyRole;

/**
 * The rulebook's documents rule, the same for every procedure but queries: a person shows the holder's ID; a
 * company comes through a proxy with its business licence and unit certificate; a proxy shows an ID of their own.
 * Procedures add what is theirs (bank passbook, seal card, ...). Missing documents are listed together, so the customer
 * learns in one go everything to bring.
 *
 * @deprecated a procedure now announces its documents in its descriptor and the engine checks them before the quote
 *             (see {@link org.bizhall.api.procedure.kit.AnnouncedDocuments}); a procedure checks only cases of its own
 *             with {@link org.bizhall.api.procedure.kit.KitProcedure#requireCase} and a corporate holder's proxy with
 *             {@link org.bizhall.api.procedure.kit.KitProcedure#requireProxyForCompany}. Kept for bundles built against
 *             it; no bundle of the platform calls it.
 */
@Deprecated
public final class HolderDocuments {
    private HolderDocuments() {
    }

    /** 422 {@code PROXY_REQUIRED} when a corporate holder came without a {@code PROXY} party. */
    public static void requireProxyForCompany(OrderContext order, CustomerType holder) {
        if (holder == CustomerType.CORPORATE && order.party(PartyRole.PROXY).isEmpty()) {
            throw ProblemException.rule("PROXY_REQUIRED",
                    "a corporate holder comes through a proxy (代办人) who shows an ID", "parties");
        }
    }

    /**
     * The holder's documents by {@code holder} type, the proxy's ID when a proxy came, and {@code extra}; 422
     * {@code DOCUMENT_MISSING} (field {@code documents}) naming every one the order lacks.
     */
    public static void require(OrderContext order, CustomerType holder, DocumentKind... extra) {
        List<DocumentKind> required = new ArrayList<>();
        if (holder == CustomerType.CORPORATE) {
            required.add(DocumentKind.BUSINESS_LICENCE);
            required.add(DocumentKind.UNIT_CERTIFICATE);
        } else {
            required.add(DocumentKind.HOLDER_ID);
        }
        if (order.party(PartyRole.PROXY).isPresent()) {
            required.add(DocumentKind.PROXY_ID);
        }
        required.addAll(List.of(extra));
        List<DocumentKind> missing = required.stream().filter(kind -> !order.hasDocument(kind)).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.rule("DOCUMENT_MISSING",
                    order.procedureId() + " needs these documents too: " + missing, "documents");
        }
    }
}
