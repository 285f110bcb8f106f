package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.service.NewSubscriber;
import org.junit.Before;
import org.junit.Test;

/** Money is the engine's: the kiosk's two forms (issue 8 defect 2) and the kiosk surplus credited by the engine. */
public class PaymentDeskTest extends EngineFixture {
    private TestProcedure billPayment;
    private FakeDevices devices;

    @Before
    public void setUp() {
        billPayment = new TestProcedure("bill-payment", "缴费");
        billPayment.quote = order -> Quote.of(List.of(new QuoteItem("ARREARS", "欠费", 4_250)));
        install(billPayment, "org.bizhall.procedure.payment", "*", 0);
        devices = new FakeDevices();
        engine.bindDevices(devices);
    }

    private Order submitted() {
        return engine.submit(opSn, new OrderRequest("bill-payment", MSISDN, PERSON, List.of(),
                List.of(new Document(DocumentKind.HOLDER_ID, PERSON.idNumber(), null)), Map.of()));
    }

    @Test
    public void kioskCashWithTenderedFenTakesTheKiosksCountInAHallWithAKiosk_issue8Defect2() {
        subscriberWithAccount(0);
        FakeDevices.Kiosk kiosk = devices.kiosk("SN-XA-001", Set.of(1_000L, 2_000L, 5_000L, 10_000L));
        Order order = submitted();

        Payment payment = engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.KIOSK_CASH, 5_000L, null));

        assertEquals(5_000, payment.tenderedFen());
        assertEquals("a kiosk gives no change", 0, payment.changeFen());
        assertEquals(750, payment.surplusFen());
        assertNull("the counted amount is taken as it is; no driver report", payment.kiosk());
        assertEquals("the driver is not asked to decide on notes it already counted", List.of(), kiosk.sessions);
        assertEquals(OrderState.COMPLETED, store.find(order.id()).orElseThrow().state());
        assertEquals(5_000, receipts.issued().get(0).totalFen());
    }

    @Test
    public void kioskCashWithTenderedFenBelowTheAmountDueIsRefusedOnThatField_issue8Defect2() {
        Order order = submitted();
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, 4_000L, null)));
        assertEquals(422, e.status());
        assertEquals("TENDERED_TOO_LOW", e.code());
        assertEquals("tenderedFen", e.field());
        assertEquals(0, store.paymentCount());
    }

    @Test
    public void kioskCashWithBothTenderedFenAndNotesIsAmbiguous_issue8Defect2() {
        Order order = submitted();
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, 5_000L, List.of(50))));
        assertEquals(400, e.status());
        assertEquals("KIOSK_TENDER_AMBIGUOUS", e.code());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        assertEquals(OrderState.PENDING_PAYMENT, store.find(order.id()).orElseThrow().state());
    }

    @Test
    public void kioskSurplusIsCreditedByTheEngineToTheAccountOfTheOrdersNumber_rule2() {
        subscriberWithAccount(1_000);
        // the procedure credits nothing itself
        Order order = submitted();

        engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.KIOSK_CASH, null, List.of(50)));

        assertEquals(750, accounts.posted(ACCOUNT, OrderServiceImpl.KIOSK_SURPLUS));
        assertEquals(1_750, accounts.balance(ACCOUNT));
        Order paid = store.find(order.id()).orElseThrow();
        assertEquals(750L, paid.result().get("kioskSurplusFen"));
        assertEquals(order.id(), accounts.entries(ACCOUNT).get(0).orderId());
    }

    @Test
    public void kioskSurplusOfAnOpeningGoesToTheAccountItsExecuteOpened_rule2() {
        billPayment.execute = order -> {
            long account = accounts.open(org.bizhall.api.service.AccountType.CASH_PREPAID, "SN", "张三",
                    order.orderId()).id();
            subscribers.register(new NewSubscriber(MSISDN, "SN", "SN-XA-001", PERSON, "GOTONE-88", List.of(),
                    account, null, order.orderId()));
            return org.bizhall.api.procedure.StepOutcome.completed();
        };
        Order order = submitted();

        engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.KIOSK_CASH, 10_000L, null));

        long opened = subscribers.find(new org.bizhall.api.common.Msisdn(MSISDN)).orElseThrow().accountId();
        assertEquals(5_750, accounts.posted(opened, OrderServiceImpl.KIOSK_SURPLUS));
    }

    @Test
    public void kioskSurplusWithoutAnAccountToCreditRefusesThePaymentAndKeepsNothing() {
        Order order = submitted();
        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.KIOSK_CASH, null, List.of(50))));
        assertEquals(422, e.status());
        assertEquals("KIOSK_SURPLUS_NO_ACCOUNT", e.code());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        assertEquals(OrderState.PENDING_PAYMENT, store.find(order.id()).orElseThrow().state());
    }

    @Test
    public void exactKioskPaymentNeedsNoAccountAndCreditsNothing() {
        Order order = submitted();
        Payment payment = engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.KIOSK_CASH, 4_250L, null));
        assertEquals(0, payment.surplusFen());
        assertFalse(store.find(order.id()).orElseThrow().result().containsKey("kioskSurplusFen"));
        assertEquals(List.of(), accounts.entries());
    }

    /**
     * The receipt is numbered last: the step runs (and the order moves) before the hall's receipt numbering, whose
     * lock every payment of the hall waits for until the commit. The step sees the payment's money, not yet a number;
     * the answer and the stored payment carry the number.
     */
    @Test
    public void theReceiptIsNumberedAfterTheStepSoTheHallsNumberingLockIsHeldOnlyAtTheEnd() {
        subscriberWithAccount(0);
        java.util.concurrent.atomic.AtomicInteger receiptsDuringStep = new java.util.concurrent.atomic.AtomicInteger(-1);
        java.util.concurrent.atomic.AtomicReference<Payment> seenByStep = new java.util.concurrent.atomic.AtomicReference<>();
        billPayment.execute = order -> {
            receiptsDuringStep.set(receipts.issued().size());
            seenByStep.set(order.payment().orElseThrow());
            return org.bizhall.api.procedure.StepOutcome.completed();
        };
        Order order = submitted();

        Payment payment = engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.CASH, 5_000L, null));

        assertEquals("no receipt was numbered while the step ran", 0, receiptsDuringStep.get());
        assertNull(seenByStep.get().receipt());
        assertEquals(5_000, seenByStep.get().tenderedFen());
        assertEquals(750, seenByStep.get().changeFen());
        assertEquals(1, receipts.issued().size());
        assertEquals(receipts.issued().get(0).number(), payment.receipt().number());
        assertEquals(payment.id(), seenByStep.get().id());
        assertEquals(payment.receipt().number(), engine.payments(opSn, order.id()).get(0).receipt().number());
        assertEquals(OrderState.COMPLETED, store.find(order.id()).orElseThrow().state());
    }

    /**
     * A lock the store could not take in time inside the step (503 STORE_BUSY, the database rolled the transaction
     * back) is no procedure failure: the order stays awaiting its payment, nothing is paid or numbered, and the answer
     * says to send it again; the same payment then goes through.
     */
    @Test
    public void aStoreBusyInTheStepLeavesTheOrderAwaitingPaymentNotFailed() {
        subscriberWithAccount(0);
        java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean(true);
        billPayment.execute = order -> {
            if (busy.getAndSet(false)) {
                throw ProblemException.storeBusy("the store could not take a lock in time");
            }
            return org.bizhall.api.procedure.StepOutcome.completed();
        };
        Order order = submitted();

        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new PaymentRequest(PaymentMethod.CASH, 5_000L, null)));

        assertEquals(503, e.status());
        assertEquals("STORE_BUSY", e.code());
        assertEquals(OrderState.PENDING_PAYMENT, store.find(order.id()).orElseThrow().state());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        Payment again = engine.pay(opSn, order.id(), new PaymentRequest(PaymentMethod.CASH, 5_000L, null));
        assertEquals(receipts.issued().get(0).number(), again.receipt().number());
        assertEquals(OrderState.COMPLETED, store.find(order.id()).orElseThrow().state());
    }
}
