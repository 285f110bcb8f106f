package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.KioskCash;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.order.ReceiptRef;
import org.bizhall.api.order.StateChange;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class OrderStoreTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-05T10:00:00+08:00");
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    private static Order order(String id, String province, String procedure, OffsetDateTime at) {
        Customer holder = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, "11010519491231002X", "西安市");
        return new Order(id, procedure, null, province, province + "-XA-001", "op-sn", "13891800088", holder,
                List.of(new Party(PartyRole.PROXY, CustomerType.PERSONAL, "李四", IdType.PASSPORT, "E1234567")),
                List.of(new Document(DocumentKind.HOLDER_ID, "11010519491231002X", null),
                        new Document(DocumentKind.SECURITY_PLEDGE, null, true)),
                Map.of("packageCode", "GOTONE-88", "depositFen", 20000, "intlRoaming", false, "members", List.of("a", "b")),
                OrderState.ACKNOWLEDGED, null, null, null, null, at, at,
                List.of(new StateChange(OrderState.ACKNOWLEDGED, at, "op-sn", null, "submitted")));
    }

    private static Order moved(Order o, OrderState state, OffsetDateTime at) {
        List<StateChange> history = new ArrayList<>(o.history());
        history.add(new StateChange(state, at, "op-sn", "org.bizhall.procedure.transfer/1.0.0", state.name()));
        return new Order(o.id(), o.procedure(), o.provider(), o.province(), o.hall(), o.operator(), o.msisdn(),
                o.customer(), o.parties(), o.documents(), o.params(), state, null, o.quote(), o.result(), null,
                o.createdAt(), at, history);
    }

    @Test
    public void historyIsNumberedOnUnderTheLockInsertedOrderAndWithoutEither() {
        Order submitted = order("o-seq", "SN", "ownership-transfer", T0);
        // inserted and moved on in one transaction (no history read at all)
        db.transactions.required(() -> {
            db.orders.insert(submitted);
            db.orders.update(moved(submitted, OrderState.PENDING_PAYMENT, T0.plusMinutes(1)));
            return null;
        });
        // locked, then moved twice in one transaction (a step and its completion)
        db.transactions.required(() -> {
            Order locked = db.orders.lock("o-seq").orElseThrow();
            Order paid = moved(locked, OrderState.PENDING_CONFIRMATION, T0.plusMinutes(2));
            db.orders.update(paid);
            db.orders.update(moved(paid, OrderState.COMPLETED, T0.plusMinutes(3)));
            return null;
        });
        // read without the lock, then moved: the number comes from the database
        Order read = db.orders.find("o-seq").orElseThrow();
        db.orders.update(moved(read, OrderState.COMPLETED, T0.plusMinutes(4)));

        List<StateChange> history = db.orders.find("o-seq").orElseThrow().history();
        assertEquals(List.of(OrderState.ACKNOWLEDGED, OrderState.PENDING_PAYMENT, OrderState.PENDING_CONFIRMATION,
                OrderState.COMPLETED, OrderState.COMPLETED), history.stream().map(StateChange::state).toList());
        assertEquals(T0.plusMinutes(4).toInstant(), history.get(4).at().toInstant());
    }

    /**
     * An order inserted and moved on twice in one transaction whose persistence context is cleared in between (a bulk
     * job's statements clear it): each move is numbered after the one before, not after what the insert stored.
     */
    @Test
    public void historyIsNumberedOnInTheInsertingTransactionAfterItsContextWasCleared() {
        Order submitted = order("o-cleared", "SN", "ownership-transfer", T0);
        db.transactions.required(() -> {
            db.orders.insert(submitted);
            Order acknowledged = moved(submitted, OrderState.PENDING_PAYMENT, T0.plusMinutes(1));
            db.orders.update(acknowledged);
            Tx.call(db.jpa, em -> {
                em.flush();
                em.clear();
                return null;
            });
            db.orders.update(moved(acknowledged, OrderState.COMPLETED, T0.plusMinutes(2)));
            return null;
        });
        assertEquals(List.of(OrderState.ACKNOWLEDGED, OrderState.PENDING_PAYMENT, OrderState.COMPLETED),
                db.orders.find("o-cleared").orElseThrow().history().stream().map(StateChange::state).toList());
    }

    @Test
    public void orderRoundTripsThroughInsertLockUpdateAndQueryWithItsHistory() {
        Order submitted = order("o-1", "SN", "ownership-transfer", T0);
        db.orders.insert(submitted);
        assertEquals(submitted, db.orders.find("o-1").orElseThrow());

        Quote quote = Quote.of(List.of(new QuoteItem("DEPOSIT", "预存款", 20000)));
        Order quoted = db.transactions.required(() -> {
            Order locked = db.orders.lock("o-1").orElseThrow();
            List<StateChange> history = new ArrayList<>(locked.history());
            history.add(new StateChange(OrderState.PENDING_PAYMENT, T0.plusMinutes(1), "op-sn",
                    "org.bizhall.procedure.transfer/1.0.0", null));
            Order next = new Order(locked.id(), locked.procedure(), "org.bizhall.procedure.transfer/1.0.0",
                    locked.province(), locked.hall(), locked.operator(), locked.msisdn(), locked.customer(),
                    locked.parties(), locked.documents(), locked.params(), OrderState.PENDING_PAYMENT, Awaiting.PAYMENT,
                    quote, Map.of("accountId", 7), null, locked.createdAt(), T0.plusMinutes(1), history);
            db.orders.update(next);
            return next;
        });
        Order stored = db.orders.find("o-1").orElseThrow();
        assertEquals(quoted, stored);
        assertEquals(2, stored.history().size());
        assertEquals(OrderState.PENDING_PAYMENT, stored.history().get(1).state());

        // updating again with the same history appends nothing
        db.orders.update(stored);
        assertEquals(2, db.orders.find("o-1").orElseThrow().history().size());
    }

    @Test
    public void anOrderIdThatExistsIsRefusedAndTheStoredOrderStaysAsItWas() {
        Order first = order("o-twice", "SN", "ownership-transfer", T0);
        db.orders.insert(first);
        Order second = moved(order("o-twice", "SN", "password-reset", T0.plusMinutes(5)), OrderState.COMPLETED,
                T0.plusMinutes(6));
        try {
            db.transactions.required(() -> {
                db.orders.insert(second);
                return null;
            });
            fail("a second order with one id was stored");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals("ORDER_EXISTS", e.code());
        }
        assertEquals(first, db.orders.find("o-twice").orElseThrow());
    }

    /** Rulebook §14: the priority mark the engine gave at submission is kept with the order, through every update. */
    @Test
    public void rules14_anOrdersPriorityIsKeptAsSubmitted() {
        Order o = order("v-1", "SN", "bill-payment", T0);
        Order vip = new Order(o.id(), o.procedure(), o.provider(), o.province(), o.hall(), o.operator(), o.msisdn(),
                o.customer(), o.parties(), o.documents(), o.params(), o.state(), o.awaiting(), o.quote(), o.result(),
                o.problem(), o.createdAt(), o.updatedAt(), o.history(), Order.VIP);
        db.orders.insert(vip);
        db.orders.insert(order("v-2", "SN", "bill-payment", T0));
        assertEquals(Order.VIP, db.orders.find("v-1").orElseThrow().priority());
        assertEquals(Order.NORMAL, db.orders.find("v-2").orElseThrow().priority());
        Order moved = db.orders.find("v-1").orElseThrow().entered(new StateChange(OrderState.COMPLETED,
                T0.plusMinutes(1), "op-sn", null, null), null, Map.of(), null);
        db.orders.update(moved);
        assertEquals(Order.VIP, db.orders.find("v-1").orElseThrow().priority());
    }

    @Test
    public void queryFiltersAndListsNewestFirstWithTheTotal() {
        db.orders.insert(order("q-1", "SX", "bill-payment", T0.plusHours(1)));
        db.orders.insert(order("q-2", "SX", "bill-payment", T0.plusHours(2)));
        db.orders.insert(order("q-3", "SX", "suspend", T0.plusHours(3)));

        Page<Order> all = db.orders.query("SX", new OrderQuery(null, null, null, null, null, 0, 50));
        assertEquals(3, all.total());
        assertEquals(List.of("q-3", "q-2", "q-1"), all.items().stream().map(Order::id).toList());
        assertEquals(1, all.items().get(0).history().size());

        Page<Order> payments = db.orders.query("SX", new OrderQuery(OrderState.ACKNOWLEDGED, "bill-payment", "13891800088",
                T0.plusHours(2), null, 0, 50));
        assertEquals(List.of("q-2"), payments.items().stream().map(Order::id).toList());

        Page<Order> paged = db.orders.query("SX", new OrderQuery(null, null, null, null, null, 1, 1));
        assertEquals(3, paged.total());
        assertEquals(List.of("q-2"), paged.items().stream().map(Order::id).toList());
        assertTrue(db.orders.query("SN", new OrderQuery(null, "suspend", null, null, null, 0, 50)).items().isEmpty());
    }

    @Test
    public void aSecondPaymentOfAnOrderIsOrderAlreadyPaid() {
        db.orders.insert(order("p-1", "SN", "bill-payment", T0));
        Payment first = new Payment("pay-1", "p-1", PaymentMethod.CASH, 20000, 30000, 10000, 0,
                new ReceiptRef("SN-XA-001-20261105-000001"), "SN-XA-001", "op-sn", T0);
        db.orders.insertPayment(first);
        try {
            db.orders.insertPayment(new Payment("pay-2", "p-1", PaymentMethod.BANK_CARD, 20000, 20000, 0, 0, null,
                    "SN-XA-001", "op-sn", T0));
            fail("paid twice");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals("ORDER_ALREADY_PAID", e.code());
        }
        assertEquals(List.of(first), db.orders.payments("p-1"));
    }

    @Test
    public void aKioskPaymentReadsBackWithTheNotesTheKioskAcceptedAndReturned() {
        db.orders.insert(order("k-1", "SN", "bill-payment", T0));
        Payment paid = new Payment("pay-k1", "k-1", PaymentMethod.KIOSK_CASH, 20000, 25000, 0, 5000,
                new ReceiptRef("SN-XA-001-20261105-000009"), "SN-XA-001", "op-sn", T0,
                new KioskCash("SN-XA-001-kiosk", List.of(10000L, 10000L, 5000L), List.of(500L)));
        db.orders.insertPayment(paid);
        assertEquals(List.of(paid), db.orders.payments("k-1"));

        db.orders.insert(order("k-2", "SN", "bill-payment", T0));
        Payment allTaken = new Payment("pay-k2", "k-2", PaymentMethod.KIOSK_CASH, 10000, 10000, 0, 0, null,
                "SN-XA-001", "op-sn", T0, new KioskCash("SN-XA-001-kiosk", List.of(10000L), List.of()));
        db.orders.insertPayment(allTaken);
        assertEquals(List.of(allTaken), db.orders.payments("k-2"));
    }

    @Test
    public void aPaymentRefusedInsideALargerTransactionLeavesItUsable() {
        db.orders.insert(order("p-2", "SN", "bill-payment", T0));
        db.orders.insertPayment(new Payment("pay-3", "p-2", PaymentMethod.CASH, 100, 100, 0, 0, null, "SN-XA-001", "op-sn", T0));
        String outcome = db.transactions.required(() -> {
            try {
                db.orders.insertPayment(new Payment("pay-4", "p-2", PaymentMethod.CASH, 100, 100, 0, 0, null,
                        "SN-XA-001", "op-sn", T0));
                return "paid";
            } catch (ProblemException e) {
                db.orders.insert(order("p-3", "SN", "bill-payment", T0));
                return e.code();
            }
        });
        assertEquals("ORDER_ALREADY_PAID", outcome);
        assertTrue("the transaction that saw the refusal still committed", db.orders.find("p-3").isPresent());
    }
}
