package org.bizhall.procedure.payment.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.ArrearsService;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
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
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The national bill payment (话费收取, rulebook §2; seeds 000 §6.2, 002, 003 part 1). Quote tells the arrears of
 * previous months, the current month and the total, and prices the payment: all arrears, only the previous months',
 * or an explicit amount. Execute, after the engine took the payment (cash with tendered and change, bank card, or the
 * kiosk's notes), credits the account with a {@code PAYMENT} ledger entry of the quoted amount (what a kiosk took
 * beyond it the engine credits as {@code KIOSK_SURPLUS}); a payment that leaves nothing owed restores a number
 * suspended for arrears at once (复机).
 */
@ProcedureProvider(procedure = BillPayment.ID)
@Component(service = Procedure.class)
public class BillPayment extends KitProcedure {
    static final String ID = "bill-payment";
    static final String PAYMENT = "PAYMENT";
    static final String SCOPE = "scope";
    static final String AMOUNT_FEN = "amountFen";
    static final List<String> PARAMS = List.of(SCOPE, AMOUNT_FEN);
    static final String SETTLE_ALL_ADVICE = "建议一并缴清本月费用，以免欠费停机。 Advise settling the current month too, to avoid suspension.";

    /** What a payment covers. */
    enum Scope {
        ALL, PREVIOUS_MONTHS
    }

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final ArrearsService arrears;
    private final AuditLog audit;

    @Activate
    public BillPayment(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference ArrearsService arrears, @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.arrears = arrears;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Optional<Scope> scope = order.params().choice(SCOPE, Scope.class);
        Optional<Long> amount = order.params().fen(AMOUNT_FEN);
        if (scope.isPresent() && amount.isPresent()) {
            throw ProblemException.badRequest("PARAMS_CONFLICT", "give either params.scope or params.amountFen",
                    "params." + AMOUNT_FEN);
        }
        Subscriber subscriber = payable(order);
        Msisdn msisdn = new Msisdn(subscriber.msisdn());
        Arrears owed = arrears.of(order.caller(), msisdn);
        long due;
        String description;
        if (amount.isPresent()) {
            due = amount.get();
            if (due <= 0) {
                throw ProblemException.rule("PAYMENT_AMOUNT_NOT_POSITIVE", "a payment is more than 0 fen",
                        "params." + AMOUNT_FEN);
            }
            description = "话费缴费 payment";
        } else {
            Scope chosen = scope.orElse(Scope.ALL);
            due = chosen == Scope.ALL ? owed.totalFen() : owed.previousMonthsFen();
            if (due <= 0) {
                throw ProblemException.rule("NO_ARREARS", chosen == Scope.ALL ? "the number owes nothing"
                        : "the number owes nothing for previous months", "params." + SCOPE);
            }
            description = chosen == Scope.ALL ? "缴清欠费 all arrears" : "缴往月欠费 previous months' arrears";
            if (chosen == Scope.PREVIOUS_MONTHS && owed.currentMonthFen() > 0) {
                order.result().put("advice", SETTLE_ALL_ADVICE);
            }
        }
        Map<String, Object> result = order.result();
        result.put("msisdn", msisdn.value());
        result.put("accountId", subscriber.accountId());
        result.put("arrears", Map.of("months", owed.months().stream()
                .map(m -> Map.of("month", m.month(), "amountFen", m.amountFen())).toList(),
                "currentMonthFen", owed.currentMonthFen(), "totalFen", owed.totalFen()));
        return Quote.of(List.of(Quotes.item(PAYMENT, description, due)));
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Payment payment = order.payment().orElse(null);
        if (payment != null && payment.method() == PaymentMethod.DEPOSIT) {
            throw ProblemException.rule("PAYMENT_METHOD_NOT_ACCEPTED",
                    "a bill is paid in cash, by bank card or at the kiosk, not from the deposit it pays into", "method");
        }
        Subscriber subscriber = payable(order);
        Msisdn msisdn = new Msisdn(subscriber.msisdn());
        long paid = Quotes.quoted(order, PAYMENT);
        if (paid > 0) {
            accounts.post(subscriber.accountId(), PAYMENT, paid, order.orderId(), "话费缴费");
        }
        Arrears after = arrears.of(order.caller(), msisdn);
        // what a kiosk took beyond the amount the engine credits right after this step, in the same transaction:
        // it pays arrears too, so a number it clears is restored now
        long surplus = payment == null ? 0 : payment.surplusFen();
        long owedAfter = Math.max(0, after.totalFen() - surplus);
        boolean restored = false;
        if (subscriber.status() == SubscriberStatus.SUSPENDED_ARREARS && owedAfter == 0) {
            subscribers.changeStatus(msisdn, Set.of(SubscriberStatus.SUSPENDED_ARREARS), SubscriberStatus.ACTIVE,
                    order.orderId());
            restored = true;
            audit.record(order.caller().user(), "SERVICE_RESTORED", order.orderId(), msisdn.value(), paid,
                    "arrears cleared");
        }
        long balance = accounts.find(subscriber.accountId()).map(Account::balanceFen).orElse(0L);
        Map<String, Object> result = order.result();
        result.put("creditedFen", paid);
        result.put("balanceFen", balance);
        result.put("arrearsAfterFen", owedAfter);
        result.put("serviceRestored", restored);
        audit.record(order.caller().user(), "BILL_PAID", order.orderId(), msisdn.value(), paid,
                "balance after " + balance);
        return StepOutcome.completed();
    }

    /** The subscriber, if this hall may take its payment: known, of the hall's province, not cancelled. */
    private Subscriber payable(OrderContext order) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        if (subscriber.status() == SubscriberStatus.CANCELLED) {
            throw ProblemException.rule("SUBSCRIBER_CANCELLED", "the number is cancelled and takes no payment", "msisdn");
        }
        return subscriber;
    }
}
