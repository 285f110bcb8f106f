package org.bizhall.engine.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.order.ReceiptRef;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NewReceipt;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptLine;
import org.bizhall.api.service.ReceiptService;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.platform.store.OrderStore;

/**
 * Takes the money of an order, the engine's alone: the method's {@link PaymentStrategy} decides what was tendered,
 * then one receipt (the quote's items, and a kiosk surplus line) and one payment are written and audited. After the
 * order's EXECUTE step, {@link #creditSurplus} credits what a kiosk took beyond the amount due to the account of the
 * order's number, so no procedure has to remember it.
 * <p>
 * Money paid out (a deposit refunded, a bank refund): a quote whose total is negative is never paid; when the order
 * completes, {@link #payOut} gives the amount out in cash from the account of the order's number, in the transaction of
 * the step that completed it. Such a payment shows {@code dueFen} −n, {@code tenderedFen} 0 and {@code changeFen} n
 * (the cash handed over, sung out like change); its receipt's total is −n, so the day's settlement counts it negative
 * under {@code CASH}, and the account gets a {@value #PAYOUT} ledger entry of −n.
 */
final class PaymentDesk {
    /** Audit action written for every payment. */
    static final String AUDIT_PAYMENT_TAKEN = "PAYMENT_TAKEN";
    /** Receipt line and ledger kind of what a kiosk took beyond the amount due (it gives no change). */
    static final String KIOSK_SURPLUS = "KIOSK_SURPLUS";
    /** Result key: the kiosk surplus credited to the account. */
    static final String RESULT_KIOSK_SURPLUS_FEN = "kioskSurplusFen";
    /** Audit action written for money paid out. */
    static final String AUDIT_PAYMENT_PAID_OUT = "PAYMENT_PAID_OUT";
    /** Ledger kind of money paid out of an account. */
    static final String PAYOUT = "PAYOUT";
    /** Result key: the amount paid out, positive fen. */
    static final String RESULT_PAID_OUT_FEN = "paidOutFen";
    /** Receipt line of the part of a quoted payout that the completing step did not pay (a lower confirmed amount). */
    static final String PAYOUT_LOWERED = "PAYOUT_LOWERED";
    /** Result key: how much less than quoted was paid out, positive fen. */
    static final String RESULT_PAYOUT_LOWERED_FEN = "payoutLoweredFen";
    /** Error code: the order pays money out and its number has no account to take it from. */
    static final String PAYOUT_NO_ACCOUNT = "PAYOUT_NO_ACCOUNT";
    /** Error code: the order would pay out more than the account holds. */
    static final String PAYOUT_ABOVE_BALANCE = "PAYOUT_ABOVE_BALANCE";

    private final Map<PaymentMethod, PaymentStrategy> strategies = new EnumMap<>(PaymentMethod.class);
    private final OrderStore orders;
    private final ReceiptService receipts;
    private final AuditLog audit;
    private final BusinessClock clock;
    private final SubscriberService subscribers;
    private final AccountService accounts;

    PaymentDesk(OrderStore orders, ReceiptService receipts, AuditLog audit, BusinessClock clock,
            SubscriberService subscribers, AccountService accounts, HallDevices devices) {
        this.orders = orders;
        this.receipts = receipts;
        this.audit = audit;
        this.clock = clock;
        this.subscribers = subscribers;
        this.accounts = accounts;
        for (PaymentStrategy strategy : List.of(new CashPayment(), new BankCardPayment(),
                new KioskCashPayment(devices), new DepositPayment(subscribers, accounts))) {
            strategies.put(strategy.method(), strategy);
        }
    }

    /** Takes the payment of an order that awaits one; the caller's transaction keeps it or rolls it all back. */
    Payment take(Caller caller, Order order, PaymentRequest request) {
        return record(tender(caller, order, request));
    }

    /**
     * A payment taken and not yet recorded: the money is tendered ({@link PaymentStrategy}), the receipt not yet
     * numbered. {@code payment} is what the order's step sees: its {@code receipt} is null.
     */
    record Tendered(Caller caller, Order order, PaymentRequest request, long dueFen, PaymentStrategy.Tender tender,
            Payment payment) {
    }

    /** The first half of {@link #take}: checks the request and lets the method's strategy take the money. */
    Tendered tender(Caller caller, Order order, PaymentRequest request) {
        if (request == null || request.method() == null) {
            throw ProblemException.badRequest("PAYMENT_METHOD_MISSING",
                    "method is required: CASH, BANK_CARD, KIOSK_CASH or DEPOSIT", "method");
        }
        PaymentStrategy strategy = strategies.get(request.method());
        if (strategy == null) {
            throw ProblemException.badRequest("PAYMENT_METHOD_INVALID", "unknown payment method", "method");
        }
        long due = order.quote() == null ? 0 : order.quote().totalFen();
        PaymentStrategy.Tender tender = strategy.take(caller, order, due, request);
        Payment payment = new Payment(UUID.randomUUID().toString(), order.id(), request.method(), due,
                tender.tenderedFen(), tender.changeFen(), tender.surplusFen(), null, caller.hall(), caller.user(),
                clock.now(), tender.kiosk());
        return new Tendered(caller, order, request, due, tender, payment);
    }

    /**
     * The second half of {@link #take}: numbers the receipt and writes it, the payment and their audit. Numbering takes
     * the hall's receipt lock, which every payment of the hall waits for until this transaction commits; the engine
     * therefore calls this last, after the order's step and its state change.
     */
    Payment record(Tendered t) {
        Order order = t.order();
        PaymentStrategy.Tender tender = t.tender();
        List<ReceiptLine> lines = new ArrayList<>();
        if (order.quote() != null) {
            order.quote().items().forEach(i -> lines.add(new ReceiptLine(i.code(), i.description(), i.amountFen())));
        }
        if (tender.surplusFen() > 0) {
            lines.add(new ReceiptLine(KIOSK_SURPLUS, "kiosk cash beyond the amount due, credited",
                    tender.surplusFen()));
        }
        Caller caller = t.caller();
        long due = t.dueFen();
        Receipt receipt = receipts.issue(new NewReceipt(caller.hall(), caller.user(), order.id(), order.msisdn(),
                t.request().method().name(), lines, due + tender.surplusFen(), tender.tenderedFen(),
                tender.changeFen()));
        Payment taken = t.payment();
        Payment payment = new Payment(taken.id(), taken.orderId(), taken.method(), taken.dueFen(), taken.tenderedFen(),
                taken.changeFen(), taken.surplusFen(), new ReceiptRef(receipt.number()), taken.hall(),
                taken.operator(), taken.at(), taken.kiosk());
        orders.insertPayment(payment);
        audit.record(caller.user(), AUDIT_PAYMENT_TAKEN, order.id(), t.request().method().name(),
                tender.tenderedFen() - tender.changeFen(), "receipt " + receipt.number() + ", due " + due
                        + ", tendered " + tender.tenderedFen() + ", change " + tender.changeFen() + ", surplus "
                        + tender.surplusFen() + (tender.kiosk() == null ? "" : ", kiosk " + tender.kiosk().device()
                        + " accepted " + tender.kiosk().acceptedNotesFen() + " returned "
                        + tender.kiosk().returnedNotesFen()));
        return payment;
    }

    /**
     * After EXECUTE: credits the kiosk surplus of {@code payment} to the account of the subscriber of the order's
     * number (for an account opening the subscriber its EXECUTE just registered) and records it in the order's result.
     * 422 {@code KIOSK_SURPLUS_NO_ACCOUNT} when there is no such account: the whole payment is then refused.
     */
    void creditSurplus(Order order, Payment payment, EngineOrderContext context) {
        if (payment.surplusFen() <= 0) {
            return;
        }
        Subscriber subscriber = order.msisdn() == null ? null
                : subscribers.find(new Msisdn(order.msisdn())).orElse(null);
        if (subscriber == null || accounts.find(subscriber.accountId()).isEmpty()) {
            throw ProblemException.rule("KIOSK_SURPLUS_NO_ACCOUNT", "the kiosk took more than the amount due and the"
                    + " order's number has no account to credit it to; nothing was paid, pay the amount due exactly",
                    "method");
        }
        // the entry names its order; the receipt is numbered after it (the order's payment shows both)
        accounts.post(subscriber.accountId(), KIOSK_SURPLUS, payment.surplusFen(), order.id(),
                "kiosk cash beyond the amount due");
        context.result().put(RESULT_KIOSK_SURPLUS_FEN, payment.surplusFen());
    }

    /**
     * When an order whose quote is negative completes: hands its amount out in cash from the account of the subscriber
     * of the order's number, with a receipt (numbered like any other in the order's hall), a payment row, the
     * {@value #PAYOUT} ledger entry and the audit, all in the caller's transaction. 422 {@value #PAYOUT_NO_ACCOUNT}
     * without such an account, 422 {@value #PAYOUT_ABOVE_BALANCE} when the account holds less than the amount: then
     * the completing step is refused as a whole and nothing is paid out.
     */
    Payment payOut(Caller caller, Order order, EngineOrderContext context) {
        return payOut(caller, order, context, -order.quote().totalFen());
    }

    /**
     * As {@link #payOut(Caller, Order, EngineOrderContext)}, paying {@code amount} (positive, at most what the quote
     * pays out; {@link PayoutAmount} decides it): a lower amount adds the receipt line {@value #PAYOUT_LOWERED} that
     * takes the difference off the quote's items, so the receipt still adds up to what was handed over.
     */
    Payment payOut(Caller caller, Order order, EngineOrderContext context, long amount) {
        long due = -amount;
        Subscriber subscriber = order.msisdn() == null ? null
                : subscribers.find(new Msisdn(order.msisdn())).orElse(null);
        Account account = subscriber == null ? null : accounts.find(subscriber.accountId()).orElse(null);
        if (account == null) {
            throw ProblemException.rule(PAYOUT_NO_ACCOUNT, "the order pays " + Money.yuan(amount)
                    + " yuan out and its number has no account to pay it from", "msisdn");
        }
        if (account.balanceFen() < amount) {
            throw ProblemException.rule(PAYOUT_ABOVE_BALANCE, "the order would pay out " + Money.yuan(amount)
                    + " yuan, more than the account holds (" + Money.yuan(account.balanceFen()) + " yuan)", null);
        }
        List<ReceiptLine> lines = new ArrayList<>();
        order.quote().items().forEach(i -> lines.add(new ReceiptLine(i.code(), i.description(), i.amountFen())));
        long lowered = due - order.quote().totalFen();
        if (lowered > 0) {
            lines.add(new ReceiptLine(PAYOUT_LOWERED, "confirmed amount below the quote, not paid out", lowered));
            context.result().put(RESULT_PAYOUT_LOWERED_FEN, lowered);
        }
        Receipt receipt = receipts.issue(new NewReceipt(order.hall(), caller.user(), order.id(), order.msisdn(),
                PaymentMethod.CASH.name(), lines, due, 0, amount));
        Payment payment = new Payment(UUID.randomUUID().toString(), order.id(), PaymentMethod.CASH, due, 0, amount, 0,
                new ReceiptRef(receipt.number()), order.hall(), caller.user(), clock.now());
        orders.insertPayment(payment);
        accounts.post(account.id(), PAYOUT, due, order.id(), "cash paid out (receipt " + receipt.number() + ")");
        audit.record(caller.user(), AUDIT_PAYMENT_PAID_OUT, order.id(), PaymentMethod.CASH.name(), due,
                "receipt " + receipt.number() + ", paid out " + amount + " from account " + account.id());
        context.payment(payment);
        context.result().put(RESULT_PAID_OUT_FEN, amount);
        return payment;
    }
}
