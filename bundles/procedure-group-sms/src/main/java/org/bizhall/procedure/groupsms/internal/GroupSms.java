package org.bizhall.procedure.groupsms.internal;

import java.util.List;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.osgi.service.component.annotations.Component;

/**
 * 集团短信 pre-acceptance (rulebook §7, seed 000 §6.8, seed 004): a company, at a self-owned hall, signs up for group
 * SMS. The counter checks the sealed security pledge and licence, the seal card of a non-cash payer, that the
 * enterprise signature and the assigned port are the agreement's, and records the whitelist commitment; the original
 * papers go to the big-customer office, whose approval records the activation notice it made.
 */
@ProcedureProvider(procedure = "group-sms", province = "*")
@Component(service = Procedure.class)
public class GroupSms extends KitProcedure {
    static final String OFFICE = "BIG_CUSTOMER_OFFICE";
    static final String ENTERPRISE = "ENTERPRISE";
    static final String GOVERNMENT = "GOVERNMENT";
    static final String NON_CASH = "NON_CASH";

    /** Result keys. */
    static final String ACTIVATION_NOTICE = "activationNotice";

    @Override
    public Quote quote(OrderContext order) {
        if (!order.hallKinds().contains(HallKind.SELF_OWNED)) {
            throw ProblemException.rule("HALL_KIND_NOT_ALLOWED", "group SMS is taken at self-owned halls only");
        }
        Customer customer = order.customer();
        if (customer == null) {
            throw ProblemException.badRequest("CUSTOMER_MISSING", "the company is the customer", "customer");
        }
        if (customer.type() != CustomerType.CORPORATE) {
            throw ProblemException.rule("CORPORATE_CUSTOMER_REQUIRED",
                    "group SMS is not for personal customers", "customer.type");
        }
        requireProxyForCompany(order, customer.type());
        boolean government = order.params().flag("governmentUnit");
        requireCase(order, government ? GOVERNMENT : ENTERPRISE);
        String payment = order.params().requiredText("payment");
        if (!"CASH".equals(payment)) {
            requireCase(order, NON_CASH);
        }
        requireSealed(order, DocumentKind.SECURITY_PLEDGE);
        requireSealed(order, government ? DocumentKind.UNIT_CERTIFICATE : DocumentKind.BUSINESS_LICENCE);
        String signature = order.params().requiredText("signature");
        String port = order.params().requiredText("port");
        if (!signature.equals(order.params().requiredText("agreementSignature"))) {
            throw ProblemException.rule("GROUP_SMS_AGREEMENT_MISMATCH",
                    "the enterprise signature is not the agreement's", "params.signature");
        }
        if (!port.equals(order.params().requiredText("agreementPort"))) {
            throw ProblemException.rule("GROUP_SMS_AGREEMENT_MISMATCH",
                    "the assigned port is not the agreement's", "params.port");
        }
        if (!order.params().flag("whitelistCommitment")) {
            throw ProblemException.rule("WHITELIST_COMMITMENT_REQUIRED",
                    "the customer commits to send to its whitelist only", "params.whitelistCommitment");
        }
        order.result().put("agreementNumber", order.params().requiredText("agreementNumber"));
        order.result().put("signature", signature);
        order.result().put("port", port);
        order.result().put("whitelistCommitment", true);
        order.result().put("governmentUnit", government);
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        return StepOutcome.awaitingConfirmation(Awaiting.BACK_OFFICE,
                "the original form and pledge go to the big-customer office, which makes the activation notice");
    }

    @Override
    public StepOutcome confirm(OrderContext order, Confirmation decision) {
        if (!OFFICE.equals(decision.step())) {
            throw ProblemException.conflict("CONFIRMATION_NOT_AWAITED",
                    "group SMS awaits the BIG_CUSTOMER_OFFICE only");
        }
        if (!decision.approved()) {
            return StepOutcome.rejected("the big-customer office declined"
                    + (decision.note() == null ? "" : ": " + decision.note()));
        }
        if (decision.reference() == null || decision.reference().isBlank()) {
            throw ProblemException.badRequest("ACTIVATION_NOTICE_MISSING",
                    "the office's approval names its activation notice in reference", "reference");
        }
        order.result().put(ACTIVATION_NOTICE, decision.reference().trim());
        order.result().put("activatedBy", order.caller().user());
        order.result().put("activatedAt", order.now().toString());
        return StepOutcome.completed();
    }

    /** Rulebook §7: the pledge (and the licence or unit certificate) count only with the company's seal. */
    private static void requireSealed(OrderContext order, DocumentKind kind) {
        List<Document> documents = order.documents();
        for (int i = 0; i < documents.size(); i++) {
            Document d = documents.get(i);
            if (d.kind() == kind && !d.isSealed()) {
                throw ProblemException.rule("DOCUMENT_NOT_SEALED",
                        kind + " is valid only with the company's seal (\"sealed\":true)", "documents[" + i + "].sealed");
            }
        }
    }
}
