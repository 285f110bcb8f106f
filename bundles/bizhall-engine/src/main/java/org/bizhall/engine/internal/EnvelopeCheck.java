package org.bizhall.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.IdentitySource;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.procedure.kit.AnnouncedDocuments;
import org.bizhall.params.ParamsSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything checked of a submitted envelope before any transaction: the procedure exists for the caller's province,
 * the number and identities are well formed (an identity the envelope asks to read comes from the hall's ID-card
 * reader, one card per envelope), the documents are those the case needs (the kit's {@link AnnouncedDocuments}, the
 * one reading of a descriptor's documents, which procedures and their tests share), and the params match the
 * procedure's JSON Schema ({@link ParamsSchema}, the check procedure tests run too). A refusal here stores nothing and
 * runs no procedure step.
 */
final class EnvelopeCheck {
    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeCheck.class);

    private final ProcedureResolver procedures;
    private final HallDirectory halls;
    private final HallDevices devices;
    private final ParamsSchema paramsSchema = ParamsSchemaLoader.ENGINE.schema();
    private final ServicePasswordInsteadOfId servicePassword;

    EnvelopeCheck(ProcedureResolver procedures, HallDirectory halls, HallDevices devices,
            ServicePasswordInsteadOfId servicePassword) {
        this.procedures = procedures;
        this.halls = halls;
        this.devices = devices;
        this.servicePassword = servicePassword;
    }

    /**
     * A checked envelope: what the QUOTE step starts from; {@code byServicePassword}: the service password, checked,
     * stood in for the holder's ID.
     */
    record Envelope(Caller caller, ResolvedProcedure procedure, Hall hall, Msisdn msisdn, Customer customer,
            List<Party> parties, List<Document> documents, Map<String, Object> params, boolean byServicePassword) {
    }

    Envelope check(Caller caller, OrderRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("ORDER_MISSING", "the order envelope is required", null);
        }
        String procedureId = request.procedure() == null ? "" : request.procedure().trim();
        if (procedureId.isEmpty()) {
            throw ProblemException.badRequest("PROCEDURE_MISSING", "procedure is required", "procedure");
        }
        ResolvedProcedure procedure = procedures.resolveProvider(caller.province(), procedureId)
                .orElseThrow(() -> ProblemException.notFound("PROCEDURE_UNKNOWN",
                        "no procedure " + procedureId + " is available in province " + caller.province()));
        ProcedureDescriptor descriptor = describe(procedure);
        if (!descriptor.allows(caller.role())) {
            // before any look at the envelope: a role that may not do this at all learns nothing else (403 first)
            throw ProblemException.forbidden("ROLE_NOT_ALLOWED",
                    "the role " + caller.role().wireName() + " may not do " + procedureId);
        }
        Msisdn msisdn = request.msisdn() == null || request.msisdn().isBlank() ? null
                : Msisdn.parse(request.msisdn().trim(), "msisdn");
        requireOneCardRead(request);
        Customer customer = request.customer() == null ? null
                : identified(caller, request.customer(), "customer").validated("customer");
        List<Party> parties = validParties(caller, request.parties());
        List<Document> documents = validDocuments(request.documents());
        boolean byPassword = ServicePasswordInsteadOfId.offered(descriptor, request.params(), documents);
        requireAnnouncedDocuments(procedureId, byPassword ? ServicePasswordInsteadOfId.withoutHolderId(descriptor)
                : descriptor, customer, parties, documents);
        try {
            paramsSchema.check(procedure.provider(), descriptor.paramsSchema(), request.params());
        } catch (IllegalArgumentException e) {
            throw providerFault(procedure, e);
        }
        Hall hall = halls.hall(caller.hall())
                .orElseThrow(() -> ProblemException.forbidden("NO_HALL", "the caller's hall is unknown"));
        if (byPassword) {
            servicePassword.verify(caller, msisdn, request.params());
        }
        return new Envelope(caller, procedure, hall, msisdn, customer, parties, documents, request.params(),
                byPassword);
    }

    /**
     * The documents of the holder's type, in person or by proxy, as the descriptor announces them; the procedure's own
     * cases ({@code BANK_COLLECTION}, ...) depend on params only it understands, so it checks those itself.
     */
    private static void requireAnnouncedDocuments(String procedureId, ProcedureDescriptor descriptor,
            Customer customer, List<Party> parties, List<Document> documents) {
        CustomerType holder = customer == null ? CustomerType.PERSONAL : customer.type();
        boolean byProxy = parties.stream().anyMatch(p -> p.role() == PartyRole.PROXY);
        AnnouncedDocuments.requirePresent(procedureId, AnnouncedDocuments.forHolder(descriptor, holder, byProxy),
                kind -> documents.stream().anyMatch(d -> d.kind() == kind));
    }

    private static ProcedureDescriptor describe(ResolvedProcedure procedure) {
        ProcedureDescriptor descriptor;
        try {
            descriptor = procedure.procedure().descriptor();
        } catch (RuntimeException | LinkageError e) {
            throw providerFault(procedure, e);
        }
        if (descriptor == null) {
            throw providerFault(procedure, new IllegalStateException("no descriptor"));
        }
        return descriptor;
    }

    private static ProblemException providerFault(ResolvedProcedure procedure, Throwable e) {
        LOG.error("procedure {} by {} cannot describe itself", procedure.id(), procedure.provider(),
                SafeLog.scrubbed(e));
        return StepRunner.procedureFailed(new ProcedureCrash(Step.QUOTE, procedure.id(), procedure.provider(), e),
                "nothing of the order was kept");
    }

    private List<Party> validParties(Caller caller, List<Party> parties) {
        List<Party> valid = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            Party party = parties.get(i);
            String field = "parties[" + i + "]";
            if (party == null) {
                throw ProblemException.badRequest("PARTY_MISSING", "a party is empty", field);
            }
            if (party.readFromCard()) {
                party = party.identifiedAs(devices.readIdentity(caller.hall(), field));
            }
            valid.add(party.validated(field));
        }
        return valid;
    }

    /** The identity as typed, or as the hall's ID-card reader reads it when the envelope asks for that. */
    private Customer identified(Caller caller, Customer asked, String field) {
        if (!asked.readFromCard()) {
            return asked;
        }
        Customer read = devices.readIdentity(caller.hall(), field);
        // a card carries no postal address of the customer's choosing: a typed one is kept when the card has none
        return read.address() == null && asked.address() != null
                ? new Customer(read.type(), read.name(), read.idType(), read.idNumber(), asked.address(),
                        IdentitySource.ID_CARD_READER)
                : read;
    }

    /** One card lies on the reader at a time: one envelope reads at most one identity from it. */
    private static void requireOneCardRead(OrderRequest request) {
        boolean read = request.customer() != null && request.customer().readFromCard();
        for (int i = 0; i < request.parties().size(); i++) {
            Party party = request.parties().get(i);
            if (party != null && party.readFromCard()) {
                if (read) {
                    throw ProblemException.badRequest("ID_CARD_READ_TWICE", "one identity of an order is read from"
                            + " the ID-card reader; type the others", "parties[" + i + "].source");
                }
                read = true;
            }
        }
    }

    private static List<Document> validDocuments(List<Document> documents) {
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            if (document == null || document.kind() == null) {
                throw ProblemException.badRequest("DOCUMENT_KIND_MISSING", "each document needs its kind",
                        "documents[" + i + "].kind");
            }
        }
        return documents;
    }
}
