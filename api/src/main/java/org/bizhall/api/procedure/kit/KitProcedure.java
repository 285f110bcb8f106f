package org.bizhall.api.procedure.kit;

import java.util.List;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureDescriptor;

/**
 * The base of a procedure: the common work done once, the rules left to the subclass ({@link #quote}, {@link
 * #execute}, and what else it overrides).
 * <p>
 * The subclass carries {@link ProcedureProvider}, which DS turns into the service properties the registry resolves
 * by; this class reads the same annotation, so the id is written once. The descriptor comes from the bundle's
 * resources {@code procedure/<id>.properties} and {@code procedure/<id>.schema.json}, is read when the component is
 * created and kept (a resource that is missing or wrong fails the activation), and its version defaults to the
 * bundle's.
 * <pre>
 * # procedure/account-opening.properties
 * title=新开户 Account opening
 * documents=HOLDER_ID
 * documents.BANK_COLLECTION=BANK_PASSBOOK, BANK_HOLDER_ID
 * steps=quote, payment, execute
 * </pre>
 * The engine validates {@code params} against the schema and checks the documents every holder shows ({@link
 * AnnouncedDocuments}) before {@link #quote}; it takes the payment, gives change and credits a kiosk's surplus to
 * the subscriber's account after {@link #execute}. A procedure only applies its rules, and its own documents cases
 * through {@link #requireCase}.
 */
public abstract class KitProcedure implements Procedure {
    private final ProcedureProvider provider;
    private final ProcedureDescriptor descriptor;

    /** Reads {@link ProcedureProvider} from the concrete class and loads its descriptor from the bundle. */
    protected KitProcedure() {
        provider = getClass().getAnnotation(ProcedureProvider.class);
        if (provider == null) {
            throw new IllegalStateException(getClass().getName() + " is not annotated @ProcedureProvider");
        }
        descriptor = DescriptorResources.load(getClass(), provider.procedure());
    }

    @Override
    public final ProcedureDescriptor descriptor() {
        return descriptor;
    }

    /** The procedure id, as registered. */
    protected final String procedureId() {
        return provider.procedure();
    }

    /** The province this provider is for, or {@code *}. */
    protected final String providerProvince() {
        return provider.province();
    }

    /**
     * A case of the procedure's own (a {@code documentsByCase} key other than the engine's {@code PERSONAL}, {@code
     * CORPORATE}, {@code PROXY}) applies to this order: 422 {@code DOCUMENT_MISSING} (field {@code documents}) naming
     * every document of that case the order lacks. The documents come from the descriptor, so what {@code GET
     * /procedures} announces and what the rule asks cannot differ.
     *
     * @throws IllegalStateException when the descriptor announces no such case: the rule would ask for unannounced
     *         documents
     */
    protected final void requireCase(OrderContext order, String caseName) {
        List<DocumentKind> documents = descriptor.documentsByCase().get(caseName);
        if (documents == null) {
            throw new IllegalStateException(procedureId() + " announces no documents case " + caseName);
        }
        AnnouncedDocuments.requirePresent(order, documents);
    }

    /**
     * The rulebook's "corporate via proxy" (seed 000 §6.3.3, "Documents"): 422 {@code PROXY_REQUIRED} (field {@code
     * parties}) when a corporate holder came without a {@code PROXY} party.
     */
    public static void requireProxyForCompany(OrderContext order, CustomerType holder) {
        if (holder == CustomerType.CORPORATE && order.party(PartyRole.PROXY).isEmpty()) {
            throw ProblemException.rule("PROXY_REQUIRED",
                    "a corporate holder comes through a proxy (代办人) who shows an ID", "parties");
        }
    }
}
