package org.bizhall.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.service.ServicePasswords;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;

/**
 * The service password in place of the holder's ID (seed 003; rulebook §9: simple services), once for every procedure
 * whose descriptor allows {@code passwordInsteadOfId}. An envelope offers it with {@code params.servicePassword} and
 * no {@code HOLDER_ID}: the documents check then asks no {@code HOLDER_ID}, and the password is checked with
 * {@link ServicePasswords} after every other check of the envelope passed, before anything is stored, so only a real
 * attempt is counted. A wrong one answers 422 {@code PASSWORD_WRONG}, a locked one 423 {@code PASSWORD_LOCKED}, both
 * on the field {@code params.servicePassword}.
 */
final class ServicePasswordInsteadOfId {
    static final String FIELD = "params." + ProcedureDescriptor.SERVICE_PASSWORD;

    private final Supplier<ServicePasswords> passwords;
    private final Supplier<SubscriberService> subscribers;

    ServicePasswordInsteadOfId(Supplier<ServicePasswords> passwords, Supplier<SubscriberService> subscribers) {
        this.passwords = passwords;
        this.subscribers = subscribers;
    }

    /** The descriptor allows it, the password is given as text, and no {@code HOLDER_ID} is shown instead. */
    static boolean offered(ProcedureDescriptor descriptor, Map<String, Object> params, List<Document> documents) {
        return descriptor.passwordInsteadOfId() && params != null
                && params.get(ProcedureDescriptor.SERVICE_PASSWORD) instanceof String
                && documents.stream().noneMatch(d -> d.kind() == DocumentKind.HOLDER_ID);
    }

    /** The descriptor as the documents check sees it when the password stands in: no {@code HOLDER_ID} asked. */
    static ProcedureDescriptor withoutHolderId(ProcedureDescriptor d) {
        return new ProcedureDescriptor(d.id(), d.title(), d.version(), d.paramsSchema(),
                d.documents().stream().filter(kind -> kind != DocumentKind.HOLDER_ID).toList(), d.documentsByCase(),
                d.steps(), d.passwordInsteadOfId());
    }

    /**
     * Checks the password of the envelope's number, which must be a subscriber of the caller's province (400
     * {@code MSISDN_MISSING}, 404 {@code SUBSCRIBER_NOT_FOUND}, 403 {@code OTHER_PROVINCE}: another province's
     * password is never tried). The wrong-attempt count survives the refusal (see {@link ServicePasswords#verify}).
     */
    void verify(Caller caller, Msisdn msisdn, Map<String, Object> params) {
        if (msisdn == null) {
            throw ProblemException.badRequest("MSISDN_MISSING",
                    "the service password stands in for the ID of a number: msisdn is required", "msisdn");
        }
        Subscriber subscriber = subscribers.get().find(msisdn)
                .orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number"));
        if (!subscriber.province().equals(caller.province())) {
            throw ProblemException.forbidden("OTHER_PROVINCE", "this number belongs to another province");
        }
        try {
            passwords.get().verify(msisdn, (String) params.get(ProcedureDescriptor.SERVICE_PASSWORD), caller.user(),
                    null);
        } catch (ProblemException refused) {
            throw new ProblemException(refused.status(), refused.code(), refused.detail(),
                    ServicePasswords.WRONG.equals(refused.code()) || ServicePasswords.LOCKED.equals(refused.code())
                            ? FIELD : refused.field());
        }
    }
}
