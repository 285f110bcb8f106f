package org.bizhall.procedure.cancellation.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.procedure.kit.Quotes;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 正式销号, formal cancellation (rulebook §3, seed 000 §6.4), at any hall with the holder's ID. A pre-cancelled number
 * is settled once its {@code cancellableFrom} has come: what is left of the deposit is paid out in cash (a negative
 * quote; the engine records the payment, receipt and {@code PAYOUT} ledger entry), or arrears the deposit does not
 * cover are topped up first, after which the deposit clears the bill; then the number is {@code CANCELLED} and rests
 * in quarantine. On a number already cancelled only the outstanding fees are recovered (销号费用回收). The customer
 * may instead have the original number back ({@code restore}): it returns to {@code ACTIVE}.
 */
@ProcedureProvider(procedure = FormalCancellation.ID)
@Component(service = Procedure.class)
public class FormalCancellation extends KitProcedure {
    static final String ID = "formal-cancellation";
    static final String RESTORE = "restore";
    static final List<String> PARAMS = List.of(RESTORE);
    /** Quote item: the deposit left, paid out (negative). */
    static final String DEPOSIT_REFUND = "DEPOSIT_REFUND";
    /** Quote item: the arrears beyond the deposit, topped up before the deposit clears the bill. */
    static final String ARREARS_TOP_UP = "ARREARS_TOP_UP";
    /** Quote item: fees a cancelled number still owes (销号费用回收). */
    static final String FEE_RECOVERY = "FEE_RECOVERY";
    /** Ledger kind of what is collected, as bill-payment credits it. */
    static final String PAYMENT = "PAYMENT";

    /** How the account was settled, as the order's result names it. */
    enum Settlement {
        REFUND, TOP_UP, NONE, FEE_RECOVERY
    }

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final NumberPool numbers;
    private final AuditLog audit;

    @Activate
    public FormalCancellation(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference NumberPool numbers, @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.numbers = numbers;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = admitted(order);
        Map<String, Object> result = order.result();
        result.put(ResultKeys.MSISDN, subscriber.msisdn());
        result.put(ResultKeys.STATUS_BEFORE, subscriber.status().name());
        if (order.params().flag(RESTORE)) {
            result.put(ResultKeys.RESTORED, true);
            return Quote.free();
        }
        long balance = balance(subscriber);
        result.put(ResultKeys.BALANCE_BEFORE_FEN, balance);
        if (subscriber.status() == SubscriberStatus.CANCELLED) {
            result.put(ResultKeys.SETTLEMENT, Settlement.FEE_RECOVERY.name());
            return Quote.of(List.of(Quotes.item(FEE_RECOVERY, "销号费用回收 fees owed by the cancelled number", -balance)));
        }
        if (balance > 0) {
            result.put(ResultKeys.SETTLEMENT, Settlement.REFUND.name());
            return Quote.of(List.of(Quotes.item(DEPOSIT_REFUND, "预存款退还 deposit refunded", -balance)));
        }
        if (balance < 0) {
            result.put(ResultKeys.SETTLEMENT, Settlement.TOP_UP.name());
            return Quote.of(List.of(Quotes.item(ARREARS_TOP_UP, "补足欠费 arrears beyond the deposit", -balance)));
        }
        result.put(ResultKeys.SETTLEMENT, Settlement.NONE.name());
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Payment payment = order.payment().orElse(null);
        if (payment != null && payment.method() == PaymentMethod.DEPOSIT) {
            throw ProblemException.rule("PAYMENT_METHOD_NOT_ACCEPTED",
                    "arrears are topped up in cash, by bank card or at the kiosk, not from the deposit they exceed",
                    "method");
        }
        Subscriber subscriber = admitted(order);
        Msisdn msisdn = new Msisdn(subscriber.msisdn());
        Map<String, Object> result = order.result();
        if (order.params().flag(RESTORE)) {
            Subscriber restored = subscribers.changeStatus(msisdn, Set.of(SubscriberStatus.PENDING_CANCELLATION),
                    SubscriberStatus.ACTIVE, null, order.orderId());
            result.put(ResultKeys.STATUS, restored.status().name());
            audit.record(order.caller().user(), "CANCELLATION_WITHDRAWN", order.orderId(), msisdn.value(), null,
                    "the original number back in service");
            return StepOutcome.completed();
        }
        long collected = Quotes.quoted(order, ARREARS_TOP_UP) + Quotes.quoted(order, FEE_RECOVERY);
        if (collected > 0) {
            accounts.post(subscriber.accountId(), PAYMENT, collected, order.orderId(),
                    subscriber.status() == SubscriberStatus.CANCELLED ? "销号费用回收" : "正式销号 补足欠费");
        }
        long refunded = -Quotes.quoted(order, DEPOSIT_REFUND);
        result.put(ResultKeys.COLLECTED_FEN, collected);
        result.put(ResultKeys.REFUNDED_FEN, refunded);
        if (subscriber.status() == SubscriberStatus.CANCELLED) {
            result.put(ResultKeys.STATUS, SubscriberStatus.CANCELLED.name());
            audit.record(order.caller().user(), "CANCELLATION_FEES_RECOVERED", order.orderId(), msisdn.value(),
                    collected, "fees of a cancelled number");
            return StepOutcome.completed();
        }
        // the deposit left is paid out by the engine once this step completes, in this step's transaction
        OffsetDateTime quarantinedUntil = CancellationRules.cancel(order, subscriber,
                SubscriberStatus.PENDING_CANCELLATION, subscribers, numbers);
        result.put(ResultKeys.STATUS, SubscriberStatus.CANCELLED.name());
        result.put(ResultKeys.QUARANTINED_UNTIL, quarantinedUntil.toString());
        audit.record(order.caller().user(), "CANCELLED", order.orderId(), msisdn.value(), collected - refunded,
                "formal cancellation; number quarantined until " + quarantinedUntil);
        return StepOutcome.completed();
    }

    /** A pre-cancelled number that is due (or restored), or a cancelled one that owes fees. */
    private Subscriber admitted(OrderContext order) {
        Subscriber subscriber = CancellationRules.admit(order, subscribers);
        boolean restore = order.params().flag(RESTORE);
        switch (subscriber.status()) {
            case PENDING_CANCELLATION -> {
                LocalDate due = subscriber.cancellableFrom();
                LocalDate today = CancellationRules.businessDate(order);
                if (!restore && due != null && today.isBefore(due)) {
                    throw ProblemException.rule("CANCELLATION_NOT_DUE",
                            "the number may be formally cancelled from " + due + " on", "msisdn");
                }
            }
            case CANCELLED -> {
                if (restore) {
                    throw ProblemException.rule("RESTORE_NOT_POSSIBLE",
                            "the number is cancelled already; only a pre-cancelled number is restored", "params." + RESTORE);
                }
                if (balance(subscriber) >= 0) {
                    throw ProblemException.rule("NOTHING_TO_RECOVER",
                            "the number is cancelled and owes nothing", "msisdn");
                }
            }
            default -> throw ProblemException.rule("PRE_CANCELLATION_REQUIRED",
                    "the number is " + subscriber.status() + ": a formal cancellation follows a pre-cancellation",
                    "msisdn");
        }
        return subscriber;
    }

    private long balance(Subscriber subscriber) {
        return accounts.find(subscriber.accountId()).map(Account::balanceFen).orElse(0L);
    }
}
