package org.bizhall.api.procedure;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.Quote;
import org.bizhall.api.service.ProvinceParams;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One order as a procedure step sees it: the validated envelope, where and by whom it is done, the province's
 * parameters, the business time, and {@link #result()}, a map the procedure fills and the engine stores with the order.
 */
@ProviderType
public interface OrderContext {
    String orderId();

    String procedureId();

    Caller caller();

    Hall hall();

    default String province() {
        return hall().province();
    }

    /** The envelope's number, validated; empty when the envelope has none. */
    Optional<Msisdn> msisdn();

    /** The validated customer; null when the envelope has none. */
    Customer customer();

    List<Party> parties();

    List<Document> documents();

    Params params();

    ProvinceParams provinceParams();

    /** Business time of this step. */
    OffsetDateTime now();

    /** The quote, once the QUOTE step produced one. */
    Optional<Quote> quote();

    /**
     * The payment, in the step that follows it. Its receipt is numbered after that step (the hall's numbering is held
     * only for the end of the payment's transaction), so {@code receipt()} is null while the step runs; the order's
     * payment names the receipt once it is done.
     */
    Optional<Payment> payment();

    /** Values the procedure keeps with the order (shown as {@code result}); survives between steps. */
    Map<String, Object> result();

    default Optional<Party> party(PartyRole role) {
        return parties().stream().filter(p -> p.role() == role).findFirst();
    }

    default boolean hasDocument(DocumentKind kind) {
        return documents().stream().anyMatch(d -> d.kind() == kind);
    }

    default Set<HallKind> hallKinds() {
        return hall().kinds();
    }
}
