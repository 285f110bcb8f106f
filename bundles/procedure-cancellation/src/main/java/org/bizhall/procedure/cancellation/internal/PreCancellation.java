package org.bizhall.procedure.cancellation.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.ArrearsService;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.procedure.kit.Quotes;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberFeatures;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 预销号, pre-cancellation (rulebook §3, seed 000 §6.3). Only at a {@code DESIGNATED} hall and only by an account
 * manager (the descriptor's {@code roles=manager}, which the engine enforces first); the manager records the reason
 * and the retention offer made, and a customer who accepts the offer keeps the number: the order completes without a
 * change. A personal holder comes in person; a company through a proxy. With international roaming open, or an
 * average bill of the last three months above {@code cancelAvgBillThresholdFen}, the customer first pays what the
 * number owes to date (this month's bill included) and prepays {@code cancelPrepayFen}; then the number becomes
 * {@code PENDING_CANCELLATION}, formally cancellable {@code cancellationWaitMonths} after the business date.
 */
@ProcedureProvider(procedure = PreCancellation.ID)
@Component(service = Procedure.class)
public class PreCancellation extends KitProcedure {
    static final String ID = "pre-cancellation";
    static final String REASON = "reason";
    static final String RETENTION_OFFER = "retentionOffer";
    static final String RETENTION_ACCEPTED = "retentionAccepted";
    static final List<String> PARAMS = List.of(REASON, RETENTION_OFFER, RETENTION_ACCEPTED);
    /** Quote item: what the number owes to date, this month's bill included. */
    static final String CURRENT_BILL = "CURRENT_BILL";
    /** Quote item and ledger kind: the prepayment before a pre-cancellation. */
    static final String CANCEL_PREPAY = "CANCEL_PREPAY";
    /** Ledger kind of the bill part, as bill-payment credits it. */
    static final String PAYMENT = "PAYMENT";
    /** The ledger kind of the monthly bills (what the billing runs charge). */
    static final String RENT = "RENT";
    static final int AVERAGE_MONTHS = 3;

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final ArrearsService arrears;
    private final AuditLog audit;

    @Activate
    public PreCancellation(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference ArrearsService arrears, @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.arrears = arrears;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = admitted(order);
        Map<String, Object> result = order.result();
        result.put(ResultKeys.MSISDN, subscriber.msisdn());
        result.put(ResultKeys.STATUS_BEFORE, subscriber.status().name());
        result.put(ResultKeys.REASON, order.params().requiredText(REASON));
        result.put(ResultKeys.RETENTION_OFFER, order.params().requiredText(RETENTION_OFFER));
        if (order.params().flag(RETENTION_ACCEPTED)) {
            result.put(ResultKeys.RETAINED, true);
            return Quote.free();
        }
        result.put(ResultKeys.RETAINED, false);
        long average = averageBill(subscriber, order.now());
        long threshold = order.provinceParams().fen(NationalParams.CANCEL_AVG_BILL_THRESHOLD_FEN);
        List<String> because = new ArrayList<>();
        if (subscriber.has(SubscriberFeatures.INTL_ROAMING)) {
            because.add(SubscriberFeatures.INTL_ROAMING);
        }
        if (average > threshold) {
            because.add("AVERAGE_BILL_ABOVE_THRESHOLD");
        }
        result.put(ResultKeys.AVERAGE_BILL_FEN, average);
        result.put(ResultKeys.PREPAY_REQUIRED, !because.isEmpty());
        result.put(ResultKeys.PREPAY_BECAUSE, because);
        if (because.isEmpty()) {
            return Quote.free();
        }
        List<QuoteItem> items = new ArrayList<>();
        Arrears owed = arrears.of(order.caller(), new Msisdn(subscriber.msisdn()));
        if (owed.totalFen() > 0) {
            items.add(Quotes.item(CURRENT_BILL, "本月及往月话费 bill to date", owed.totalFen()));
        }
        items.add(Quotes.item(CANCEL_PREPAY, "预销号预存 prepayment before cancellation",
                order.provinceParams().fen(NationalParams.CANCEL_PREPAY_FEN)));
        return Quote.of(items);
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Payment payment = order.payment().orElse(null);
        if (payment != null && payment.method() == PaymentMethod.DEPOSIT) {
            throw ProblemException.rule("PAYMENT_METHOD_NOT_ACCEPTED",
                    "the bill and the prepayment are paid in cash, by bank card or at the kiosk, not from the deposit",
                    "method");
        }
        Subscriber subscriber = admitted(order);
        Map<String, Object> result = order.result();
        if (order.params().flag(RETENTION_ACCEPTED)) {
            result.put(ResultKeys.STATUS, subscriber.status().name());
            audit.record(order.caller().user(), "CANCELLATION_RETAINED", order.orderId(), subscriber.msisdn(), null,
                    "retention offer accepted");
            return StepOutcome.completed();
        }
        long bill = Quotes.quoted(order, CURRENT_BILL);
        if (bill > 0) {
            accounts.post(subscriber.accountId(), PAYMENT, bill, order.orderId(), "预销号 本月话费");
        }
        long prepay = Quotes.quoted(order, CANCEL_PREPAY);
        if (prepay > 0) {
            accounts.post(subscriber.accountId(), CANCEL_PREPAY, prepay, order.orderId(), "预销号 预存");
        }
        LocalDate cancellableFrom = CancellationRules.businessDate(order)
                .plusMonths(order.provinceParams().integer(NationalParams.CANCELLATION_WAIT_MONTHS));
        Subscriber changed = subscribers.changeStatus(new Msisdn(subscriber.msisdn()), Set.of(subscriber.status()),
                SubscriberStatus.PENDING_CANCELLATION, cancellableFrom, order.orderId());
        result.put(ResultKeys.STATUS, changed.status().name());
        result.put(ResultKeys.CANCELLABLE_FROM, cancellableFrom.toString());
        audit.record(order.caller().user(), "PRE_CANCELLED", order.orderId(), subscriber.msisdn(), bill + prepay,
                "cancellable from " + cancellableFrom);
        return StepOutcome.completed();
    }

    /** Designated hall, a number that may be pre-cancelled, the holder in person (a company by proxy). */
    private Subscriber admitted(OrderContext order) {
        if (!order.hallKinds().contains(HallKind.DESIGNATED)) {
            throw ProblemException.rule("HALL_KIND_NOT_ALLOWED",
                    "a pre-cancellation is done at a designated hall (指定专门营业厅) only");
        }
        Subscriber subscriber = CancellationRules.admit(order, subscribers);
        if (CancellationRules.holderType(subscriber) == CustomerType.PERSONAL
                && order.party(PartyRole.PROXY).isPresent()) {
            throw ProblemException.rule("PROXY_NOT_ALLOWED",
                    "a personal holder comes in person to pre-cancel a number; no proxy", "parties");
        }
        switch (subscriber.status()) {
            case PENDING_CANCELLATION -> throw ProblemException.conflict("CANCELLATION_ALREADY_PENDING",
                    "the number is already pre-cancelled; the formal cancellation follows");
            case CANCELLED -> throw CancellationRules.alreadyCancelled();
            default -> {
                if (!CancellationRules.PRE_CANCELLABLE.contains(subscriber.status())) {
                    throw ProblemException.rule("STATUS_NOT_ALLOWED",
                            "the number's status " + subscriber.status() + " does not allow a pre-cancellation", "msisdn");
                }
            }
        }
        return subscriber;
    }

    /**
     * The average monthly bill of the last three months: the bills (RENT charges) posted on the account since this
     * day three months ago, divided by three. A billing run charges a month after it ended, so these are the bills of
     * the last three months the customer received.
     */
    long averageBill(Subscriber subscriber, OffsetDateTime now) {
        OffsetDateTime since = now.minusMonths(AVERAGE_MONTHS);
        long billed = 0;
        int offset = 0;
        while (true) {
            Page<LedgerEntry> page = accounts.ledger(subscriber.accountId(), offset, Page.MAX_LIMIT);
            for (LedgerEntry e : page.items()) {
                if (RENT.equals(e.kind()) && e.amountFen() < 0 && !e.at().isBefore(since) && !e.at().isAfter(now)) {
                    billed -= e.amountFen();
                }
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        return billed / AVERAGE_MONTHS;
    }
}
