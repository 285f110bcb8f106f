package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.order.StateChange;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureProperties;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.testing.DirectTransactions;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryHallDirectory;
import org.bizhall.testing.InMemoryOrderDeadlines;
import org.bizhall.testing.InMemoryReceipts;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestProvinceParameters;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;

public class OrderServiceImplTest {
    private static final String TRANSFER = "ownership-transfer";
    private static final String RESET = "password-reset";
    private static final String NATIONAL_TRANSFER = "org.bizhall.procedure.transfer/1.0.0";
    private static final Customer HOLDER = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD,
            "11010519491231002X", null);

    private final Caller opSn = new Caller("op-sn", Role.OPERATOR, "SN-XA-001", "SN",
            Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION));
    private final Caller mgrSn = new Caller("mgr-sn", Role.MANAGER, "SN-XA-001", "SN", Set.of(HallKind.SELF_OWNED));
    private final Caller boSn = new Caller("bo-sn", Role.BACKOFFICE, "SN-XA-001", "SN", Set.of(HallKind.SELF_OWNED));
    private final Caller opSx = new Caller("op-sx", Role.OPERATOR, "SX-TY-001", "SX", Set.of(HallKind.SELF_OWNED));
    private final Caller admin = Caller.admin("admin");

    private FakeOrderStore store;

    private InMemoryOrderDeadlines deadlines;
    private DirectTransactions transactions;
    private RecordingAuditLog audit;
    private InMemoryReceipts receipts;
    private InMemoryAccounts accounts;
    private InMemorySubscribers subscribers;
    private ProcedureRegistryImpl registry;
    private OrderServiceImpl engine;
    private TestProcedure transfer;
    private TestProcedure reset;
    private long nextServiceId = 1;

    @Before
    public void setUp() {
        store = new FakeOrderStore();
        transactions = new DirectTransactions();
        audit = new RecordingAuditLog();
        receipts = new InMemoryReceipts();
        accounts = new InMemoryAccounts();
        subscribers = new InMemorySubscribers();
        deadlines = new InMemoryOrderDeadlines();
        // the orders' number has an account: the engine credits a kiosk surplus to it
        subscribers.add("13891800088", "SN", "SN-XA-001", accounts.seed(88, 0).id());
        transactions.enlist(store, audit, receipts, accounts, deadlines);
        registry = new ProcedureRegistryImpl();
        registry.configure(Map.of());
        engine = new OrderServiceImpl(store, transactions, InMemoryHallDirectory.demo(), receipts, audit,
                new SettableClock(), new TestProvinceParameters().with("intlRoamingEnabled", true), subscribers, accounts,
                registry, deadlines);

        transfer = new TestProcedure(TRANSFER, "过户");
        transfer.documents = List.of(DocumentKind.HOLDER_ID, DocumentKind.NEW_HOLDER_ID);
        transfer.quote = order -> Quote.of(List.of(new QuoteItem("DEPOSIT", "新机主预存款", 20000)));
        install(transfer, "org.bizhall.procedure.transfer", "1.0.0", "*", 0);
        reset = new TestProcedure(RESET, "密码重置");
        install(reset, "org.bizhall.procedure.password", "1.0.0", "*", 0);
    }

    private FakeServiceReference<Procedure> install(Procedure procedure, String bundle, String version,
            String province, int ranking) {
        FakeServiceReference<Procedure> reference = new FakeServiceReference<>(nextServiceId++, bundle, version,
                Map.of(ProcedureProperties.PROCEDURE, ((TestProcedure) procedure).id,
                        ProcedureProperties.PROVINCE, province, Constants.SERVICE_RANKING, ranking));
        registry.addProcedure(procedure, reference);
        return reference;
    }

    private void hook(ProcedureStepHook hook, String procedure, String province) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProcedureProperties.PROCEDURE, procedure);
        props.put(ProcedureProperties.PROVINCE, province);
        props.put(Constants.SERVICE_ID, nextServiceId++);
        engine.addHook(hook, props);
    }

    private static OrderRequest transferRequest() {
        return new OrderRequest(TRANSFER, "13891800088", HOLDER, List.of(),
                List.of(new Document(DocumentKind.HOLDER_ID, "11010519491231002X", null),
                        new Document(DocumentKind.NEW_HOLDER_ID, "11010519491231002X", null)),
                Map.of("newHolderName", "李四"));
    }

    private static OrderRequest resetRequest() {
        return new OrderRequest(RESET, "13891800088", HOLDER, List.of(), List.of(), Map.of());
    }

    private static ProblemException refused(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e;
        }
        fail("expected a refusal");
        return null;
    }

    private List<String> auditedStates(String orderId) {
        return audit.forOrder(orderId).stream().filter(e -> e.action().equals(OrderServiceImpl.AUDIT_ORDER_STATE))
                .map(e -> e.subject()).toList();
    }

    // ------------------------------------------------------------------ write-only params

    @Test
    public void writeOnlyParamsAreRedactedInAnswersButReachTheProcedureAndAreErasedWhenTheOrderEnds() {
        transfer.paramsSchema = "{\"type\":\"object\",\"properties\":{\"servicePassword\":"
                + "{\"type\":\"string\",\"writeOnly\":true}}}";
        List<Object> seenAtExecute = new java.util.ArrayList<>();
        transfer.execute = order -> {
            seenAtExecute.add(order.params().asMap().get("servicePassword"));
            return StepOutcome.completed();
        };
        OrderRequest request = new OrderRequest(TRANSFER, "13891800088", HOLDER, List.of(),
                transferRequest().documents(), Map.of("newHolderName", "李四", "servicePassword", "135790"));
        Order submitted = engine.submit(opSn, request);
        assertEquals("***", submitted.params().get("servicePassword"));
        assertEquals("***", engine.get(opSn, submitted.id()).params().get("servicePassword"));
        assertEquals("135790", store.find(submitted.id()).orElseThrow().params().get("servicePassword"));

        engine.pay(opSn, submitted.id(), new PaymentRequest(PaymentMethod.BANK_CARD, null, null));
        assertEquals(List.of("135790"), seenAtExecute);
        assertEquals("the ended order keeps no password", "***",
                store.find(submitted.id()).orElseThrow().params().get("servicePassword"));
        assertEquals("李四", store.find(submitted.id()).orElseThrow().params().get("newHolderName"));
    }

    // ------------------------------------------------------------------ submit

    @Test
    public void orderWithAQuoteWaitsForPayment() {
        Order order = engine.submit(opSn, transferRequest());

        assertEquals(OrderState.PENDING_PAYMENT, order.state());
        assertEquals(Awaiting.PAYMENT, order.awaiting());
        assertEquals(20000, order.quote().totalFen());
        assertEquals("SN", order.province());
        assertEquals("SN-XA-001", order.hall());
        assertEquals("op-sn", order.operator());
        assertEquals(NATIONAL_TRANSFER, order.provider());
        assertEquals(List.of(OrderState.ACKNOWLEDGED, OrderState.PENDING_PAYMENT),
                order.history().stream().map(StateChange::state).toList());
        assertTrue(order.history().stream().allMatch(h -> NATIONAL_TRANSFER.equals(h.provider())
                && "op-sn".equals(h.actor()) && h.at() != null));
        assertEquals(order, store.find(order.id()).orElseThrow());
        assertEquals(List.of("ACKNOWLEDGED", "PENDING_PAYMENT"), auditedStates(order.id()));
        assertEquals(0, transfer.executes);
    }

    @Test
    public void zeroTotalOrderExecutesAtOnceAndCompletes() {
        reset.execute = order -> {
            order.result().put("reset", true);
            return StepOutcome.completed();
        };
        Order order = engine.submit(mgrSn, resetRequest());

        assertEquals(OrderState.COMPLETED, order.state());
        assertNull(order.awaiting());
        assertEquals(1, reset.executes);
        assertEquals(Boolean.TRUE, order.result().get("reset"));
        assertEquals(List.of(OrderState.ACKNOWLEDGED, OrderState.COMPLETED),
                store.find(order.id()).orElseThrow().history().stream().map(StateChange::state).toList());
        assertEquals(List.of("ACKNOWLEDGED", "COMPLETED"), auditedStates(order.id()));
        assertEquals("nothing to pay, no receipt", 0, receipts.issued().size());
    }

    @Test
    public void refusedOrderStoresNothing() {
        transfer.quote = order -> {
            order.result().put("half", "done");
            throw ProblemException.rule("TRANSFER_DEPOSIT_TOO_LOW", "deposit below 200 yuan", "params.depositFen");
        };
        ProblemException e = refused(() -> engine.submit(opSn, transferRequest()));
        assertEquals(422, e.status());
        assertEquals("TRANSFER_DEPOSIT_TOO_LOW", e.code());
        assertEquals("params.depositFen", e.field());
        assertTrue(store.all().isEmpty());
        assertTrue(audit.entries().isEmpty());
    }

    @Test
    public void refusalFromZeroTotalExecuteStoresNothing() {
        reset.execute = order -> {
            throw ProblemException.rule("PASSWORD_WRONG", "wrong password");
        };
        assertEquals("PASSWORD_WRONG", refused(() -> engine.submit(opSn, resetRequest())).code());
        assertTrue(store.all().isEmpty());
        assertTrue(audit.entries().isEmpty());
    }

    @Test
    public void missingRequiredDocumentRefusedBeforeTheProcedureRuns() {
        OrderRequest request = new OrderRequest(TRANSFER, "13891800088", HOLDER, List.of(),
                List.of(new Document(DocumentKind.HOLDER_ID, "11010519491231002X", null)), Map.of());
        ProblemException e = refused(() -> engine.submit(opSn, request));
        assertEquals(422, e.status());
        assertEquals("DOCUMENT_MISSING", e.code());
        assertEquals("documents", e.field());
        assertTrue(e.detail().contains("NEW_HOLDER_ID"));
        assertEquals(0, transfer.quotes);
        assertTrue(store.all().isEmpty());
    }

    @Test
    public void envelopeIsValidatedBeforeAnythingIsWritten() {
        ProblemException noProcedure = refused(() -> engine.submit(opSn,
                new OrderRequest(" ", null, null, null, null, null)));
        assertEquals("PROCEDURE_MISSING", noProcedure.code());
        assertEquals(400, noProcedure.status());
        ProblemException unknown = refused(() -> engine.submit(opSn,
                new OrderRequest("teleportation", null, null, null, null, null)));
        assertEquals(404, unknown.status());
        assertEquals("PROCEDURE_UNKNOWN", unknown.code());
        ProblemException badMsisdn = refused(() -> engine.submit(opSn,
                new OrderRequest(RESET, "1389180", null, null, null, null)));
        assertEquals("MSISDN_INVALID", badMsisdn.code());
        assertEquals("msisdn", badMsisdn.field());
        ProblemException badId = refused(() -> engine.submit(opSn, new OrderRequest(RESET, null,
                new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, "110105194912310021", null),
                null, null, null)));
        assertEquals("ID_NUMBER_CHECK_FAILED", badId.code());
        assertEquals("customer.idNumber", badId.field());
        assertEquals(0, reset.quotes);
        assertTrue(store.all().isEmpty());
    }

    @Test
    public void onlyCounterStaffSubmit() {
        ProblemException byAdmin = refused(() -> engine.submit(admin, resetRequest()));
        assertEquals(403, byAdmin.status());
        assertEquals("NO_HALL", byAdmin.code());
        ProblemException byBackOffice = refused(() -> engine.submit(boSn, resetRequest()));
        assertEquals(403, byBackOffice.status());
        assertEquals("ROLE_NOT_ALLOWED", byBackOffice.code());
        assertTrue(store.all().isEmpty());
    }

    @Test
    public void priorHookOfTheProvinceCanRefuseAndOtherProvincesAreUntouched() {
        hook(new ProcedureStepHook() {
            @Override
            public void prior(Step step, OrderContext order) {
                if (step == Step.QUOTE && !order.params().text("newHolderName").isPresent()) {
                    throw ProblemException.rule("SN_NEW_HOLDER_NAME_REQUIRED", "Shaanxi needs the new holder's name");
                }
            }
        }, TRANSFER, "SN");
        OrderRequest without = new OrderRequest(TRANSFER, "13891800088", HOLDER, List.of(),
                transferRequest().documents(), Map.of());
        assertEquals("SN_NEW_HOLDER_NAME_REQUIRED", refused(() -> engine.submit(opSn, without)).code());
        assertTrue(store.all().isEmpty());
        assertEquals(0, transfer.quotes);

        OrderRequest sxWithout = new OrderRequest(TRANSFER, "13935100088", HOLDER, List.of(),
                transferRequest().documents(), Map.of());
        assertEquals(OrderState.PENDING_PAYMENT, engine.submit(opSx, sxWithout).state());
        assertEquals(OrderState.PENDING_PAYMENT, engine.submit(opSn, transferRequest()).state());
    }

    @Test
    public void successHookSeesTheQuotedOrder() {
        StringBuilder seen = new StringBuilder();
        hook(new ProcedureStepHook() {
            @Override
            public void success(Step step, OrderContext order) {
                seen.append(step).append(':').append(order.quote().map(Quote::totalFen).orElse(-1L)).append(' ');
            }
        }, TRANSFER, "*");
        Order order = engine.submit(opSn, transferRequest());
        engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.BANK_CARD, null, null));
        assertEquals("QUOTE:20000 EXECUTE:20000 ", seen.toString());
    }

    // ------------------------------------------------------------------ pay

    @Test
    public void cashPaymentRecordsDueTenderedAndChange_singOut() {
        Order order = engine.submit(opSn, transferRequest());
        Payment payment = engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.CASH, 30000L, null));

        assertEquals(20000, payment.dueFen());
        assertEquals(30000, payment.tenderedFen());
        assertEquals(10000, payment.changeFen());
        assertEquals(0, payment.surplusFen());
        assertNotNull(payment.receipt().number());
        assertEquals(1, receipts.issued().size());
        assertEquals(30000, receipts.issued().get(0).tenderedFen());
        assertEquals(10000, receipts.issued().get(0).changeFen());
        assertEquals(20000, receipts.issued().get(0).totalFen());
        assertEquals("DEPOSIT", receipts.issued().get(0).lines().get(0).code());
        Order paid = store.find(order.id()).orElseThrow();
        assertEquals(OrderState.COMPLETED, paid.state());
        assertEquals(List.of(payment), engine.payments(opSn, order.id()));
        assertTrue(audit.forOrder(order.id()).stream().anyMatch(e -> e.action().equals("PAYMENT_TAKEN")
                && Long.valueOf(20000).equals(e.amountFen())));
        assertEquals(1, transfer.executes);
    }

    @Test
    public void cashBelowTheAmountDueIsRefused() {
        Order order = engine.submit(opSn, transferRequest());
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.CASH, 19999L, null)));
        assertEquals(422, e.status());
        assertEquals("TENDERED_TOO_LOW", e.code());
        assertEquals("tenderedFen", e.field());
        assertEquals(OrderState.PENDING_PAYMENT, store.find(order.id()).orElseThrow().state());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
    }

    @Test
    public void kioskTakesOnly10_20_50_100YuanNotes() {
        Order order = engine.submit(opSn, transferRequest());
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, List.of(100, 5, 100))));
        assertEquals(400, e.status());
        assertEquals("KIOSK_NOTE_INVALID", e.code());
        assertEquals("notes[1]", e.field());
        assertEquals(0, store.paymentCount());
    }

    @Test
    public void kioskGivesNoChangeAndTheSurplusIsCredited() {
        Order order = engine.submit(opSn, transferRequest());
        long[] surplusSeen = {-1};
        transfer.execute = ctx -> {
            surplusSeen[0] = ctx.payment().orElseThrow().surplusFen();
            return StepOutcome.completed();
        };
        Payment payment = engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, List.of(100, 100, 50)));
        assertEquals(25000, payment.tenderedFen());
        assertEquals(0, payment.changeFen());
        assertEquals(5000, payment.surplusFen());
        assertEquals("the procedure sees the surplus it must credit", 5000, surplusSeen[0]);
        assertEquals("the receipt accounts for all the cash the kiosk took", 25000, receipts.issued().get(0).totalFen());
    }

    @Test
    public void kioskNotesBelowTheAmountDueAreRefused() {
        Order order = engine.submit(opSn, transferRequest());
        assertEquals("TENDERED_TOO_LOW", refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, List.of(100, 50)))).code());
    }

    @Test
    public void payingTwiceConflicts() {
        Order order = engine.submit(opSn, transferRequest());
        engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.BANK_CARD, null, null));
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.CASH, 50000L, null)));
        assertEquals(409, e.status());
        assertEquals("ORDER_NOT_AWAITING_PAYMENT", e.code());
        assertEquals(1, store.paymentCount());
    }

    @Test
    public void paymentNeedsAMethodAndAnExistingOrder() {
        Order order = engine.submit(opSn, transferRequest());
        ProblemException noMethod = refused(() -> engine.pay(opSn, order.id(), new PaymentRequest(null, 1L, null)));
        assertEquals(400, noMethod.status());
        assertEquals("PAYMENT_METHOD_MISSING", noMethod.code());
        ProblemException missing = refused(() -> engine.pay(opSn, "no-such-order",
                new PaymentRequest(PaymentMethod.CASH, 1L, null)));
        assertEquals(404, missing.status());
        assertEquals("ORDER_NOT_FOUND", missing.code());
    }

    @Test
    public void depositPaysWhenTheBalanceCoversTheAmountDue() {
        accounts.seed(7, 25000);
        subscribers.add("13891800088", "SN", "SN-XA-001", 7);
        Order order = engine.submit(opSn, transferRequest());
        Payment payment = engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.DEPOSIT, null, null));
        assertEquals(20000, payment.tenderedFen());
        assertEquals(5000, accounts.find(7).orElseThrow().balanceFen());
        assertEquals(-20000, accounts.entries().get(0).amountFen());
        assertEquals(OrderServiceImpl.LEDGER_ORDER_PAYMENT, accounts.entries().get(0).kind());
        assertEquals(order.id(), accounts.entries().get(0).orderId());
    }

    @Test
    public void depositBelowTheAmountDueIsRefused() {
        accounts.seed(7, 19999);
        subscribers.add("13891800088", "SN", "SN-XA-001", 7);
        Order order = engine.submit(opSn, transferRequest());
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.DEPOSIT, null, null)));
        assertEquals(422, e.status());
        assertEquals("DEPOSIT_INSUFFICIENT", e.code());
        assertTrue(accounts.entries().isEmpty());
        assertEquals("DEPOSIT_NOT_AVAILABLE", refused(() -> engine.pay(opSn, engine.submit(opSn,
                new OrderRequest(TRANSFER, "13891800001", HOLDER, List.of(), transferRequest().documents(), Map.of()))
                .id(), new PaymentRequest(PaymentMethod.DEPOSIT, null, null))).code());
    }

    @Test
    public void refusalFromExecuteRollsThePaymentBack() {
        Order order = engine.submit(opSn, transferRequest());
        transfer.execute = ctx -> {
            throw ProblemException.conflict("NUMBER_ASSIGNED", "the number was taken meanwhile");
        };
        assertEquals("NUMBER_ASSIGNED", refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.CASH, 20000L, null))).code());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        assertEquals(OrderState.PENDING_PAYMENT, store.find(order.id()).orElseThrow().state());
    }

    @Test
    public void executeMayLeaveTheOrderWaitingForTheBackOffice() {
        Order order = engine.submit(opSn, transferRequest());
        transfer.execute = ctx -> StepOutcome.awaitingConfirmation(Awaiting.BACK_OFFICE, "sent to the office");
        engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.BANK_CARD, null, null));
        Order waiting = engine.get(opSn, order.id());
        assertEquals(OrderState.PENDING_CONFIRMATION, waiting.state());
        assertEquals(Awaiting.BACK_OFFICE, waiting.awaiting());

        Confirmation office = new Confirmation("BIG_CUSTOMER_OFFICE", true, "ok", null);
        ProblemException byOperator = refused(() -> engine.confirm(opSn, order.id(), office));
        assertEquals(403, byOperator.status());
        assertEquals("ROLE_NOT_ALLOWED", byOperator.code());

        Order done = engine.confirm(boSn, order.id(), office);
        assertEquals(OrderState.COMPLETED, done.state());
        StateChange last = done.history().get(done.history().size() - 1);
        assertEquals("bo-sn", last.actor());
        assertEquals(NATIONAL_TRANSFER, last.provider());
        assertEquals("ORDER_NOT_AWAITING_CONFIRMATION",
                refused(() -> engine.confirm(boSn, order.id(), office)).code());
    }

    // ------------------------------------------------------------------ province isolation

    @Test
    public void callerOfAnotherProvinceIsForbidden() {
        Order order = engine.submit(opSn, transferRequest());
        ProblemException read = refused(() -> engine.get(opSx, order.id()));
        assertEquals(403, read.status());
        assertEquals("OTHER_PROVINCE", read.code());
        ProblemException pay = refused(() -> engine.pay(opSx, order.id(),
                new PaymentRequest(PaymentMethod.CASH, 20000L, null)));
        assertEquals("OTHER_PROVINCE", pay.code());
        assertEquals("OTHER_PROVINCE", refused(() -> engine.cancel(opSx, order.id())).code());
        assertEquals(0, store.paymentCount());
        assertEquals("admin sees every province", order.id(), engine.get(admin, order.id()).id());
    }

    @Test
    public void listingShowsOnlyTheCallersProvince() {
        Order sn = engine.submit(opSn, transferRequest());
        Order sx = engine.submit(opSx, new OrderRequest(TRANSFER, "13935100088", HOLDER, List.of(),
                transferRequest().documents(), Map.of()));
        OrderQuery query = new OrderQuery(null, null, null, null, null, 0, 50);
        assertEquals(List.of(sn.id()), engine.list(opSn, query).items().stream().map(Order::id).toList());
        assertEquals(List.of(sx.id()), engine.list(opSx, query).items().stream().map(Order::id).toList());
        assertEquals(2, engine.list(admin, query).total());
        assertEquals("LIMIT_INVALID", refused(() -> engine.list(opSn,
                new OrderQuery(null, null, null, null, null, 0, 501))).code());
    }

    // ------------------------------------------------------------------ cancel

    @Test
    public void unpaidOrderCanBeCancelledAndGivesBackWhatItTook() {
        Order order = engine.submit(opSn, transferRequest());
        Order cancelled = engine.cancel(mgrSn, order.id());
        assertEquals(OrderState.CANCELLED, cancelled.state());
        assertNull(cancelled.awaiting());
        assertEquals(1, transfer.cancels);
        assertEquals("ORDER_NOT_CANCELLABLE", refused(() -> engine.cancel(opSn, order.id())).code());
        assertEquals("ORDER_NOT_AWAITING_PAYMENT", refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.CASH, 20000L, null))).code());
    }

    @Test
    public void paidOrderCannotBeCancelled() {
        Order order = engine.submit(opSn, transferRequest());
        transfer.execute = ctx -> StepOutcome.awaitingConfirmation(Awaiting.CUSTOMER_CALL, null);
        engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.BANK_CARD, null, null));
        ProblemException e = refused(() -> engine.cancel(opSn, order.id()));
        assertEquals(409, e.status());
        assertEquals("ORDER_NOT_CANCELLABLE", e.code());
        assertEquals(0, transfer.cancels);
    }

    @Test
    public void paidScheduledOrderIsCancelledOnlyWhenItsProcedureListsTheCancelStep() {
        transfer.execute = ctx -> StepOutcome.scheduled(ctx.now().plusMonths(1), "runs on next month");
        Order plain = engine.submit(opSn, transferRequest());
        engine.pay(opSn, plain.id(), new PaymentRequest(PaymentMethod.BANK_CARD, null, null));
        assertEquals(OrderState.SCHEDULED, engine.get(opSn, plain.id()).state());
        assertEquals("ORDER_NOT_CANCELLABLE", refused(() -> engine.cancel(opSn, plain.id())).code());
        assertEquals(0, transfer.cancels);

        transfer.steps = List.of("quote", "payment", "execute", "date", "cancel");
        Order order = engine.submit(opSn, transferRequest());
        engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.BANK_CARD, null, null));
        Order cancelled = engine.cancel(opSn, order.id());
        assertEquals(OrderState.CANCELLED, cancelled.state());
        assertEquals("the procedure undid what was still running", 1, transfer.cancels);
        assertEquals("what was paid stays paid", 1, engine.payments(opSn, order.id()).size());
    }

    // ------------------------------------------------------------------ replaceable procedures, failure boundary

    @Test
    public void eachStepRecordsTheProviderThatRanIt() {
        Order order = engine.submit(opSn, transferRequest());
        TestProcedure shaanxi = new TestProcedure(TRANSFER, "陕西过户");
        shaanxi.documents = transfer.documents;
        FakeServiceReference<Procedure> sn = install(shaanxi, "org.bizhall.province.sn", "1.1.0", "SN", 100);

        engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.BANK_CARD, null, null));
        Order paid = engine.get(opSn, order.id());
        assertEquals(List.of(NATIONAL_TRANSFER, NATIONAL_TRANSFER, "org.bizhall.province.sn/1.1.0"),
                paid.history().stream().map(StateChange::provider).toList());
        assertEquals("org.bizhall.province.sn/1.1.0", paid.provider());
        assertEquals(1, shaanxi.executes);
        assertEquals(0, transfer.executes);

        registry.removeProcedure(sn);
        assertEquals("uninstalling brings the default back at once", NATIONAL_TRANSFER,
                engine.submit(opSn, transferRequest()).provider());
    }

    @Test
    public void procedureCrashAtQuoteFailsOnlyThatOrder() {
        TestProcedure brokenSx = new TestProcedure(TRANSFER, "broken");
        brokenSx.documents = transfer.documents;
        brokenSx.quote = order -> {
            throw new IllegalStateException("boom for " + order.customer().name());
        };
        install(brokenSx, "org.bizhall.province.sx", "1.0.0", "SX", 10);
        OrderRequest sxRequest = new OrderRequest(TRANSFER, "13935100088", HOLDER, List.of(),
                transferRequest().documents(), Map.of());

        ProblemException e = refused(() -> engine.submit(opSx, sxRequest));
        assertEquals(500, e.status());
        assertEquals("PROCEDURE_FAILED", e.code());
        assertTrue("no personal data in the answer", !e.detail().contains("张三"));
        assertTrue(store.all().isEmpty());
        assertTrue(audit.entries().isEmpty());

        Order sn = engine.submit(opSn, transferRequest());
        assertEquals(OrderState.PENDING_PAYMENT, sn.state());
        assertEquals(OrderState.COMPLETED, engine.submit(opSx, resetRequest()).state());
    }

    @Test
    public void procedureCrashAtExecuteFailsTheOrderAndKeepsNoPayment() {
        Order victim = engine.submit(opSn, transferRequest());
        Order other = engine.submit(opSn, transferRequest());
        transfer.execute = ctx -> {
            if (ctx.orderId().equals(victim.id())) {
                throw new NullPointerException();
            }
            return StepOutcome.completed();
        };
        ProblemException e = refused(() -> engine.pay(opSn, victim.id(),
                new PaymentRequest(PaymentMethod.CASH, 20000L, null)));
        assertEquals(500, e.status());
        assertEquals("PROCEDURE_FAILED", e.code());

        Order failed = engine.get(opSn, victim.id());
        assertEquals(OrderState.FAILED, failed.state());
        assertEquals("PROCEDURE_FAILED", failed.problem().code());
        assertEquals(NATIONAL_TRANSFER, failed.history().get(failed.history().size() - 1).provider());
        assertTrue("the payment was rolled back", engine.payments(opSn, victim.id()).isEmpty());
        assertEquals(0, receipts.issued().size());
        assertTrue(auditedStates(victim.id()).contains("FAILED"));

        engine.pay(opSn, other.id(), new PaymentRequest(PaymentMethod.CASH, 20000L, null));
        assertEquals(OrderState.COMPLETED, engine.get(opSn, other.id()).state());
    }

    @Test
    public void procedureAnsweringNoOutcomeIsAFailure() {
        transfer.execute = ctx -> null;
        Order order = engine.submit(opSn, transferRequest());
        assertEquals("PROCEDURE_FAILED", refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.BANK_CARD, null, null))).code());
        assertEquals(OrderState.FAILED, engine.get(opSn, order.id()).state());
    }

    @Test
    public void crashingHookIsContainedLikeAProcedure() {
        hook(new ProcedureStepHook() {
            @Override
            public void prior(Step step, OrderContext order) {
                throw new IllegalArgumentException("hook bug");
            }
        }, RESET, "SX");
        assertEquals("PROCEDURE_FAILED", refused(() -> engine.submit(opSx, resetRequest())).code());
        assertEquals(OrderState.COMPLETED, engine.submit(opSn, resetRequest()).state());
    }

    @Test
    public void failureHookHearsOfTheRefusal() {
        StringBuilder heard = new StringBuilder();
        hook(new ProcedureStepHook() {
            @Override
            public void failure(Step step, OrderContext order, RuntimeException failure) {
                heard.append(step).append(' ').append(((ProblemException) failure).code());
            }
        }, TRANSFER, "SN");
        transfer.quote = order -> {
            throw ProblemException.rule("TRANSFER_DEPOSIT_TOO_LOW", "too low");
        };
        refused(() -> engine.submit(opSn, transferRequest()));
        assertEquals("QUOTE TRANSFER_DEPOSIT_TOO_LOW", heard.toString());
    }

    @Test
    public void paymentWaitsWhenNoProviderIsInstalled() {
        registry = new ProcedureRegistryImpl();
        registry.configure(Map.of());
        engine = new OrderServiceImpl(store, transactions, InMemoryHallDirectory.demo(), receipts, audit,
                new SettableClock(), new TestProvinceParameters().with("intlRoamingEnabled", true), subscribers, accounts,
                registry, deadlines);
        FakeServiceReference<Procedure> only = install(transfer, "org.bizhall.procedure.transfer", "1.0.0", "*", 0);
        Order order = engine.submit(opSn, transferRequest());
        registry.removeProcedure(only);

        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.CASH, 20000L, null)));
        assertEquals(503, e.status());
        assertEquals("PROCEDURE_UNAVAILABLE", e.code());
        assertEquals(0, store.paymentCount());
        assertEquals(OrderState.PENDING_PAYMENT, engine.get(opSn, order.id()).state());

        install(transfer, "org.bizhall.procedure.transfer", "1.0.1", "*", 0);
        engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.CASH, 20000L, null));
        assertEquals(OrderState.COMPLETED, engine.get(opSn, order.id()).state());
    }

    @Test
    public void scheduledOrderAwaitsItsDate() {
        java.time.OffsetDateTime due = java.time.OffsetDateTime.parse("2027-02-10T00:00:00+08:00");
        transfer.execute = ctx -> StepOutcome.scheduled(due, "formal cancellation three months on");
        Order order = engine.submit(opSn, transferRequest());
        engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.BANK_CARD, null, null));
        Order scheduled = engine.get(opSn, order.id());
        assertEquals(OrderState.SCHEDULED, scheduled.state());
        assertEquals(Awaiting.DATE, scheduled.awaiting());
        assertEquals(due.toString(), scheduled.result().get(OrderServiceImpl.RESULT_DUE_AT));
        assertEquals("formal cancellation three months on",
                scheduled.history().get(scheduled.history().size() - 1).note());
    }
}
