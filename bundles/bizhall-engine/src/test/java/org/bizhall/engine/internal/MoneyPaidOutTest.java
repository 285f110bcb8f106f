package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.Receipt;
import org.junit.Before;
import org.junit.Test;

/**
 * API.md Fixed detail "Money paid out": a negative quote needs no payment; the step that completes the order records
 * a negative CASH payment with its receipt and the matching ledger entry; a refused or failed step pays nothing.
 */
public class MoneyPaidOutTest extends EngineFixture {
    private static final long REFUND_FEN = 12_300;

    private final Caller boSn = new Caller("bo-sn", Role.BACKOFFICE, "SN-XA-001", "SN", Set.of(HallKind.SELF_OWNED));
    private TestProcedure refund;

    @Before
    public void setUp() {
        refund = new TestProcedure("deposit-refund", "退押金");
        refund.quote = order -> Quote.of(List.of(new QuoteItem("DEPOSIT_REFUND", "押金退还", -REFUND_FEN)));
        install(refund, "org.bizhall.procedure.test", "*", 0);
    }

    private Order submitted() {
        return engine.submit(opSn, new OrderRequest("deposit-refund", MSISDN, PERSON, List.of(),
                List.of(new Document(DocumentKind.HOLDER_ID, PERSON.idNumber(), null)), Map.of()));
    }

    @Test
    public void moneyPaidOut_negativeQuoteNeedsNoPaymentAndPaysOutWhenExecutedAtOnce() {
        subscriberWithAccount(20_000);

        Order order = submitted();

        assertEquals(OrderState.COMPLETED, order.state());
        assertTrue("never waits for a payment",
                order.history().stream().noneMatch(c -> c.state() == OrderState.PENDING_PAYMENT));
        List<Payment> payments = engine.payments(opSn, order.id());
        assertEquals(1, payments.size());
        Payment payout = payments.get(0);
        assertEquals(PaymentMethod.CASH, payout.method());
        assertEquals(-REFUND_FEN, payout.dueFen());
        assertEquals(0, payout.tenderedFen());
        assertEquals("the cash handed over", REFUND_FEN, payout.changeFen());
        assertEquals("what moved: tendered minus change", -REFUND_FEN, payout.tenderedFen() - payout.changeFen());
        Receipt receipt = receipts.issued().get(0);
        assertEquals(payout.receipt().number(), receipt.number());
        assertEquals(-REFUND_FEN, receipt.totalFen());
        assertEquals("CASH", receipt.method());
        assertEquals("SN-XA-001", receipt.hall());
        List<LedgerEntry> ledger = accounts.entries(ACCOUNT);
        assertEquals(1, ledger.size());
        assertEquals(OrderServiceImpl.LEDGER_PAYOUT, ledger.get(0).kind());
        assertEquals(-REFUND_FEN, ledger.get(0).amountFen());
        assertEquals(order.id(), ledger.get(0).orderId());
        assertEquals(20_000 - REFUND_FEN, accounts.balance(ACCOUNT));
        assertEquals(REFUND_FEN, ((Number) order.result().get(PaymentDesk.RESULT_PAID_OUT_FEN)).longValue());
        assertTrue(audit.forOrder(order.id()).stream()
                .anyMatch(a -> a.action().equals(OrderServiceImpl.AUDIT_PAYMENT_PAID_OUT)));
    }

    @Test
    public void moneyPaidOut_afterTheAccountingOfficeConfirmsAndNotBefore() {
        subscriberWithAccount(20_000);
        refund.execute = ctx -> StepOutcome.awaitingConfirmation(Awaiting.BACK_OFFICE, "to the accounting office");

        Order order = submitted();
        assertEquals(OrderState.PENDING_CONFIRMATION, order.state());
        assertEquals("nothing paid out while waiting", 0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        assertEquals(20_000, accounts.balance(ACCOUNT));

        Order done = engine.confirm(boSn, order.id(), new Confirmation("ACCOUNTING_OFFICE", true, "ok", null));

        assertEquals(OrderState.COMPLETED, done.state());
        Payment payout = engine.payments(opSn, order.id()).get(0);
        assertEquals(-REFUND_FEN, payout.dueFen());
        assertEquals("bo-sn", payout.operator());
        assertEquals("the order's hall pays out", "SN-XA-001", payout.hall());
        assertEquals(-REFUND_FEN, receipts.issued().get(0).totalFen());
        assertEquals(-REFUND_FEN, accounts.posted(ACCOUNT, OrderServiceImpl.LEDGER_PAYOUT));
    }

    @Test
    public void moneyPaidOut_declinedConfirmationPaysNothing() {
        subscriberWithAccount(20_000);
        refund.execute = ctx -> StepOutcome.awaitingConfirmation(Awaiting.BACK_OFFICE, "to the accounting office");
        refund.confirm = (ctx, c) -> c.approved() ? StepOutcome.completed() : StepOutcome.rejected("declined");
        Order order = submitted();

        Order rejected = engine.confirm(boSn, order.id(), new Confirmation("ACCOUNTING_OFFICE", false, "no", null));

        assertEquals(OrderState.REJECTED, rejected.state());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        assertEquals(List.of(), accounts.entries(ACCOUNT));
    }

    @Test
    public void moneyPaidOut_refusedExecuteStoresNothingAndPaysNothing() {
        subscriberWithAccount(20_000);
        refund.execute = ctx -> {
            throw ProblemException.rule("CANCELLATION_NOT_DUE", "not yet", null);
        };

        ProblemException e = refused(this::submitted);

        assertEquals("CANCELLATION_NOT_DUE", e.code());
        assertEquals(0, storedOrders());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        assertEquals(List.of(), accounts.entries(ACCOUNT));
    }

    @Test
    public void moneyPaidOut_crashedExecuteFailsTheOrderAndPaysNothing() {
        subscriberWithAccount(20_000);
        refund.execute = ctx -> {
            throw new IllegalStateException("broken");
        };

        ProblemException e = refused(this::submitted);

        assertEquals(500, e.status());
        assertEquals("PROCEDURE_FAILED", e.code());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        assertEquals(List.of(), accounts.entries(ACCOUNT));
    }

    @Test
    public void moneyPaidOut_neverMoreThanTheAccountHolds() {
        subscriberWithAccount(REFUND_FEN - 1);

        ProblemException e = refused(this::submitted);

        assertEquals(422, e.status());
        assertEquals(PaymentDesk.PAYOUT_ABOVE_BALANCE, e.code());
        assertEquals("the completing step is refused as a whole", 0, storedOrders());
        assertEquals(0, receipts.issued().size());
        assertEquals(REFUND_FEN - 1, accounts.balance(ACCOUNT));
    }

    @Test
    public void moneyPaidOut_needsTheAccountOfTheOrdersNumber() {
        ProblemException e = refused(this::submitted);

        assertEquals(422, e.status());
        assertEquals(PaymentDesk.PAYOUT_NO_ACCOUNT, e.code());
        assertEquals(0, storedOrders());
        assertEquals(0, receipts.issued().size());
    }

    @Test
    public void moneyPaidOut_anOrderThatPaysOutIsNeverPayable() {
        subscriberWithAccount(20_000);
        Order order = submitted();

        ProblemException e = refused(() -> engine.pay(opSn, order.id(),
                new org.bizhall.api.order.PaymentRequest(PaymentMethod.CASH, 100L, null)));

        assertEquals("ORDER_NOT_AWAITING_PAYMENT", e.code());
        assertEquals(1, store.paymentCount());
        assertNull(order.awaiting());
    }
}
