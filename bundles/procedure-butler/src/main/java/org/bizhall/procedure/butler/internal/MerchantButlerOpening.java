package org.bizhall.procedure.butler.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.DeskPhoneService;
import org.bizhall.api.counter.DeviceUnavailableException;
import org.bizhall.api.counter.TerminalRegistration;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.device.TdDeskPhone;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 商户管家开通 (rulebook §13, seed 004 "业务开通流程"): the seven steps of the opening, each a state the order waits in.
 * <ol>
 * <li>acceptance form (填写业务受理单): the order itself, submitted by the company's proxy with the form;</li>
 * <li>review (受理单审核): the big-customer office approves ({@code BIG_CUSTOMER_OFFICE}) or declines (REJECTED);</li>
 * <li>work order (工单派发): the office records the work order sent to the network ({@code WORK_ORDER}, its reference
 * in {@code note});</li>
 * <li>install and test (安装和调测): the hall's staff install the client and register the TD desk phone with the
 * terminal-management port through the hall's desk-phone device ({@code INSTALLATION});</li>
 * <li>delivery (客户交付): the customer signs the delivery form ({@code DELIVERY});</li>
 * <li>billing (开通计费): from the agreed date the scheduler puts the tariff on the number and charges the first
 * month;</li>
 * <li>archive (业务归档): the office archives the papers ({@code ARCHIVE}), kept until three years after the contract
 * ends ({@code archiveUntil}).</li>
 * </ol>
 * Once archived the order carries the butler's billing: at each month's turn the scheduler wakes it and the month is
 * charged at the tariff in force, until a cancellation takes effect (then the order completes).
 * Office steps are confirmed by the back office only, counter steps by operators and managers (403 otherwise); a step
 * other than the awaited one is 409 {@code BUTLER_STEP_NOT_AWAITED}.
 */
@ProcedureProvider(procedure = MerchantButlerOpening.ID)
@Component(service = Procedure.class)
public class MerchantButlerOpening extends KitProcedure {
    static final String ID = "merchant-butler-opening";

    /** The seven steps, as {@code result.stage} names them. */
    static final String ACCEPTANCE_FORM = "ACCEPTANCE_FORM";
    static final String REVIEW = "REVIEW";
    static final String WORK_ORDER = "WORK_ORDER";
    static final String INSTALLATION = "INSTALLATION";
    static final String DELIVERY = "DELIVERY";
    static final String BILLING = "BILLING";
    static final String ARCHIVE = "ARCHIVE";
    /** The stage of a completed opening: archived. */
    static final String ARCHIVED = "ARCHIVED";

    /** The confirmation step of the review: the big-customer office (the engine lets the back office alone confirm it). */
    static final String OFFICE = "BIG_CUSTOMER_OFFICE";
    /** The audit action of every step recorded (who, which step, approved or not). */
    static final String AUDIT_STEP = "MERCHANT_BUTLER_STEP";
    /** The audit action of the butler's billing ending (cancelled, or the number left service). */
    static final String AUDIT_ENDED = "MERCHANT_BUTLER_ENDED";
    /** Result keys of the monthly billing: every month charged, the last one, the next charge's date, why it ended. */
    static final String CHARGES = "charges";
    static final String BILLED_THROUGH = "billedThrough";
    static final String NEXT_CHARGE = "nextCharge";
    static final String ENDED = "ended";
    /** The actor of the orders read when a month is billed. */
    private static final String SCHEDULER = "scheduler";

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final DeskPhoneService deskPhones;
    private final DeviceRegistry devices;
    private final BusinessClock clock;
    private final AuditLog audit;
    private final ButlerOrders orders;

    /**
     * The engine's orders are looked up when a month is billed, not at activation: the engine resolves this procedure,
     * so holding its service from the start would make a circle of services.
     */
    @Activate
    public MerchantButlerOpening(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference DeskPhoneService deskPhones, @Reference DeviceRegistry devices, @Reference BusinessClock clock,
            @Reference AuditLog audit, @Reference ComponentServiceObjects<OrderService> orderService) {
        this(subscribers, accounts, deskPhones, devices, clock, audit, (procedure, msisdn) -> {
            OrderService service = orderService.getService();
            try {
                return service.list(Caller.admin(SCHEDULER), new OrderQuery(null, procedure, msisdn, null, null, 0,
                        Page.MAX_LIMIT)).items();
            } finally {
                orderService.ungetService(service);
            }
        });
    }

    MerchantButlerOpening(SubscriberService subscribers, AccountService accounts, DeskPhoneService deskPhones,
            DeviceRegistry devices, BusinessClock clock, AuditLog audit, ButlerOrders orders) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.deskPhones = deskPhones;
        this.devices = devices;
        this.clock = clock;
        this.audit = audit;
        this.orders = orders;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = Butler.admitted(order, subscribers);
        if (ButlerTariff.of(subscriber).isPresent()) {
            throw ProblemException.rule("BUTLER_ALREADY_OPEN", "the number already carries the merchant butler",
                    "msisdn");
        }
        ButlerTariff tariff = Butler.tariffParam(order);
        LocalDate billingFrom = Butler.dateParam(order, "billingFrom");
        if (billingFrom.isBefore(order.now().atZoneSameInstant(clock.zone()).toLocalDate())) {
            throw ProblemException.rule("BUTLER_BILLING_DATE_PAST",
                    "the agreed billing date has passed; agree a date from today on", "params.billingFrom");
        }
        long months = order.params().integer("contractMonths").orElseThrow(); // 1 to 120: the schema checked it
        Map<String, Object> result = order.result();
        result.put(Butler.TARIFF, tariff.name());
        result.put(Butler.MONTHLY_FEE, Butler.monthlyFee(order.provinceParams(), tariff)); // the agreed fee
        result.put("billingFrom", billingFrom.toString());
        result.put("contractEnd", billingFrom.plusMonths(months).toString());
        result.put(Butler.STAGE, ACCEPTANCE_FORM);
        return Quote.free();
    }

    /** Step 1 done: the acceptance form is recorded; step 2, the office's review, is awaited. */
    @Override
    public StepOutcome execute(OrderContext order) {
        order.result().put("acceptanceForm", Butler.done(order, null));
        return awaitOffice(order, REVIEW, OFFICE, "受理单审核: the big-customer office reviews the acceptance form");
    }

    @Override
    public StepOutcome confirm(OrderContext order, Confirmation confirmation) {
        String awaited = String.valueOf(order.result().get(Butler.AWAITING_STEP));
        if (!awaited.equals(confirmation.step())) {
            throw ProblemException.conflict("BUTLER_STEP_NOT_AWAITED", "the order awaits the step " + awaited);
        }
        boolean approved = Boolean.TRUE.equals(confirmation.approved());
        StepOutcome outcome = switch (awaited) {
            case OFFICE -> review(order, confirmation, approved);
            case WORK_ORDER -> workOrder(order, confirmation, approved);
            case INSTALLATION -> installation(order, confirmation, approved);
            case DELIVERY -> delivery(order, confirmation, approved);
            case ARCHIVE -> archive(order, confirmation, approved);
            default -> throw new IllegalStateException("no step " + awaited);
        };
        // the engine audits a change of state; most steps keep the order PENDING_CONFIRMATION, so each is audited here
        audit.record(order.caller().user(), AUDIT_STEP, order.orderId(), order.msisdn().map(Msisdn::value).orElse(null),
                null, awaited + (approved ? " approved" : " declined") + ", now " + order.result().get(Butler.STAGE));
        return outcome;
    }

    /** Step 2: approved, the work order is next; declined, the opening ends REJECTED. */
    private StepOutcome review(OrderContext order, Confirmation c, boolean approved) {
        Butler.requireRole(order, OFFICE, Role.BACKOFFICE);
        Map<String, Object> review = Butler.done(order, c.note());
        review.put("approved", approved);
        order.result().put("review", review);
        if (!approved) {
            order.result().put(Butler.STAGE, REVIEW);
            order.result().remove(Butler.AWAITING_STEP);
            return StepOutcome.rejected("the big-customer office declined the acceptance form");
        }
        return awaitOffice(order, WORK_ORDER, WORK_ORDER, "工单派发: the office records the work order");
    }

    /** Step 3: the office records the work order it sent (its reference); a work order that failed ends the order. */
    private StepOutcome workOrder(OrderContext order, Confirmation c, boolean approved) {
        Butler.requireRole(order, WORK_ORDER, Role.BACKOFFICE);
        if (approved && (c.note() == null || c.note().isBlank())) {
            throw ProblemException.badRequest("BUTLER_WORK_ORDER_REFERENCE_MISSING",
                    "note carries the reference of the work order", "note");
        }
        Map<String, Object> workOrder = Butler.done(order, c.note());
        workOrder.put("approved", approved);
        order.result().put("workOrder", workOrder);
        if (!approved) {
            order.result().remove(Butler.AWAITING_STEP);
            return StepOutcome.rejected("the work order was not carried out");
        }
        return await(order, INSTALLATION, Awaiting.INSTALLATION, INSTALLATION,
                "安装和调测: the hall installs the client and registers the TD desk phone");
    }

    /**
     * Step 4: the TD desk phone registers with the terminal-management port (manufacturer id, terminal type, model,
     * number) through the hall's desk-phone device. A failed test or a refused registration is recorded and the step
     * stays awaited; a device that cannot be reached refuses the confirmation (503), which changes nothing.
     */
    private StepOutcome installation(OrderContext order, Confirmation c, boolean approved) {
        Butler.requireRole(order, INSTALLATION, Role.OPERATOR, Role.MANAGER);
        Map<String, Object> attempt = Butler.done(order, c.note());
        if (approved) {
            String device = order.params().text("device").orElseGet(() -> hallDeskPhone(order));
            TerminalRegistration r = deskPhones.register(order.caller(), device,
                    order.params().requiredText("terminalManufacturer"), order.params().requiredText("terminalType"),
                    order.params().requiredText("terminalModel"), order.msisdn().map(Msisdn::value).orElseThrow());
            attempt.put("device", r.device());
            attempt.put("manufacturer", r.manufacturer());
            attempt.put("terminalType", r.terminalType());
            attempt.put("model", r.model());
            attempt.put("msisdn", r.msisdn());
            attempt.put("registered", r.accepted());
            approved = r.accepted();
        }
        attempt.put("passed", approved);
        List<Object> attempts = new ArrayList<>(list(order.result().get("installationAttempts")));
        attempts.add(attempt);
        order.result().put("installationAttempts", attempts);
        if (!approved) {
            return await(order, INSTALLATION, Awaiting.INSTALLATION, INSTALLATION,
                    "installation or terminal registration failed; install and test again");
        }
        order.result().put("installation", attempt);
        return await(order, DELIVERY, Awaiting.CUSTOMER_SIGNATURE, DELIVERY,
                "客户交付: the customer signs the delivery form");
    }

    /** Step 5: the customer signed the delivery form; billing waits for the agreed date (at once if it has come). */
    private StepOutcome delivery(OrderContext order, Confirmation c, boolean approved) {
        Butler.requireRole(order, DELIVERY, Role.OPERATOR, Role.MANAGER);
        Map<String, Object> delivery = Butler.done(order, c.note());
        delivery.put("signed", approved);
        if (!approved) {
            order.result().put("deliveryRefused", delivery);
            return await(order, DELIVERY, Awaiting.CUSTOMER_SIGNATURE, DELIVERY,
                    "the customer did not sign the delivery form");
        }
        order.result().put("delivery", delivery);
        order.result().put(Butler.STAGE, BILLING);
        order.result().remove(Butler.AWAITING_STEP);
        OffsetDateTime from = Butler.startOf(LocalDate.parse((String) order.result().get("billingFrom")), clock.zone());
        return StepOutcome.scheduled(from.isAfter(order.now()) ? from : order.now(),
                "开通计费: billing starts on the agreed date");
    }

    /**
     * Step 6, on the agreed date: the number carries the tariff and the first month is charged to its account at the
     * agreed fee (half of it from the 16th, rulebook §2). A number that left service meanwhile, or that got the butler
     * by another order, ends this one REJECTED without a charge.
     */
    @Override
    public StepOutcome dateReached(OrderContext order) {
        if (order.result().get("billing") != null) {
            return billMonths(order); // a month's turn: the butler's monthly fee
        }
        Msisdn msisdn = order.msisdn().orElseThrow();
        Subscriber subscriber = subscribers.find(msisdn).orElse(null);
        if (subscriber == null || subscriber.status() != SubscriberStatus.ACTIVE) {
            return StepOutcome.rejected("the number is no longer in service; nothing was billed");
        }
        if (ButlerTariff.of(subscriber).isPresent()) {
            return StepOutcome.rejected("the number already carries the merchant butler; nothing was billed");
        }
        ButlerTariff tariff = ButlerTariff.valueOf((String) order.result().get(Butler.TARIFF));
        long monthlyFee = ((Number) order.result().get(Butler.MONTHLY_FEE)).longValue();
        LocalDate from = order.now().atZoneSameInstant(clock.zone()).toLocalDate();
        subscribers.changeFeatures(msisdn, Set.of(tariff.feature()), Set.of(), order.orderId());
        long first = Butler.firstMonthFee(monthlyFee, from);
        Map<String, Object> billing = new LinkedHashMap<>();
        billing.put("from", from.toString());
        billing.put("feature", tariff.feature());
        billing.put("firstMonth", YearMonth.from(from).toString());
        billing.put("firstChargeFen", first);
        billing.put("startedAt", order.now().toString());
        Map<String, Object> charge = ButlerHistory.charge(YearMonth.from(from), tariff, first, msisdn.value());
        if (first > 0) {
            LedgerEntry entry = accounts.post(subscriber.accountId(), Butler.LEDGER_FEE, -first, order.orderId(),
                    "商户管家" + tariff.title() + " 月功能费 " + YearMonth.from(from));
            billing.put("ledgerEntry", entry.id());
            charge.put("ledgerEntry", entry.id());
        }
        order.result().put("billing", billing);
        order.result().put(CHARGES, new ArrayList<>(List.of(charge)));
        order.result().put(BILLED_THROUGH, YearMonth.from(from).toString());
        return awaitOffice(order, ARCHIVE, ARCHIVE, "业务归档: the office archives the papers");
    }

    /**
     * Step 7: archived, kept until the province's years (at least three) after the contract ends. The order then
     * carries the butler's billing: the months that began while the papers were being archived are charged now, and
     * the order waits for the next month's turn.
     */
    private StepOutcome archive(OrderContext order, Confirmation c, boolean approved) {
        Butler.requireRole(order, ARCHIVE, Role.BACKOFFICE);
        Map<String, Object> archive = Butler.done(order, c.note());
        archive.put("approved", approved);
        if (!approved) {
            order.result().put("archiveRefused", archive);
            return awaitOffice(order, ARCHIVE, ARCHIVE, "the audit found the papers incomplete; archive them again");
        }
        LocalDate contractEnd = LocalDate.parse((String) order.result().get("contractEnd"));
        int years = Math.max(3, order.provinceParams().integer(NationalParams.MERCHANT_BUTLER_ARCHIVE_YEARS));
        order.result().put("archive", archive);
        order.result().put("archiveUntil", contractEnd.plusYears(years).toString());
        order.result().put(Butler.STAGE, ARCHIVED);
        order.result().remove(Butler.AWAITING_STEP);
        return billMonths(order);
    }

    /**
     * Every month from the one after the last billed up to the current one is charged once, at the tariff in force
     * that month (the orders say which: {@link ButlerHistory}), to the account of the number the butler is on; the
     * order then waits for the next turn. A cancellation in force by a month's first day ends the butler (the order
     * completes, {@code result.ended}); so does the number leaving service. A month the number spends suspended is
     * not charged, as the billing run charges no rent for it.
     * <p>
     * Once only: the order's row is locked by the engine for the step, the scheduler claims the due date in the
     * database, and {@code billedThrough} moves with the ledger entry in one transaction; a late or repeated call finds
     * the month billed and charges nothing.
     */
    private StepOutcome billMonths(OrderContext order) {
        Map<String, Object> result = order.result();
        Map<?, ?> billing = (Map<?, ?>) result.get("billing");
        YearMonth next = YearMonth.parse((String) result.get(BILLED_THROUGH)).plusMonths(1);
        YearMonth now = YearMonth.from(order.now().atZoneSameInstant(clock.zone()));
        ButlerHistory history = ButlerHistory.read(orders, order.msisdn().map(Msisdn::value).orElseThrow(),
                OffsetDateTime.parse((String) billing.get("startedAt")),
                ButlerTariff.valueOf((String) result.get(Butler.TARIFF)),
                ((Number) result.get(Butler.MONTHLY_FEE)).longValue(), clock.zone());
        List<Object> charges = new ArrayList<>(list(result.get(CHARGES)));
        while (!next.isAfter(now)) {
            if (history.cancelledBy(next)) {
                return ended(order, "CANCELLED", next);
            }
            String number = history.number();
            Subscriber subscriber = subscribers.find(new Msisdn(number)).orElse(null);
            if (subscriber == null || subscriber.status() == SubscriberStatus.CANCELLED
                    || subscriber.status() == SubscriberStatus.PENDING_CANCELLATION) {
                return ended(order, "NUMBER_LEFT_SERVICE", next);
            }
            ButlerTariff tariff = history.tariffIn(next);
            long fee = history.feeIn(next);
            Map<String, Object> charge = ButlerHistory.charge(next, tariff,
                    subscriber.status() == SubscriberStatus.ACTIVE ? fee : 0, number);
            if (subscriber.status() != SubscriberStatus.ACTIVE) {
                charge.put("notChargedBecause", subscriber.status().name());
            } else if (fee > 0) {
                LedgerEntry entry = accounts.post(subscriber.accountId(), Butler.LEDGER_FEE, -fee, order.orderId(),
                        "商户管家" + tariff.title() + " 月功能费 " + next);
                charge.put("ledgerEntry", entry.id());
            }
            charges.add(charge);
            result.put(CHARGES, charges);
            result.put(BILLED_THROUGH, next.toString());
            next = next.plusMonths(1);
        }
        result.put(NEXT_CHARGE, next.atDay(1).toString());
        return StepOutcome.scheduled(Butler.startOf(next.atDay(1), clock.zone()), "月功能费: the butler's fee of " + next);
    }

    /** The butler ended ({@code why}) by the first day of {@code month}: nothing more is billed, the order completes. */
    private StepOutcome ended(OrderContext order, String why, YearMonth month) {
        order.result().put(ENDED, why);
        order.result().put("endedFrom", month.atDay(1).toString());
        order.result().remove(NEXT_CHARGE);
        audit.record(order.caller().user(), AUDIT_ENDED, order.orderId(), order.msisdn().map(Msisdn::value).orElse(null),
                null, why + " from " + month.atDay(1) + ", billed through " + order.result().get(BILLED_THROUGH));
        return StepOutcome.completed();
    }

    /** Once billing has started the service exists: it ends with {@code merchant-butler-cancellation}, not here. */
    @Override
    public void cancel(OrderContext order) {
        if (order.result().get("billing") != null) {
            throw ProblemException.conflict("BUTLER_ALREADY_BILLING",
                    "the merchant butler is billed already; cancel it with merchant-butler-cancellation");
        }
    }

    private String hallDeskPhone(OrderContext order) {
        return devices.bound(order.caller().hall(), DeviceKind.TD_DESK_PHONE, TdDeskPhone.class)
                .map(bound -> bound.config().id())
                .orElseThrow(() -> new DeviceUnavailableException(DeviceKind.TD_DESK_PHONE,
                        "the hall has no TD desk phone working; register the terminal later"));
    }

    private static StepOutcome awaitOffice(OrderContext order, String stage, String step, String note) {
        return await(order, stage, Awaiting.BACK_OFFICE, step, note);
    }

    private static StepOutcome await(OrderContext order, String stage, Awaiting awaiting, String step, String note) {
        order.result().put(Butler.STAGE, stage);
        order.result().put(Butler.AWAITING_STEP, step);
        return StepOutcome.awaitingConfirmation(awaiting, note);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
