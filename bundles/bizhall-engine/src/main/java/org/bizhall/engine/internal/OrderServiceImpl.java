package org.bizhall.engine.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdentitySource;
import org.bizhall.api.customer.Party;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.KioskCash;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderProblem;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.ReceiptRef;
import org.bizhall.api.order.StateChange;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.NewReceipt;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptLine;
import org.bizhall.api.service.ReceiptService;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.store.OrderStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order state machine. Every call resolves the procedure anew (an order may be quoted by one provider and executed
 * by its successor; the history names both), runs in one transaction, and either completes or writes nothing.
 * <p>
 * Procedure and hook code runs behind a failure boundary: a refusal ({@link ProblemException}) passes through
 * unchanged; anything else rolls back the step, marks an already accepted order {@code FAILED} in a transaction of its
 * own, and answers 500 {@code PROCEDURE_FAILED}, leaving every other order alone.
 * <p>
 * Hall devices are optional: an identity the envelope asks to read comes from the caller's hall's ID-card reader, and
 * kiosk notes are counted by the hall's cash kiosk when the device registry has one bound (see {@link HallDevices}).
 */
@Component(service = OrderService.class)
public class OrderServiceImpl implements OrderService {
    /** Audit action written for every state an order enters. */
    public static final String AUDIT_ORDER_STATE = "ORDER_STATE";
    /** Audit action written for every payment. */
    public static final String AUDIT_PAYMENT_TAKEN = "PAYMENT_TAKEN";
    /** Ledger kind of a payment drawn from the account's deposit. */
    public static final String LEDGER_ORDER_PAYMENT = "ORDER_PAYMENT";
    /** Result key under which a scheduled order keeps the business time it waits for. */
    public static final String RESULT_DUE_AT = "dueAt";
    /** Receipt line of what a kiosk took beyond the amount due (it gives no change; the procedure credits it). */
    public static final String RECEIPT_KIOSK_SURPLUS = "KIOSK_SURPLUS";

    /** More notes than a kiosk's cash box takes in one session is not a real payment. */
    static final int MAX_KIOSK_NOTES = 100;
    private static final Logger LOG = LoggerFactory.getLogger(OrderServiceImpl.class);
    private static final Set<Integer> KIOSK_NOTES_YUAN = Set.of(10, 20, 50, 100);
    private static final Set<String> OFFICE_STEPS = Set.of("BIG_CUSTOMER_OFFICE", "ACCOUNTING_OFFICE");
    private static final Set<OrderState> STEP_OUTCOMES = EnumSet.of(OrderState.COMPLETED,
            OrderState.PENDING_CONFIRMATION, OrderState.SCHEDULED, OrderState.REJECTED);

    private final OrderStore orders;
    private final Transactions transactions;
    private final HallDirectory halls;
    private final ReceiptService receipts;
    private final AuditLog audit;
    private final BusinessClock clock;
    private final ProvinceParameters provinceParameters;
    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final ProcedureResolver procedures;
    private final StepHooks hooks = new StepHooks();
    private final HallDevices devices = new HallDevices();

    @Activate
    public OrderServiceImpl(@Reference OrderStore orders, @Reference Transactions transactions,
            @Reference HallDirectory halls, @Reference ReceiptService receipts, @Reference AuditLog audit,
            @Reference BusinessClock clock, @Reference ProvinceParameters provinceParameters,
            @Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference ProcedureResolver procedures) {
        this.orders = orders;
        this.transactions = transactions;
        this.halls = halls;
        this.receipts = receipts;
        this.audit = audit;
        this.clock = clock;
        this.provinceParameters = provinceParameters;
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.procedures = procedures;
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

    // ---------------------------------------------------------------- submit

    @Override
    public Order submit(Caller caller, OrderRequest request) {
        requireCounter(caller);
        if (request == null) {
            throw ProblemException.badRequest("ORDER_MISSING", "the order envelope is required", null);
        }
        String procedureId = request.procedure() == null ? "" : request.procedure().trim();
        if (procedureId.isEmpty()) {
            throw ProblemException.badRequest("PROCEDURE_MISSING", "procedure is required", "procedure");
        }
        ResolvedProcedure procedure = procedures.resolveProvider(caller.province(), procedureId)
                .orElseThrow(() -> ProblemException.notFound("PROCEDURE_UNKNOWN",
                        "no procedure " + procedureId + " is available in province " + caller.province()));
        Msisdn msisdn = request.msisdn() == null || request.msisdn().isBlank() ? null
                : Msisdn.parse(request.msisdn().trim(), "msisdn");
        requireOneCardRead(request);
        Customer customer = request.customer() == null ? null
                : identified(caller, request.customer(), "customer").validated("customer");
        List<Party> parties = validParties(caller, request.parties());
        List<Document> documents = validDocuments(request.documents());
        ProcedureDescriptor descriptor = describe(procedure);
        for (DocumentKind kind : descriptor.documents()) {
            if (documents.stream().noneMatch(d -> d.kind() == kind)) {
                throw ProblemException.rule("DOCUMENT_MISSING", "the document " + kind + " is required for "
                        + procedureId, "documents");
            }
        }
        Hall hall = halls.hall(caller.hall())
                .orElseThrow(() -> ProblemException.forbidden("NO_HALL", "the caller's hall is unknown"));
        Submission submission = new Submission(caller, procedure, hall, msisdn, customer, parties, documents,
                request.params());
        try {
            return shown(transactions.required(() -> place(submission)));
        } catch (RuntimeException e) {
            ProcedureCrash crash = ProcedureCrash.in(e);
            if (crash == null) {
                throw e;
            }
            throw procedureFailed(crash, "nothing of the order was kept");
        }
    }

    private record Submission(Caller caller, ResolvedProcedure procedure, Hall hall, Msisdn msisdn, Customer customer,
            List<Party> parties, List<Document> documents, Map<String, Object> params) {
    }

    private Order place(Submission s) {
        String orderId = UUID.randomUUID().toString();
        OffsetDateTime now = clock.now();
        ResolvedProcedure procedure = s.procedure();
        Map<String, Object> result = new LinkedHashMap<>();
        EngineOrderContext context = new EngineOrderContext(orderId, procedure.id(), s.caller(), s.hall(), s.msisdn(),
                s.customer(), s.parties(), s.documents(), s.params(),
                provinceParameters.of(s.hall().province()), now, null, null, result);
        // The quote goes into the context before the success hooks run, so they see what was priced.
        Quote quote = step(Step.QUOTE, procedure, context, () -> {
            Quote priced = procedure.procedure().quote(context);
            if (priced == null) {
                throw new IllegalStateException("quote returned nothing");
            }
            context.quote(priced);
            return priced;
        });
        String user = s.caller().user();
        List<StateChange> history = new ArrayList<>();
        history.add(new StateChange(OrderState.ACKNOWLEDGED, now, user, procedure.provider(), null));
        boolean payable = quote.totalFen() > 0;
        if (payable) {
            history.add(new StateChange(OrderState.PENDING_PAYMENT, now, user, procedure.provider(), null));
        }
        Order order = new Order(orderId, procedure.id(), procedure.provider(), s.hall().province(), s.hall().id(), user,
                s.msisdn() == null ? null : s.msisdn().value(), s.customer(), s.parties(), s.documents(), s.params(),
                payable ? OrderState.PENDING_PAYMENT : OrderState.ACKNOWLEDGED, payable ? Awaiting.PAYMENT : null,
                quote, frozen(result), null, now, now, history);
        orders.insert(order);
        for (StateChange change : history) {
            auditState(user, order, change.state(), procedure.provider());
        }
        if (payable) {
            return order;
        }
        StepOutcome outcome = step(Step.EXECUTE, procedure, context, () -> procedure.procedure().execute(context));
        return apply(order, outcome, Step.EXECUTE, procedure, context, null);
    }

    // ---------------------------------------------------------------- pay

    @Override
    public Payment pay(Caller caller, String orderId, PaymentRequest request) {
        requireCounter(caller);
        try {
            return transactions.required(() -> takePayment(caller, orderId, request));
        } catch (RuntimeException e) {
            ProcedureCrash crash = ProcedureCrash.in(e);
            if (crash == null) {
                throw e;
            }
            markFailed(caller, orderId, crash);
            throw procedureFailed(crash, "the payment was not kept and the order has FAILED");
        }
    }

    private Payment takePayment(Caller caller, String orderId, PaymentRequest request) {
        Order order = lockVisible(caller, orderId);
        if (order.state() != OrderState.PENDING_PAYMENT) {
            throw ProblemException.conflict("ORDER_NOT_AWAITING_PAYMENT",
                    "the order is " + order.state() + " and awaits no payment");
        }
        if (request == null || request.method() == null) {
            throw ProblemException.badRequest("PAYMENT_METHOD_MISSING",
                    "method is required: CASH, BANK_CARD, KIOSK_CASH or DEPOSIT", "method");
        }
        ResolvedProcedure procedure = resolveFor(order);
        long due = order.quote() == null ? 0 : order.quote().totalFen();
        long tendered;
        long change = 0;
        long surplus = 0;
        KioskCash kiosk = null;
        switch (request.method()) {
            case CASH -> {
                tendered = Money.requireAmount(request.tenderedFen(), "tenderedFen");
                if (tendered < due) {
                    throw tenderedTooLow(tendered, due, "tenderedFen");
                }
                change = tendered - due;
            }
            case BANK_CARD -> tendered = due;
            case KIOSK_CASH -> {
                if (request.notes() != null && request.notes().size() > MAX_KIOSK_NOTES) {
                    throw ProblemException.badRequest("KIOSK_NOTES_TOO_MANY", "a kiosk payment takes at most "
                            + MAX_KIOSK_NOTES + " notes", "notes");
                }
                HallDevices.KioskTake take = devices.kioskNotes(caller.hall(), request.notes(),
                        OrderServiceImpl::kioskTendered);
                tendered = take.tenderedFen();
                kiosk = take.report();
                if (tendered < due) {
                    throw kiosk == null ? tenderedTooLow(tendered, due, "notes") : ProblemException.rule(
                            "TENDERED_TOO_LOW", "the kiosk " + kiosk.device() + " accepted " + Money.yuan(tendered)
                            + " yuan (returned " + kiosk.returnedNotesFen().size() + " notes), less than the "
                            + Money.yuan(due) + " yuan due; nothing was paid", "notes");
                }
                surplus = tendered - due;
            }
            case DEPOSIT -> {
                drawDeposit(order, due);
                tendered = due;
            }
            default -> throw ProblemException.badRequest("PAYMENT_METHOD_INVALID", "unknown payment method", "method");
        }
        OffsetDateTime now = clock.now();
        List<ReceiptLine> lines = new ArrayList<>();
        if (order.quote() != null) {
            order.quote().items().forEach(i -> lines.add(new ReceiptLine(i.code(), i.description(), i.amountFen())));
        }
        if (surplus > 0) {
            lines.add(new ReceiptLine(RECEIPT_KIOSK_SURPLUS, "kiosk cash beyond the amount due, credited", surplus));
        }
        Receipt receipt = receipts.issue(new NewReceipt(caller.hall(), caller.user(), order.id(), order.msisdn(),
                request.method().name(), lines, due + surplus, tendered, change));
        Payment payment = new Payment(UUID.randomUUID().toString(), order.id(), request.method(), due, tendered, change,
                surplus, new ReceiptRef(receipt.number()), caller.hall(), caller.user(), now, kiosk);
        orders.insertPayment(payment);
        audit.record(caller.user(), AUDIT_PAYMENT_TAKEN, order.id(), request.method().name(), tendered - change,
                "receipt " + receipt.number() + ", due " + due + ", tendered " + tendered + ", change " + change
                        + ", surplus " + surplus + (kiosk == null ? "" : ", kiosk " + kiosk.device() + " accepted "
                        + kiosk.acceptedNotesFen() + " returned " + kiosk.returnedNotesFen()));
        EngineOrderContext context = context(order, caller, now, payment);
        StepOutcome outcome = step(Step.EXECUTE, procedure, context, () -> procedure.procedure().execute(context));
        apply(order, outcome, Step.EXECUTE, procedure, context, null);
        return payment;
    }

    private static long kioskTendered(List<Integer> notes) {
        long yuan = 0;
        List<Integer> given = notes == null ? List.of() : notes;
        for (int i = 0; i < given.size(); i++) {
            Integer note = given.get(i);
            if (note == null || !KIOSK_NOTES_YUAN.contains(note)) {
                throw ProblemException.badRequest("KIOSK_NOTE_INVALID",
                        "the kiosk takes 10, 20, 50 and 100 yuan notes only", "notes[" + i + "]");
            }
            yuan += note;
        }
        return Money.requireAmount(yuan * 100, "notes");
    }

    private static ProblemException tenderedTooLow(long tendered, long due, String field) {
        return ProblemException.rule("TENDERED_TOO_LOW",
                "tendered " + Money.yuan(tendered) + " yuan is less than the " + Money.yuan(due) + " yuan due", field);
    }

    private void drawDeposit(Order order, long due) {
        if (order.msisdn() == null) {
            throw ProblemException.rule("DEPOSIT_NOT_AVAILABLE", "the order names no number whose deposit could pay",
                    "method");
        }
        Subscriber subscriber = subscribers.find(new Msisdn(order.msisdn())).orElseThrow(() -> ProblemException
                .rule("DEPOSIT_NOT_AVAILABLE", "the number has no account whose deposit could pay", "method"));
        Account account = accounts.find(subscriber.accountId()).orElseThrow(() -> ProblemException
                .rule("DEPOSIT_NOT_AVAILABLE", "the number has no account whose deposit could pay", "method"));
        if (account.balanceFen() < due) {
            throw depositInsufficient(account.balanceFen(), due);
        }
        LedgerEntry entry = accounts.post(account.id(), LEDGER_ORDER_PAYMENT, -due, order.id(),
                "payment of order " + order.procedure());
        // The check above read the balance without the account lock; the posting is made under it.
        if (entry.balanceAfterFen() < 0) {
            throw depositInsufficient(entry.balanceAfterFen() + due, due);
        }
    }

    private static ProblemException depositInsufficient(long balance, long due) {
        return ProblemException.rule("DEPOSIT_INSUFFICIENT", "the deposit of " + Money.yuan(balance)
                + " yuan does not cover the " + Money.yuan(due) + " yuan due", "method");
    }

    // ---------------------------------------------------------------- confirm and cancel

    @Override
    public Order confirm(Caller caller, String orderId, Confirmation confirmation) {
        requireHall(caller);
        caller.requireRole(Role.OPERATOR, Role.MANAGER, Role.BACKOFFICE);
        if (confirmation == null || confirmation.step() == null || confirmation.step().isBlank()) {
            throw ProblemException.badRequest("CONFIRMATION_STEP_MISSING", "step is required", "step");
        }
        if (OFFICE_STEPS.contains(confirmation.step()) && caller.role() != Role.BACKOFFICE) {
            throw ProblemException.forbidden("ROLE_NOT_ALLOWED",
                    "the step " + confirmation.step() + " is confirmed by the back office");
        }
        if (confirmation.approved() == null) {
            throw ProblemException.badRequest("APPROVED_MISSING", "approved is required", "approved");
        }
        try {
            return shown(transactions.required(() -> {
                Order order = lockVisible(caller, orderId);
                if (order.state() != OrderState.PENDING_CONFIRMATION) {
                    throw ProblemException.conflict("ORDER_NOT_AWAITING_CONFIRMATION",
                            "the order is " + order.state() + " and awaits no confirmation");
                }
                ResolvedProcedure procedure = resolveFor(order);
                EngineOrderContext context = context(order, caller, clock.now(), null);
                StepOutcome outcome = step(Step.CONFIRM, procedure, context,
                        () -> procedure.procedure().confirm(context, confirmation));
                String note = confirmation.step() + (confirmation.approved() ? " approved" : " declined");
                return apply(order, outcome, Step.CONFIRM, procedure, context, note);
            }));
        } catch (RuntimeException e) {
            ProcedureCrash crash = ProcedureCrash.in(e);
            if (crash == null) {
                throw e;
            }
            markFailed(caller, orderId, crash);
            throw procedureFailed(crash, "the confirmation was not kept and the order has FAILED");
        }
    }

    @Override
    public Order cancel(Caller caller, String orderId) {
        requireCounter(caller);
        try {
            return shown(transactions.required(() -> {
                Order order = lockVisible(caller, orderId);
                if (order.state().isFinal() || !orders.payments(order.id()).isEmpty()) {
                    throw ProblemException.conflict("ORDER_NOT_CANCELLABLE", "an order that is " + order.state()
                            + " or has been paid cannot be cancelled");
                }
                ResolvedProcedure procedure = resolveFor(order);
                EngineOrderContext context = context(order, caller, clock.now(), null);
                step(Step.CANCEL, procedure, context, () -> {
                    procedure.procedure().cancel(context);
                    return Boolean.TRUE;
                });
                return transition(order, OrderState.CANCELLED, null, null, procedure, context, caller, null);
            }));
        } catch (RuntimeException e) {
            ProcedureCrash crash = ProcedureCrash.in(e);
            if (crash == null) {
                throw e;
            }
            throw procedureFailed(crash, "the order was left as it was");
        }
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Order get(Caller caller, String orderId) {
        requireKnownCaller(caller);
        Order order = orders.find(orderId == null ? "" : orderId).orElseThrow(ProblemExceptions::orderNotFound);
        caller.requireProvince(order.province());
        return shown(order);
    }

    @Override
    public Page<Order> list(Caller caller, OrderQuery query) {
        requireKnownCaller(caller);
        OrderQuery effective = query == null ? new OrderQuery(null, null, null, null, null, 0, Page.DEFAULT_LIMIT)
                : query;
        Page.offset(effective.offset());
        Page.limit(effective.limit());
        return orders.query(caller.isAdmin() ? null : caller.province(), effective).map(this::shown);
    }

    @Override
    public List<Payment> payments(Caller caller, String orderId) {
        Order order = get(caller, orderId);
        return orders.payments(order.id());
    }

    // ---------------------------------------------------------------- steps and transitions

    /**
     * Runs one step of procedure code with the hooks of the order's procedure and province around it. Refusals pass;
     * anything else becomes a {@link ProcedureCrash}, which rolls the transaction back.
     */
    private <T> T step(Step step, ResolvedProcedure procedure, EngineOrderContext context, Supplier<T> call) {
        List<ProcedureStepHook> applicable = hooks.applicable(procedure.id(), context.hall().province());
        guarded(step, procedure, context, "prior hook", () -> {
            for (ProcedureStepHook hook : applicable) {
                hook.prior(step, context);
            }
            return null;
        });
        T value;
        try {
            value = guarded(step, procedure, context, "procedure", call);
        } catch (RuntimeException failure) {
            RuntimeException reported = failure instanceof ProcedureCrash crash && crash.getCause() != null
                    ? new IllegalStateException(crash.getMessage()) : failure;
            for (ProcedureStepHook hook : applicable) {
                try {
                    hook.failure(step, context, reported);
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("a failure hook of {} failed in step {} of order {}", procedure.id(), step,
                            context.orderId(), SafeLog.scrubbed(e));
                }
            }
            throw failure;
        }
        guarded(step, procedure, context, "success hook", () -> {
            for (ProcedureStepHook hook : applicable) {
                hook.success(step, context);
            }
            return null;
        });
        return value;
    }

    private static <T> T guarded(Step step, ResolvedProcedure procedure, EngineOrderContext context, String what,
            Supplier<T> call) {
        try {
            return call.get();
        } catch (ProblemException refusal) {
            throw refusal;
        } catch (RuntimeException | LinkageError e) {
            LOG.error("{} of procedure {} by {} failed in step {} of order {} (province {})", what, procedure.id(),
                    procedure.provider(), step, context.orderId(), context.hall().province(), SafeLog.scrubbed(e));
            throw new ProcedureCrash(step, procedure.id(), procedure.provider(), e);
        }
    }

    /** Applies what a step answered; an answer that is no outcome is the procedure's failure. */
    private Order apply(Order order, StepOutcome outcome, Step step, ResolvedProcedure procedure,
            EngineOrderContext context, String note) {
        if (outcome == null || !STEP_OUTCOMES.contains(outcome.state())
                || outcome.state() == OrderState.PENDING_CONFIRMATION && outcome.awaiting() == null) {
            throw new ProcedureCrash(step, procedure.id(), procedure.provider(), new IllegalStateException(
                    "step " + step + " answered no usable outcome: " + (outcome == null ? null : outcome.state())));
        }
        OrderState state = outcome.state();
        Awaiting awaiting = switch (state) {
            case PENDING_CONFIRMATION -> outcome.awaiting();
            case SCHEDULED -> outcome.awaiting() == null ? Awaiting.DATE : outcome.awaiting();
            default -> null;
        };
        if (state == OrderState.SCHEDULED && outcome.dueAt() != null) {
            context.result().put(RESULT_DUE_AT, outcome.dueAt().toString());
        }
        OrderProblem problem = state == OrderState.REJECTED ? new OrderProblem("PROCEDURE_REJECTED",
                outcome.note() == null ? "the order was refused" : outcome.note()) : null;
        return transition(order, state, awaiting, problem, procedure, context, context.caller(),
                join(note, outcome.note()));
    }

    private Order transition(Order order, OrderState state, Awaiting awaiting, OrderProblem problem,
            ResolvedProcedure procedure, EngineOrderContext context, Caller caller, String note) {
        OffsetDateTime now = context.now();
        List<StateChange> history = new ArrayList<>(order.history());
        history.add(new StateChange(state, now, caller.user(), procedure.provider(), note));
        Map<String, Object> params = state.isFinal()
                ? WriteOnlyParams.redact(order.params(), writeOnly(procedure)) : order.params();
        Order updated = new Order(order.id(), order.procedure(), procedure.provider(), order.province(), order.hall(),
                order.operator(), order.msisdn(), order.customer(), order.parties(), order.documents(), params,
                state, awaiting, order.quote(), frozen(context.result()), problem, order.createdAt(), now, history);
        orders.update(updated);
        if (state != order.state()) {
            auditState(caller.user(), updated, state, procedure.provider());
        }
        return updated;
    }

    /** After a crash rolled a step back, records in a transaction of its own that the order has failed. */
    private void markFailed(Caller caller, String orderId, ProcedureCrash crash) {
        // A caller's transaction (an idempotent HTTP request) may still hold the order row: mark it once that ended.
        transactions.afterRollback(() -> recordFailure(caller, orderId, crash));
    }

    private void recordFailure(Caller caller, String orderId, ProcedureCrash crash) {
        try {
            transactions.requiresNew(() -> {
                Order order = orders.lock(orderId).orElse(null);
                if (order == null || order.state().isFinal()) {
                    return null;
                }
                OffsetDateTime now = clock.now();
                List<StateChange> history = new ArrayList<>(order.history());
                history.add(new StateChange(OrderState.FAILED, now, caller.user(), crash.provider(),
                        "procedure failed in step " + crash.step()));
                Order failed = new Order(order.id(), order.procedure(), crash.provider(), order.province(),
                        order.hall(), order.operator(), order.msisdn(), order.customer(), order.parties(),
                        order.documents(), order.params(), OrderState.FAILED, null, order.quote(), order.result(),
                        new OrderProblem("PROCEDURE_FAILED", "the procedure failed in step " + crash.step()
                                + "; nothing of that step was kept"),
                        order.createdAt(), now, history);
                orders.update(failed);
                auditState(caller.user(), failed, OrderState.FAILED, crash.provider());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("order {} could not be marked FAILED after its procedure failed", orderId, SafeLog.scrubbed(e));
        }
    }

    private void auditState(String actor, Order order, OrderState state, String provider) {
        audit.record(actor, AUDIT_ORDER_STATE, order.id(), state.name(), null,
                order.procedure() + " by " + provider);
    }

    private static ProblemException procedureFailed(ProcedureCrash crash, String consequence) {
        return new ProblemException(500, "PROCEDURE_FAILED", "the procedure " + crash.procedureId() + " ("
                + crash.provider() + ") failed in step " + crash.step() + "; " + consequence, null);
    }

    // ---------------------------------------------------------------- helpers

    private Set<String> writeOnly(ResolvedProcedure procedure) {
        try {
            return WriteOnlyParams.of(procedure.procedure().descriptor().paramsSchema());
        } catch (RuntimeException | LinkageError e) {
            return Set.of();
        }
    }

    /** The order as callers see it: params the procedure's schema marks write-only are redacted. */
    private Order shown(Order order) {
        Set<String> writeOnly = procedures.resolveProvider(order.province(), order.procedure())
                .map(this::writeOnly).orElse(Set.of());
        Map<String, Object> params = WriteOnlyParams.redact(order.params(), writeOnly);
        if (params == order.params()) {
            return order;
        }
        return new Order(order.id(), order.procedure(), order.provider(), order.province(), order.hall(),
                order.operator(), order.msisdn(), order.customer(), order.parties(), order.documents(), params,
                order.state(), order.awaiting(), order.quote(), order.result(), order.problem(), order.createdAt(),
                order.updatedAt(), order.history());
    }

    private ProcedureDescriptor describe(ResolvedProcedure procedure) {
        ProcedureDescriptor descriptor;
        try {
            descriptor = procedure.procedure().descriptor();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("procedure {} by {} cannot describe itself", procedure.id(), procedure.provider(),
                    SafeLog.scrubbed(e));
            throw procedureFailed(new ProcedureCrash(Step.QUOTE, procedure.id(), procedure.provider(), e),
                    "nothing of the order was kept");
        }
        if (descriptor == null) {
            throw procedureFailed(new ProcedureCrash(Step.QUOTE, procedure.id(), procedure.provider(),
                    new IllegalStateException("no descriptor")), "nothing of the order was kept");
        }
        return descriptor;
    }

    private ResolvedProcedure resolveFor(Order order) {
        return procedures.resolveProvider(order.province(), order.procedure())
                .orElseThrow(() -> new ProblemException(503, "PROCEDURE_UNAVAILABLE", "no provider of "
                        + order.procedure() + " is installed for province " + order.province() + " now", null));
    }

    private Order lockVisible(Caller caller, String orderId) {
        Order order = orders.lock(orderId == null ? "" : orderId).orElseThrow(ProblemExceptions::orderNotFound);
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

    private List<Party> validParties(Caller caller, List<Party> parties) {
        List<Party> valid = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            Party party = parties.get(i);
            String field = "parties[" + i + "]";
            if (party == null) {
                throw ProblemException.badRequest("PARTY_MISSING", "a party is empty", field);
            }
            if (party.readFromCard()) {
                party = party.identifiedAs(devices.readIdentity(caller.hall(), field));
            }
            valid.add(party.validated(field));
        }
        return valid;
    }

    /** The identity as typed, or as the hall's ID-card reader reads it when the envelope asks for that. */
    private Customer identified(Caller caller, Customer asked, String field) {
        if (!asked.readFromCard()) {
            return asked;
        }
        Customer read = devices.readIdentity(caller.hall(), field);
        // a card carries no postal address of the customer's choosing: a typed one is kept when the card has none
        return read.address() == null && asked.address() != null
                ? new Customer(read.type(), read.name(), read.idType(), read.idNumber(), asked.address(),
                        IdentitySource.ID_CARD_READER)
                : read;
    }

    /** One card lies on the reader at a time: one envelope reads at most one identity from it. */
    private static void requireOneCardRead(OrderRequest request) {
        boolean read = request.customer() != null && request.customer().readFromCard();
        for (int i = 0; i < request.parties().size(); i++) {
            Party party = request.parties().get(i);
            if (party != null && party.readFromCard()) {
                if (read) {
                    throw ProblemException.badRequest("ID_CARD_READ_TWICE", "one identity of an order is read from"
                            + " the ID-card reader; type the others", "parties[" + i + "].source");
                }
                read = true;
            }
        }
    }

    private static List<Document> validDocuments(List<Document> documents) {
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            if (document == null || document.kind() == null) {
                throw ProblemException.badRequest("DOCUMENT_KIND_MISSING", "each document needs its kind",
                        "documents[" + i + "].kind");
            }
        }
        return documents;
    }

    /** Submitting and paying happen at a counter: operators and managers of a hall. */
    private static void requireCounter(Caller caller) {
        requireHall(caller);
        caller.requireRole(Role.OPERATOR, Role.MANAGER);
    }

    private static void requireHall(Caller caller) {
        requireKnownCaller(caller);
        if (caller.isAdmin() || caller.hall() == null || caller.province() == null) {
            throw ProblemException.forbidden("NO_HALL", "this is done at a hall; the caller has none");
        }
    }

    private static void requireKnownCaller(Caller caller) {
        if (caller == null || caller.role() == null) {
            throw ProblemException.forbidden("ROLE_NOT_ALLOWED", "the caller is unknown");
        }
        if (!caller.isAdmin() && caller.province() == null) {
            throw ProblemException.forbidden("NO_HALL", "the caller belongs to no hall");
        }
    }

    private static Map<String, Object> frozen(Map<String, Object> values) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    private static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + "; " + second;
    }

    private static final class ProblemExceptions {
        private ProblemExceptions() {
        }

        static ProblemException orderNotFound() {
            return ProblemException.notFound("ORDER_NOT_FOUND", "no such order");
        }
    }
}
