package org.bizhall.procedure.keepnumber.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
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
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 停机保号, keep-number suspension (rulebook §9 and §13; seed 004 "停机保号期间,客户需要每月交纳保留号码费,逾期不交纳,作欠费停机处理。
 * 停机保号最长期限为3个月 … 当日生效"). The holder keeps the number suspended for 1 to 3 calendar months, the current one
 * counted, at the province's monthly fee ({@value NationalParams#KEEP_NUMBER_MONTHLY_FEE_FEN}):
 * <ul>
 * <li>the first month's fee is paid at the counter and the number is {@code SUSPENDED_REQUEST} the same day; the
 * order then waits ({@code SCHEDULED}) for the next month's turn;</li>
 * <li>at each turn within the term the month's fee is charged to the account ({@code KEEP_NUMBER_FEE}); when the
 * account cannot pay it, the fee is charged all the same and the number is suspended for arrears (seed 004: "逾期不交纳,
 * 作欠费停机处理"), which ends the keep-number: paying the arrears (bill-payment) restores it;</li>
 * <li>at the turn after the last paid month the number is {@code ACTIVE} again and the order completes;</li>
 * <li>cancelling the order resumes the number at once; fees already paid stay paid (the months served).</li>
 * </ul>
 * Rent is not charged meanwhile: a billing run charges {@code ACTIVE} numbers only. If the number left
 * {@code SUSPENDED_REQUEST} by another way (a resume, a loss), the keep-number ends at the next turn without a charge.
 */
@ProcedureProvider(procedure = KeepNumberSuspension.ID)
@Component(service = Procedure.class)
public class KeepNumberSuspension extends KitProcedure {
    static final String ID = "keep-number-suspension";
    static final String MONTHS = "months";
    /** The longest keep-number, a national rule (seed 004). */
    static final int MAX_MONTHS = 3;
    /** Quote item and ledger kind of a month's fee. */
    static final String FEE = "KEEP_NUMBER_FEE";
    /** Ledger kind of the fee paid at the counter in cash, by card or at a kiosk, credited before the fee is charged. */
    static final String PAYMENT = "PAYMENT";

    static final String MONTHLY_FEE = "monthlyFeeFen";
    static final String PAID_MONTHS = "paidMonths";
    static final String FIRST_MONTH = "firstMonth";
    static final String CHARGES = "charges";
    static final String ENDED = "ended";
    static final String STATUS = "status";

    /** Why a keep-number ended, in the order's result. */
    enum End {
        TERM_ENDED, ARREARS, STATUS_CHANGED, CANCELLED
    }

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final AuditLog audit;
    private final BusinessClock clock;

    @Activate
    public KeepNumberSuspension(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference AuditLog audit, @Reference BusinessClock clock) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = admitted(order);
        int months = months(order);
        long fee = order.provinceParams().fen(NationalParams.KEEP_NUMBER_MONTHLY_FEE_FEN);
        YearMonth first = month(order.now());
        Map<String, Object> result = order.result();
        result.put("msisdn", subscriber.msisdn());
        result.put(MONTHS, months);
        result.put(MONTHLY_FEE, fee);
        result.put(FIRST_MONTH, first.toString());
        result.put("resumesOn", first.plusMonths(months).atDay(1).toString());
        return Quote.of(List.of(Quotes.item(FEE, "停机保号 " + first + " 保号费 (" + months + " 个月, 首月柜台缴纳)", fee)));
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Subscriber subscriber = admitted(order);
        long fee = Quotes.quoted(order, FEE); // what was paid, not today's parameter
        YearMonth first = YearMonth.parse((String) order.result().get(FIRST_MONTH));
        Subscriber suspended = subscribers.changeStatus(new Msisdn(subscriber.msisdn()), Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.SUSPENDED_REQUEST, order.orderId());
        List<Map<String, Object>> charges = new ArrayList<>();
        Payment payment = order.payment().orElse(null);
        if (fee > 0 && (payment == null || payment.method() != PaymentMethod.DEPOSIT)) {
            // money taken at the counter: credited, then the month charged, so the ledger shows the fee like any month's.
            // The receipt is numbered after this step (last in the payment's transaction, to keep the hall's numbering
            // lock short); the entry's order id leads to it.
            accounts.post(subscriber.accountId(), PAYMENT, fee, order.orderId(), "停机保号 柜台缴费");
            accounts.post(subscriber.accountId(), FEE, -fee, order.orderId(), "停机保号 " + first + " 保号费");
        }
        // paid from the deposit, the engine's ORDER_PAYMENT entry already charged the first month
        charges.add(charge(first, fee, "COUNTER"));
        Map<String, Object> result = order.result();
        result.put(CHARGES, charges);
        result.put(PAID_MONTHS, 1);
        result.put(STATUS, suspended.status().name());
        audit.record(order.caller().user(), "KEEP_NUMBER_STARTED", order.orderId(), subscriber.msisdn(), fee,
                result.get(MONTHS) + " months from " + first);
        return StepOutcome.scheduled(turn(first.plusMonths(1)), "the next month's turn");
    }

    /**
     * A month's turn came (or several, when the business clock jumped): each month of the term that has begun is
     * charged in order, then, once the term is over, the number is resumed.
     */
    @Override
    public StepOutcome dateReached(OrderContext order) {
        Map<String, Object> result = order.result();
        int months = ((Number) result.get(MONTHS)).intValue();
        int paid = ((Number) result.get(PAID_MONTHS)).intValue();
        long fee = ((Number) result.get(MONTHLY_FEE)).longValue();
        YearMonth first = YearMonth.parse((String) result.get(FIRST_MONTH));
        YearMonth now = month(order.now());
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        List<Map<String, Object>> charges = charges(result);
        while (!first.plusMonths(paid).isAfter(now)) {
            YearMonth month = first.plusMonths(paid);
            if (subscriber.status() != SubscriberStatus.SUSPENDED_REQUEST) {
                return ended(order, subscriber, End.STATUS_CHANGED);
            }
            if (paid >= months) {
                Subscriber resumed = subscribers.changeStatus(new Msisdn(subscriber.msisdn()),
                        Set.of(SubscriberStatus.SUSPENDED_REQUEST), SubscriberStatus.ACTIVE, order.orderId());
                return ended(order, resumed, End.TERM_ENDED);
            }
            long balance = accounts.find(subscriber.accountId()).map(Account::balanceFen).orElse(0L);
            accounts.post(subscriber.accountId(), FEE, -fee, order.orderId(), "停机保号 " + month + " 保号费");
            charges.add(charge(month, fee, "ACCOUNT"));
            paid++;
            result.put(PAID_MONTHS, paid);
            result.put(CHARGES, charges);
            if (balance < fee) {
                Subscriber inArrears = subscribers.changeStatus(new Msisdn(subscriber.msisdn()),
                        Set.of(SubscriberStatus.SUSPENDED_REQUEST), SubscriberStatus.SUSPENDED_ARREARS, order.orderId());
                return ended(order, inArrears, End.ARREARS);
            }
        }
        return StepOutcome.scheduled(turn(first.plusMonths(paid)), "the next month's turn");
    }

    /** Cancelled before payment nothing was done; once running, the number is resumed (paid months stay paid). */
    @Override
    public void cancel(OrderContext order) {
        if (!order.result().containsKey(PAID_MONTHS) || order.result().containsKey(ENDED)) {
            return;
        }
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        Subscriber after = subscriber;
        if (subscriber.status() == SubscriberStatus.SUSPENDED_REQUEST) {
            after = subscribers.changeStatus(new Msisdn(subscriber.msisdn()), Set.of(SubscriberStatus.SUSPENDED_REQUEST),
                    SubscriberStatus.ACTIVE, order.orderId());
        }
        order.result().put(ENDED, End.CANCELLED.name());
        order.result().put(STATUS, after.status().name());
        audit.record(order.caller().user(), "KEEP_NUMBER_ENDED", order.orderId(), subscriber.msisdn(), null,
                End.CANCELLED + ", " + subscriber.status() + " -> " + after.status());
    }

    private StepOutcome ended(OrderContext order, Subscriber subscriber, End end) {
        order.result().put(ENDED, end.name());
        order.result().put(STATUS, subscriber.status().name());
        audit.record(order.caller().user(), "KEEP_NUMBER_ENDED", order.orderId(), subscriber.msisdn(), null,
                end + ", now " + subscriber.status());
        return StepOutcome.completed();
    }

    /** The holder's number of the caller's province, in service and not suspended. */
    private Subscriber admitted(OrderContext order) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        KitProcedure.requireProxyForCompany(order,
                subscriber.holder() == null ? CustomerType.PERSONAL : subscriber.holder().type());
        switch (subscriber.status()) {
            case ACTIVE -> {
                return subscriber;
            }
            case SUSPENDED_ARREARS -> throw ProblemException.rule("SUSPENDED_FOR_ARREARS",
                    "the number is suspended for arrears: pay them first (bill-payment)", "msisdn");
            case SUSPENDED_REQUEST, SUSPENDED_LOSS -> throw ProblemException.rule("ALREADY_SUSPENDED",
                    "the number is already suspended (" + subscriber.status() + ")", "msisdn");
            case PENDING_CANCELLATION -> throw ProblemException.rule("SUBSCRIBER_PENDING_CANCELLATION",
                    "the number waits for its formal cancellation", "msisdn");
            default -> throw ProblemException.rule("SUBSCRIBER_CANCELLED", "the number is cancelled", "msisdn");
        }
    }

    /** 1 to 3 (rulebook §13, seed 004 "停机保号最长期限为3个月"); the schema bounds the form only. */
    private static int months(OrderContext order) {
        long months = order.params().integer(MONTHS).orElseThrow();
        if (months > MAX_MONTHS) {
            throw ProblemException.rule("KEEP_NUMBER_TOO_LONG",
                    "a number is kept at most " + MAX_MONTHS + " months, not " + months, "params." + MONTHS);
        }
        return (int) months;
    }

    private YearMonth month(OffsetDateTime at) {
        return YearMonth.from(at.atZoneSameInstant(zone()));
    }

    /** The first moment of {@code month} on the business clock. */
    private OffsetDateTime turn(YearMonth month) {
        LocalDate first = month.atDay(1);
        return first.atStartOfDay(zone()).toOffsetDateTime();
    }

    private ZoneId zone() {
        return clock.zone();
    }

    private static Map<String, Object> charge(YearMonth month, long fee, String paidAt) {
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("month", month.toString());
        charge.put("amountFen", fee);
        charge.put("paidAt", paidAt);
        return charge;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> charges(Map<String, Object> result) {
        Object stored = result.get(CHARGES);
        return stored instanceof List<?> list ? new ArrayList<>((List<Map<String, Object>>) list) : new ArrayList<>();
    }
}
