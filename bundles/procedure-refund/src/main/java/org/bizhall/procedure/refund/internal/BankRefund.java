package org.bizhall.procedure.refund.internal;

import java.util.List;
import java.util.Map;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.procedure.kit.Quotes;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The national refund of over-deducted bank debits (BOSS 退费, rulebook §5, seed 000 §6.6). Only a personal holder's
 * bank-collection account: the counter takes the refund form, the holder's ID, the bank-account holder's ID and the
 * passbook (the documents the engine checks), quotes the claimed amount as money paid out and hands the order to the
 * accounting office, which checks the debit. The office's confirmation decides the amount: the cash refund is the
 * claim or the confirmed amount, whichever is lower (never more than confirmed); the engine pays it out. A decline
 * ends the order {@code REJECTED} with nothing paid.
 */
@ProcedureProvider(procedure = BankRefund.ID)
@Component(service = Procedure.class)
public class BankRefund extends KitProcedure {
    static final String ID = "bank-refund";
    /** The quote's item: the claim, paid out (negative). */
    static final String BANK_REFUND = "BANK_REFUND";
    /** The office that confirms an over-deduction (API.md "Office steps"). */
    static final String ACCOUNTING_OFFICE = "ACCOUNTING_OFFICE";
    static final String CLAIMED_FEN = "claimedFen";
    static final List<String> PARAMS = List.of(CLAIMED_FEN);

    static final String RESULT_ACCOUNT_ID = "accountId";
    static final String RESULT_CLAIMED_FEN = "claimedFen";
    static final String RESULT_CONFIRMED_FEN = "confirmedFen";
    static final String RESULT_REFUND_FEN = "refundFen";
    static final String RESULT_EXPLANATION = "explanation";
    /** Seed 000 §6.6.5: the counter explains the refund to the customer. */
    static final String EXPLANATION = "向客户解释：退费金额以帐务室核实的多扣金额为准。"
            + " The refund is the over-deduction the accounting office confirmed, never more.";

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final AuditLog audit;

    @Activate
    public BankRefund(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        if (subscriber.status() == SubscriberStatus.CANCELLED) {
            throw ProblemException.rule("SUBSCRIBER_CANCELLED", "the number is cancelled", "msisdn");
        }
        Account account = refundable(subscriber);
        long claimed = order.params().fen(CLAIMED_FEN).orElseThrow(); // required and positive: the engine checked
        if (claimed > account.balanceFen()) {
            throw ProblemException.rule("REFUND_ABOVE_BALANCE", "the claim is more than the account holds ("
                    + Money.yuan(account.balanceFen()) + " yuan): the counter refunds only from the account",
                    "params." + CLAIMED_FEN);
        }
        Map<String, Object> result = order.result();
        result.put(RESULT_ACCOUNT_ID, account.id());
        result.put(RESULT_CLAIMED_FEN, claimed);
        return Quote.of(List.of(Quotes.item(BANK_REFUND, "银行托收多扣话费退费 bank-collection over-deduction refund",
                -claimed)));
    }

    /** Seed 000 §6.6.1: the accounting office checks the debit before anything is paid. */
    @Override
    public StepOutcome execute(OrderContext order) {
        return StepOutcome.awaitingConfirmation(Awaiting.BACK_OFFICE,
                "帐务室核查多扣金额 to the accounting office to confirm the over-deducted amount");
    }

    @Override
    public StepOutcome confirm(OrderContext order, Confirmation confirmation) {
        if (!ACCOUNTING_OFFICE.equals(confirmation.step())) {
            throw ProblemException.rule("CONFIRMATION_STEP_INVALID",
                    "a bank refund waits for the ACCOUNTING_OFFICE step", "step");
        }
        if (!Boolean.TRUE.equals(confirmation.approved())) {
            return StepOutcome.rejected("帐务室未确认多扣 the accounting office confirmed no over-deduction");
        }
        Long confirmed = confirmation.confirmedFen();
        if (confirmed == null) {
            throw ProblemException.badRequest("CONFIRMED_AMOUNT_MISSING",
                    "an approval names the over-deducted amount the office confirms in confirmedFen", "confirmedFen");
        }
        if (confirmed <= 0) {
            throw ProblemException.badRequest("CONFIRMED_AMOUNT_INVALID", "confirmedFen is at least 1 fen; an office"
                    + " that finds nothing over-deducted declines (approved:false)", "confirmedFen");
        }
        long claimed = -Quotes.quoted(order, BANK_REFUND);
        long refund = Math.min(claimed, confirmed);
        Map<String, Object> result = order.result();
        result.put(RESULT_CONFIRMED_FEN, confirmed);
        result.put(RESULT_REFUND_FEN, refund);
        result.put(RESULT_EXPLANATION, EXPLANATION);
        audit.record(order.caller().user(), "BANK_REFUND_CONFIRMED", order.orderId(),
                order.msisdn().map(m -> m.value()).orElse(null), refund,
                "claimed " + claimed + ", confirmed " + confirmed + ", refund " + refund);
        return StepOutcome.completedPayingOut(refund, "退费 " + Money.yuan(refund) + " 元 (claimed "
                + Money.yuan(claimed) + ", confirmed " + Money.yuan(confirmed) + ")");
    }

    /** Rulebook §5: only a personal holder's bank-collection account is refunded at the counter. */
    private Account refundable(Subscriber subscriber) {
        if (subscriber.holder() != null && subscriber.holder().type() == CustomerType.CORPORATE) {
            throw ProblemException.rule("REFUND_NOT_PERSONAL",
                    "the counter refunds over-deducted bank debits of personal holders only", "customer");
        }
        Account account = accounts.find(subscriber.accountId()).orElse(null);
        if (account == null || account.type() != AccountType.BANK_COLLECTION) {
            throw ProblemException.rule("REFUND_NOT_BANK_COLLECTION",
                    "the number is not paid by personal bank collection (银行托收); there is no bank debit to refund",
                    "msisdn");
        }
        return account;
    }
}
