package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.IdentitySource;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.ProcedureProperties;
import org.bizhall.api.service.AuditEntry;
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

/**
 * Rules "Hall devices": an order's identity may be read from the caller's hall's ID-card reader instead of typed, and a
 * hall's cash kiosk decides which notes it takes; a hall without the device falls back to manual entry.
 */
public class HallDevicesOrderTest {
    private static final String TRANSFER = "ownership-transfer";
    private static final String CARD_NUMBER = "11010519491231002X";
    private static final Customer CARD = new Customer(CustomerType.PERSONAL, "王小明", IdType.ID_CARD, CARD_NUMBER,
            null);
    private static final Customer TYPED = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD,
            "11010519491231002X", "西安市");

    private final Caller opSn = new Caller("op-sn", Role.OPERATOR, "SN-XA-001", "SN", Set.of(HallKind.SELF_OWNED));
    private final Caller opSx = new Caller("op-sx", Role.OPERATOR, "SX-TY-001", "SX", Set.of(HallKind.SELF_OWNED));

    private FakeOrderStore store;

    private InMemoryOrderDeadlines deadlines;
    private RecordingAuditLog audit;
    private InMemoryReceipts receipts;
    private FakeDevices devices;
    private OrderServiceImpl engine;
    private TestProcedure transfer;

    @Before
    public void setUp() {
        store = new FakeOrderStore();
        DirectTransactions transactions = new DirectTransactions();
        audit = new RecordingAuditLog();
        receipts = new InMemoryReceipts();
        InMemoryAccounts accounts = new InMemoryAccounts();
        deadlines = new InMemoryOrderDeadlines();
        // the order's number has an account: the engine credits a kiosk surplus to it
        InMemorySubscribers subscribers = new InMemorySubscribers();
        subscribers.add("13891800088", "SN", "SN-XA-001", accounts.seed(88, 0).id());
        transactions.enlist(store, audit, receipts, accounts, deadlines);
        ProcedureRegistryImpl registry = new ProcedureRegistryImpl();
        registry.configure(Map.of());
        engine = new OrderServiceImpl(store, transactions, InMemoryHallDirectory.demo(), receipts, audit,
                new SettableClock(), new TestProvinceParameters().with("intlRoamingEnabled", true), subscribers, accounts,
                registry, deadlines);
        devices = new FakeDevices();
        engine.bindDevices(devices);
        transfer = new TestProcedure(TRANSFER, "过户");
        transfer.documents = List.of(DocumentKind.HOLDER_ID);
        transfer.quote = order -> Quote.of(List.of(new QuoteItem("DEPOSIT", "新机主预存款", 20000)));
        registry.addProcedure(transfer, new FakeServiceReference<>(1, "org.bizhall.procedure.transfer", "1.0.0",
                Map.of(ProcedureProperties.PROCEDURE, TRANSFER, ProcedureProperties.PROVINCE, "*",
                        Constants.SERVICE_RANKING, 0)));
    }

    private static OrderRequest order(Customer customer, List<Party> parties) {
        List<Document> documents = new java.util.ArrayList<>(
                List.of(new Document(DocumentKind.HOLDER_ID, "11010519491231002X", null)));
        if (parties.stream().anyMatch(p -> p.role() == PartyRole.PROXY)) {
            documents.add(new Document(DocumentKind.PROXY_ID, CARD_NUMBER, null));
        }
        return new OrderRequest(TRANSFER, "13891800088", customer, parties, documents, Map.of());
    }

    private static Customer fromReader() {
        return new Customer(null, null, null, null, null, IdentitySource.ID_CARD_READER);
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

    private long storedOrders() {
        return store.query(null, new OrderQuery(null, null, null, null, null, 0, 50)).total();
    }

    // ------------------------------------------------------------------ ID-card reader

    @Test
    public void identityReadFromTheHallsIdCardReaderFillsTheCustomerAndIsMarkedMachineRead_hallDevices() {
        FakeDevices.Reader reader = devices.reader("SN-XA-001", config -> CARD);
        StringBuilder seen = new StringBuilder();
        transfer.quote = ctx -> {
            seen.append(ctx.customer().name());
            return Quote.of(List.of(new QuoteItem("DEPOSIT", "新机主预存款", 20000)));
        };
        Order order = engine.submit(opSn, order(fromReader(), List.of()));

        assertEquals(1, reader.reads);
        assertEquals("the procedure sees the identity read", "王小明", seen.toString());
        Customer stored = store.find(order.id()).orElseThrow().customer();
        assertEquals("王小明", stored.name());
        assertEquals(CARD_NUMBER, stored.idNumber());
        assertEquals(IdType.ID_CARD, stored.idType());
        assertEquals(IdentitySource.ID_CARD_READER, stored.source());
        Customer shown = order.masked().customer();
        assertEquals("王**", shown.name());
        assertEquals("**************002X", shown.idNumber());
        assertEquals(IdentitySource.ID_CARD_READER, shown.source());
    }

    @Test
    public void typedIdentityStaysManualAndTheReaderIsNotAsked_hallDevices() {
        FakeDevices.Reader reader = devices.reader("SN-XA-001", config -> CARD);
        Order order = engine.submit(opSn, order(TYPED, List.of()));
        assertEquals(0, reader.reads);
        assertEquals("张三", store.find(order.id()).orElseThrow().customer().name());
        assertNull(store.find(order.id()).orElseThrow().customer().source());
    }

    @Test
    public void identityReadFromTheCardIsValidatedLikeATypedOne_checkCharacter() {
        devices.reader("SN-XA-001", config -> new Customer(CustomerType.PERSONAL, "王小明", IdType.ID_CARD,
                "110105194912310021", null));
        ProblemException e = refused(() -> engine.submit(opSn, order(fromReader(), List.of())));
        assertEquals(400, e.status());
        assertEquals("ID_NUMBER_CHECK_FAILED", e.code());
        assertEquals("customer.idNumber", e.field());
        assertEquals(0, storedOrders());
    }

    @Test
    public void hallWithoutAReaderAnswersReaderUnavailableAndStoresNothing_manualFallback() {
        devices.reader("SX-TY-001", config -> CARD);
        ProblemException e = refused(() -> engine.submit(opSn, order(fromReader(), List.of())));
        assertEquals(503, e.status());
        assertEquals("ID_CARD_READER_UNAVAILABLE", e.code());
        assertEquals("customer.source", e.field());
        assertTrue(e.detail(), e.detail().contains("by hand"));
        assertEquals(0, storedOrders());
        assertEquals(0, transfer.quotes);

        engine.unbindDevices(devices);
        assertEquals("without the devices bundle", "ID_CARD_READER_UNAVAILABLE",
                refused(() -> engine.submit(opSx, order(fromReader(), List.of()))).code());
        assertEquals(OrderState.PENDING_PAYMENT, engine.submit(opSn, order(TYPED, List.of())).state());
    }

    @Test
    public void readerThatReadsNoCardIsRefusedAndStoresNothing_manualFallback() {
        devices.reader("SN-XA-001", config -> {
            throw new DeviceException(DeviceStatus.ERROR, "no card on the reader");
        });
        ProblemException e = refused(() -> engine.submit(opSn, order(fromReader(), List.of())));
        assertEquals(422, e.status());
        assertEquals("ID_CARD_NOT_READ", e.code());
        assertEquals("customer.source", e.field());
        assertEquals(0, storedOrders());
    }

    @Test
    public void readerThatDoesNotAnswerIsUnavailable_manualFallback() {
        devices.reader("SN-XA-001", config -> {
            throw new DeviceException(DeviceStatus.OFFLINE, "does not answer");
        });
        ProblemException e = refused(() -> engine.submit(opSn, order(fromReader(), List.of())));
        assertEquals(503, e.status());
        assertEquals("ID_CARD_READER_UNAVAILABLE", e.code());
        assertEquals(0, storedOrders());
    }

    @Test
    public void partyIdentityMayBeReadFromTheCardKeepingItsRole_hallDevices() {
        devices.reader("SN-XA-001", config -> CARD);
        Party proxy = new Party(PartyRole.PROXY, null, null, null, null, IdentitySource.ID_CARD_READER);
        Order order = engine.submit(opSn, order(TYPED, List.of(proxy)));
        Party stored = store.find(order.id()).orElseThrow().parties().get(0);
        assertEquals(PartyRole.PROXY, stored.role());
        assertEquals("王小明", stored.name());
        assertEquals(CARD_NUMBER, stored.idNumber());
        assertEquals(IdentitySource.ID_CARD_READER, stored.source());
        assertEquals("王**", order.masked().parties().get(0).name());
        assertEquals(IdentitySource.ID_CARD_READER, order.masked().parties().get(0).source());
    }

    @Test
    public void oneEnvelopeReadsOneCard_hallDevices() {
        FakeDevices.Reader reader = devices.reader("SN-XA-001", config -> CARD);
        Party proxy = new Party(PartyRole.PROXY, null, null, null, null, IdentitySource.ID_CARD_READER);
        ProblemException e = refused(() -> engine.submit(opSn, order(fromReader(), List.of(proxy))));
        assertEquals(400, e.status());
        assertEquals("ID_CARD_READ_TWICE", e.code());
        assertEquals("parties[0].source", e.field());
        assertEquals(0, reader.reads);
        assertEquals(0, storedOrders());
    }

    // ------------------------------------------------------------------ cash kiosk

    @Test
    public void boundKioskDecidesTheNotes_returnedOnesAreReportedAllAcceptedCreditedNoChange_rule2_kiosk() {
        FakeDevices.Kiosk kiosk = devices.kiosk("SN-XA-001", Set.of(2_000L, 5_000L, 10_000L));
        Order order = engine.submit(opSn, order(TYPED, List.of()));
        Payment payment = engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, List.of(100, 10, 100, 50)));

        assertEquals("the kiosk saw every inserted note, in fen", List.of(List.of(10_000L, 1_000L, 10_000L, 5_000L)),
                kiosk.sessions);
        assertEquals(25_000, payment.tenderedFen());
        assertEquals(0, payment.changeFen());
        assertEquals(5_000, payment.surplusFen());
        assertEquals("SN-XA-001-kiosk", payment.kiosk().device());
        assertEquals(List.of(10_000L, 10_000L, 5_000L), payment.kiosk().acceptedNotesFen());
        assertEquals(List.of(1_000L), payment.kiosk().returnedNotesFen());
        assertEquals("the receipt holds what the kiosk took", 25_000, receipts.issued().get(0).totalFen());
        AuditEntry taken = audit.forOrder(order.id()).stream()
                .filter(a -> a.action().equals(OrderServiceImpl.AUDIT_PAYMENT_TAKEN)).findFirst().orElseThrow();
        assertTrue(taken.detail(), taken.detail().contains("kiosk SN-XA-001-kiosk")
                && taken.detail().contains("returned [1000]"));
        assertEquals(OrderState.COMPLETED, store.find(order.id()).orElseThrow().state());
    }

    @Test
    public void kioskNotesAcceptedBelowTheAmountDueAreRefusedAndNothingIsPaid_rule2_kiosk() {
        devices.kiosk("SN-XA-001", Set.of(10_000L));
        Order order = engine.submit(opSn, order(TYPED, List.of()));
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, List.of(100, 50, 50))));
        assertEquals(422, e.status());
        assertEquals("TENDERED_TOO_LOW", e.code());
        assertEquals("notes", e.field());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        assertEquals(OrderState.PENDING_PAYMENT, store.find(order.id()).orElseThrow().state());
    }

    @Test
    public void withoutABoundKioskTheNational10_20_50_100NotesApply_rule2_kiosk_manualFallback() {
        devices.kiosk("SX-TY-001", Set.of(500L, 1_000L, 2_000L, 5_000L, 10_000L));
        Order order = engine.submit(opSn, order(TYPED, List.of()));
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, List.of(100, 5, 100))));
        assertEquals("another hall's kiosk does not count here", "KIOSK_NOTE_INVALID", e.code());
        assertEquals("notes[1]", e.field());

        Payment payment = engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, List.of(100, 100, 50)));
        assertNull(payment.kiosk());
        assertEquals(25_000, payment.tenderedFen());
    }

    @Test
    public void kioskThatCannotReportAnswersUnavailableAndNothingIsPaid() {
        FakeDevices.Kiosk kiosk = devices.kiosk("SN-XA-001", Set.of(10_000L));
        kiosk.failure = new DeviceException(DeviceStatus.OFFLINE, "does not answer");
        Order order = engine.submit(opSn, order(TYPED, List.of()));
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, List.of(100, 100))));
        assertEquals(503, e.status());
        assertEquals("CASH_KIOSK_UNAVAILABLE", e.code());
        assertEquals(0, store.paymentCount());
    }

    @Test
    public void aNoteIsAPositiveNumberOfYuanWhateverTheKioskTakes() {
        FakeDevices.Kiosk kiosk = devices.kiosk("SN-XA-001", Set.of(10_000L));
        Order order = engine.submit(opSn, order(TYPED, List.of()));
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, java.util.Arrays.asList(100, 0))));
        assertEquals(400, e.status());
        assertEquals("KIOSK_NOTE_INVALID", e.code());
        assertEquals("notes[1]", e.field());
        assertTrue(kiosk.sessions.isEmpty());
    }

    @Test
    public void moreNotesThanAKioskSessionTakesAreRefusedBeforeTheKioskIsAsked() {
        FakeDevices.Kiosk kiosk = devices.kiosk("SN-XA-001", Set.of(10_000L));
        Order order = engine.submit(opSn, order(TYPED, List.of()));
        List<Integer> notes = java.util.Collections.nCopies(OrderServiceImpl.MAX_KIOSK_NOTES + 1, 100);
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, notes)));
        assertEquals(400, e.status());
        assertEquals("KIOSK_NOTES_TOO_MANY", e.code());
        assertTrue(kiosk.sessions.isEmpty());
        assertEquals(0, store.paymentCount());
    }
}
