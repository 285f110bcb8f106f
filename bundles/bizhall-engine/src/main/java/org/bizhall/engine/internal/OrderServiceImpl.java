package org.bizhall.engine.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderProblem;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.order.StateChange;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.CustomerCategories;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.ReceiptService;
import org.bizhall.api.service.ServicePasswords;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.OrderStore;
import org.bizhall.platform.schedule.DueOrders;
import org.bizhall.platform.schedule.OrderDeadlines;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order state machine, as a façade over the engine's jobs: {@link CallerAccess} (who may), {@link EnvelopeCheck}
 * (the envelope, identities, documents, params), {@link StepRunner} (procedure and hook code, the failure boundary),
 * {@link PaymentDesk} (money, one strategy per method), {@link Transitions} (states, history, audit, due times) and
 * {@link Redaction} (write-only params). Every call resolves the procedure anew (an order may be quoted by one provider
 * and executed by its successor; the history names both), runs in one transaction, and either completes or writes
 * nothing; a crash of procedure code fails only its own order, answered 500 {@code PROCEDURE_FAILED}.
 * <p>
 * It is also the scheduler's {@link DueOrders}: due work runs as the user {@value CallerAccess#SYSTEM_USER}.
 */
@Component(service = {OrderService.class, DueOrders.class})
public class OrderServiceImpl implements OrderService, DueOrders {
    /** Audit action written for every state an order enters. */
    public static final String AUDIT_ORDER_STATE = Transitions.AUDIT_ORDER_STATE;
    /** Audit action written for every payment. */
    public static final String AUDIT_PAYMENT_TAKEN = PaymentDesk.AUDIT_PAYMENT_TAKEN;
    /** Audit action written for money paid out. */
    public static final String AUDIT_PAYMENT_PAID_OUT = PaymentDesk.AUDIT_PAYMENT_PAID_OUT;
    /** Ledger kind of money paid out of the account of the order's number. */
    public static final String LEDGER_PAYOUT = PaymentDesk.PAYOUT;
    /** Ledger kind of a payment drawn from the account's deposit. */
    public static final String LEDGER_ORDER_PAYMENT = DepositPayment.LEDGER_ORDER_PAYMENT;
    /** Ledger kind and receipt line of what a kiosk took beyond the amount due, credited by the engine. */
    public static final String KIOSK_SURPLUS = PaymentDesk.KIOSK_SURPLUS;
    /** Result key under which a scheduled order keeps the business time it waits for. */
    public static final String RESULT_DUE_AT = Transitions.RESULT_DUE_AT;
    /** Problem of an order whose awaited confirmation did not come by its deadline. */
    public static final String CONFIRMATION_TIMEOUT = "CONFIRMATION_TIMEOUT";
    /** Result key listing the hooks' quote adjustments. */
    public static final String RESULT_QUOTE_ADJUSTMENTS = "quoteAdjustments";

    static final int MAX_KIOSK_NOTES = KioskCashPayment.MAX_KIOSK_NOTES;
    private static final Logger LOG = LoggerFactory.getLogger(OrderServiceImpl.class);

    private final OrderStore orders;
    private final Transactions transactions;
    private final HallDirectory halls;
    private final BusinessClock clock;
    private final ProvinceParameters provinceParameters;
    private final ProcedureResolver procedures;
    private final StepHooks hooks = new StepHooks();
    private final HallDevices devices = new HallDevices();
    private final StepRunner steps = new StepRunner(hooks);
    private final EnvelopeCheck envelopes;
    private final PaymentDesk payments;
    private final Redaction redaction;
    private final Transitions transitions;
    /** Checks the service password where it stands in for the holder's ID. */
    @Reference
    private volatile ServicePasswords servicePasswords;
    /** Customer categories give an order its priority at submission; without them every order is NORMAL. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CustomerCategories categories;
    private final SubscriberService subscribers;

    @Activate
    public OrderServiceImpl(@Reference OrderStore orders, @Reference Transactions transactions,
            @Reference HallDirectory halls, @Reference ReceiptService receipts, @Reference AuditLog audit,
            @Reference BusinessClock clock, @Reference ProvinceParameters provinceParameters,
            @Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference ProcedureResolver procedures, @Reference OrderDeadlines deadlines) {
        this.orders = orders;
        this.transactions = transactions;
        this.halls = halls;
        this.clock = clock;
        this.provinceParameters = provinceParameters;
        this.procedures = procedures;
        this.subscribers = subscribers;
        this.envelopes = new EnvelopeCheck(procedures, halls, devices,
                new ServicePasswordInsteadOfId(() -> servicePasswords, () -> subscribers));
        this.payments = new PaymentDesk(orders, receipts, audit, clock, subscribers, accounts, devices);
        this.redaction = new Redaction(procedures);
        this.transitions = new Transitions(orders, audit, deadlines, transactions, clock, redaction);
    }

    @Reference(service = ProcedureStepHook.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeHook",
            updated = "updateHook")
    void addHook(ProcedureStepHook hook, Map<String, Object> properties) {
        if (!hooks.add(hook, properties)) {
            LOG.warn("step hook service {} names no procedure; ignored", properties.get("service.id"));
        }
    }

    void updateHook(ProcedureStepHook hook, Map<String, Object> properties) {
        addHook(hook, properties);
    }

    void removeHook(ProcedureStepHook hook, Map<String, Object> properties) {
        hooks.remove(properties);
    }

    /** The device registry, when the devices bundle runs; without it every hall works by hand. */
    @Reference(service = DeviceRegistry.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindDevices")
    void bindDevices(DeviceRegistry registry) {
        devices.bind(registry);
    }

    void unbindDevices(DeviceRegistry registry) {
        devices.unbind(registry);
    }

    /** Sets the customer categories where no framework injects them (unit tests). */
    void categories(CustomerCategories customerCategories) {
        this.categories = customerCategories;
    }

    /** Sets the service passwords where no framework injects them (unit tests). */
    void servicePasswords(ServicePasswords passwords) {
        this.servicePasswords = passwords;
    }

    // ---------------------------------------------------------------- submit and pay

    @Override
    public Order submit(Caller caller, OrderRequest request) {
        CallerAccess.requireCounter(caller);
        EnvelopeCheck.Envelope envelope = envelopes.check(caller, request);
        return redaction.shown(StepRunner.contained(() -> transactions.required(() -> place(envelope)), null,
                "nothing of the order was kept"));
    }

    private Order place(EnvelopeCheck.Envelope e) {
        String orderId = UUID.randomUUID().toString();
        OffsetDateTime now = clock.now();
        ResolvedProcedure procedure = e.procedure();
        Map<String, Object> result = new LinkedHashMap<>();
        if (e.byServicePassword()) {
            result.put(ProcedureDescriptor.IDENTIFIED_BY, ProcedureDescriptor.BY_SERVICE_PASSWORD);
        }
        EngineOrderContext context = new EngineOrderContext(orderId, procedure.id(), e.caller(), e.hall(), e.msisdn(),
                e.customer(), e.parties(), e.documents(), e.params(), provinceParameters.of(e.hall().province()), now,
                null, null, result);
        StepRunner.Quoted quoted = steps.quote(procedure, context);
        String note = null;
        if (!quoted.adjustments().isEmpty()) {
            note = String.join("; ", quoted.adjustments().stream().map(StepRunner.Adjustment::describe).toList());
            result.put(RESULT_QUOTE_ADJUSTMENTS,
                    quoted.adjustments().stream().map(StepRunner.Adjustment::asResult).toList());
        }
        String user = e.caller().user();
        boolean payable = quoted.quote().totalFen() > 0;
        List<StateChange> history = new ArrayList<>();
        history.add(new StateChange(OrderState.ACKNOWLEDGED, now, user, procedure.provider(), note));
        if (payable) {
            history.add(new StateChange(OrderState.PENDING_PAYMENT, now, user, procedure.provider(), null));
        }
        Order order = new Order(orderId, procedure.id(), procedure.provider(), e.hall().province(), e.hall().id(),
                user, e.msisdn() == null ? null : e.msisdn().value(), e.customer(), e.parties(), e.documents(),
                e.params(), payable ? OrderState.PENDING_PAYMENT : OrderState.ACKNOWLEDGED,
                payable ? Awaiting.PAYMENT : null, quoted.quote(), Transitions.frozen(result), null, now, now, history,
                OrderPriorities.of(e.hall().province(), e.customer(), e.msisdn(), categories, subscribers));
        transitions.insert(order);
        if (payable) {
            return order;
        }
        StepOutcome outcome = steps.run(Step.EXECUTE, procedure, context, () -> procedure.procedure().execute(context));
        payOutIfCompleted(order, outcome, e.caller(), context, Step.EXECUTE, procedure);
        return transitions.apply(order, outcome, Step.EXECUTE, procedure, context, null);
    }

    @Override
    public Payment pay(Caller caller, String orderId, PaymentRequest request) {
        CallerAccess.requireCounter(caller);
        return StepRunner.contained(() -> transactions.required(() -> {
            Order order = lockVisible(caller, orderId);
            if (order.state() != OrderState.PENDING_PAYMENT) {
                throw ProblemException.conflict("ORDER_NOT_AWAITING_PAYMENT",
                        "the order is " + order.state() + " and awaits no payment");
            }
            ResolvedProcedure procedure = resolveFor(order);
            Payment payment = payments.take(caller, order, request);
            EngineOrderContext context = context(order, caller, payment.at(), payment);
            StepOutcome outcome = steps.run(Step.EXECUTE, procedure, context,
                    () -> procedure.procedure().execute(context));
            payments.creditSurplus(order, payment, context);
            transitions.apply(order, outcome, Step.EXECUTE, procedure, context, null);
            return payment;
        }), crash -> transitions.markFailed(caller, orderId, crash),
                "the payment was not kept and the order has FAILED");
    }

    // ---------------------------------------------------------------- confirm and cancel

    @Override
    public Order confirm(Caller caller, String orderId, Confirmation confirmation) {
        CallerAccess.requireHall(caller);
        if (confirmation == null || confirmation.step() == null || confirmation.step().isBlank()) {
            CallerAccess.requireConfirmer(caller, null);
            throw ProblemException.badRequest("CONFIRMATION_STEP_MISSING", "step is required", "step");
        }
        CallerAccess.requireConfirmer(caller, confirmation);
        if (confirmation.approved() == null) {
            throw ProblemException.badRequest("APPROVED_MISSING", "approved is required", "approved");
        }
        return redaction.shown(StepRunner.contained(() -> transactions.required(() -> {
            Order order = lockVisible(caller, orderId);
            if (order.state() != OrderState.PENDING_CONFIRMATION) {
                throw ProblemException.conflict("ORDER_NOT_AWAITING_CONFIRMATION",
                        "the order is " + order.state() + " and awaits no confirmation");
            }
            ResolvedProcedure procedure = resolveFor(order);
            EngineOrderContext context = context(order, caller, clock.now(), null);
            StepOutcome outcome = steps.run(Step.CONFIRM, procedure, context,
                    () -> procedure.procedure().confirm(context, confirmation));
            payOutIfCompleted(order, outcome, caller, context, Step.CONFIRM, procedure);
            String note = confirmation.step() + (confirmation.approved() ? " approved" : " declined");
            return transitions.apply(order, outcome, Step.CONFIRM, procedure, context, note);
        }), crash -> transitions.markFailed(caller, orderId, crash),
                "the confirmation was not kept and the order has FAILED"));
    }

    @Override
    public Order cancel(Caller caller, String orderId) {
        CallerAccess.requireCounter(caller);
        return redaction.shown(StepRunner.contained(() -> transactions.required(() -> {
            Order order = lockVisible(caller, orderId);
            if (order.state().isFinal() || !orders.payments(order.id()).isEmpty() && !procedures
                    .resolveProvider(order.province(), order.procedure())
                    .map(p -> PaidOrderCancel.allowed(order, p.procedure().descriptor())).orElse(false)) {
                throw ProblemException.conflict("ORDER_NOT_CANCELLABLE", "an order that is " + order.state()
                        + " or has been paid cannot be cancelled");
            }
            return giveBack(order, caller, OrderState.CANCELLED, null, null);
        }), null, "the order was left as it was"));
    }

    /** Runs the procedure's CANCEL (it gives back what it took) and ends the order in {@code state}. */
    private Order giveBack(Order order, Caller caller, OrderState state, OrderProblem problem, String note) {
        ResolvedProcedure procedure = resolveFor(order);
        EngineOrderContext context = context(order, caller, clock.now(), null);
        steps.run(Step.CANCEL, procedure, context, () -> {
            procedure.procedure().cancel(context);
            return Boolean.TRUE;
        });
        return transitions.transition(order, state, null, problem, procedure, context, caller, note);
    }

    // ---------------------------------------------------------------- due work (the scheduler)

    @Override
    public void dateReached(String orderId) {
        StepRunner.contained(() -> transactions.required(() -> {
            Order order = orders.lock(orderId == null ? "" : orderId).orElse(null);
            if (order == null || order.state() != OrderState.SCHEDULED) {
                return null;
            }
            ResolvedProcedure procedure = resolveFor(order);
            EngineOrderContext context = context(order, CallerAccess.system(order.hall(), order.province()),
                    clock.now(), null);
            StepOutcome outcome = steps.run(Step.DATE, procedure, context,
                    () -> procedure.procedure().dateReached(context));
            payOutIfCompleted(order, outcome, context.caller(), context, Step.DATE, procedure);
            return transitions.apply(order, outcome, Step.DATE, procedure, context, "date reached");
        }), crash -> transitions.markFailed(CallerAccess.system(null, null), orderId, crash),
                "the order has FAILED");
    }

    @Override
    public void timedOut(String orderId) {
        StepRunner.contained(() -> transactions.required(() -> {
            Order order = orders.lock(orderId == null ? "" : orderId).orElse(null);
            if (order == null || order.state() != OrderState.PENDING_CONFIRMATION) {
                return null;
            }
            String awaited = order.awaiting() == null ? "the confirmation" : order.awaiting().name();
            return giveBack(order, CallerAccess.system(order.hall(), order.province()), OrderState.REJECTED, new OrderProblem(CONFIRMATION_TIMEOUT,
                    awaited + " did not come by the deadline"), "confirmation timed out");
        }), crash -> transitions.markFailed(CallerAccess.system(null, null), orderId, crash),
                "the order has FAILED");
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Order get(Caller caller, String orderId) {
        CallerAccess.requireKnown(caller);
        Order order = orders.find(orderId == null ? "" : orderId).orElseThrow(OrderServiceImpl::orderNotFound);
        caller.requireProvince(order.province());
        return redaction.shown(order);
    }

    @Override
    public Page<Order> list(Caller caller, OrderQuery query) {
        CallerAccess.requireKnown(caller);
        OrderQuery effective = query == null ? new OrderQuery(null, null, null, null, null, 0, Page.DEFAULT_LIMIT)
                : query;
        Page.offset(effective.offset());
        Page.limit(effective.limit());
        return orders.query(caller.isAdmin() ? null : caller.province(), effective).map(redaction::shown);
    }

    @Override
    public List<Payment> payments(Caller caller, String orderId) {
        Order order = get(caller, orderId);
        return orders.payments(order.id());
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Money paid out: an order whose quote is negative needs no payment, and the step that completes it (EXECUTE at
     * once, or a later confirmation or date) pays the amount out in its own transaction; a refused, failed or merely
     * waiting step pays nothing. The completing step may lower the amount, never raise it ({@link PayoutAmount}).
     */
    private void payOutIfCompleted(Order order, StepOutcome outcome, Caller caller, EngineOrderContext context,
            Step step, ResolvedProcedure procedure) {
        if (outcome == null || outcome.state() != OrderState.COMPLETED) {
            return;
        }
        long amount = PayoutAmount.of(order, outcome, step, procedure);
        boolean paysOut = order.quote() != null && order.quote().totalFen() < 0;
        if (paysOut && orders.payments(order.id()).isEmpty()) {
            if (amount > 0) {
                payments.payOut(caller, order, context, amount);
            } else {
                context.result().put(PaymentDesk.RESULT_PAID_OUT_FEN, 0L);
            }
        }
    }

    private ResolvedProcedure resolveFor(Order order) {
        return procedures.resolveProvider(order.province(), order.procedure())
                .orElseThrow(() -> new ProblemException(503, "PROCEDURE_UNAVAILABLE", "no provider of "
                        + order.procedure() + " is installed for province " + order.province() + " now", null));
    }

    private Order lockVisible(Caller caller, String orderId) {
        Order order = orders.lock(orderId == null ? "" : orderId).orElseThrow(OrderServiceImpl::orderNotFound);
        caller.requireProvince(order.province());
        return order;
    }

    private EngineOrderContext context(Order order, Caller caller, OffsetDateTime now, Payment payment) {
        Hall hall = halls.hall(order.hall())
                .orElseGet(() -> new Hall(order.hall(), order.hall(), order.province(), Set.of(), false));
        Map<String, Object> result = order.result() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(order.result());
        return new EngineOrderContext(order.id(), order.procedure(), caller, hall,
                order.msisdn() == null ? null : new Msisdn(order.msisdn()), order.customer(), order.parties(),
                order.documents(), order.params(), provinceParameters.of(order.province()), now, order.quote(),
                payment, result);
    }

    private static ProblemException orderNotFound() {
        return ProblemException.notFound("ORDER_NOT_FOUND", "no such order");
    }
}
