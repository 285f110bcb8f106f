package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

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
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptLine;
import org.junit.Before;
import org.junit.Test;

/**
 * API.md "Money paid out" with an amount decided late: a step that completes an order paying money out may lower the
 * quoted payout (the accounting office confirms less than a bank refund claimed), never raise it. The payment, receipt,
 * ledger entry and result all show the lower amount; a step asking for more fails its order with nothing paid.
 */
public class LoweredPayoutTest extends EngineFixture {
    private static final long CLAIMED_FEN = 8_000;

    private final Caller boSn = new Caller("bo-sn", Role.BACKOFFICE, "SN-XA-001", "SN", Set.of(HallKind.SELF_OWNED));
    private TestProcedure refund;

    @Before
    public void setUp() {
        refund = new TestProcedure("bank-refund", "退费");
        refund.quote = order -> Quote.of(List.of(new QuoteItem("BANK_REFUND", "银行托收多扣退费", -CLAIMED_FEN)));
        refund.execute = ctx -> StepOutcome.awaitingConfirmation(Awaiting.BACK_OFFICE, "to the accounting office");
        refund.confirm = (ctx, c) -> StepOutcome.completedPayingOut(c.confirmedFen(), "confirmed " + c.confirmedFen());
        install(refund, "org.bizhall.procedure.test", "*", 0);
        subscriberWithAccount(20_000);
    }

    private Order waiting() {
        Order order = engine.submit(opSn, new OrderRequest("bank-refund", MSISDN, PERSON, List.of(),
                List.of(new Document(DocumentKind.HOLDER_ID, PERSON.idNumber(), null)), Map.of()));
        assertEquals(OrderState.PENDING_CONFIRMATION, order.state());
        return order;
    }

    private Order confirmed(Order order, long confirmedFen) {
        return engine.confirm(boSn, order.id(), new Confirmation("ACCOUNTING_OFFICE", true, "checked", null,
                confirmedFen));
    }

    @Test
    public void moneyPaidOut_aConfirmationLowersThePayoutToTheConfirmedAmount() {
        Order done = confirmed(waiting(), 5_000);

        assertEquals(OrderState.COMPLETED, done.state());
        Payment payout = engine.payments(opSn, done.id()).get(0);
        assertEquals(-5_000, payout.dueFen());
        assertEquals("the cash handed over", 5_000, payout.changeFen());
        Receipt receipt = receipts.issued().get(0);
        assertEquals(-5_000, receipt.totalFen());
        assertEquals("the receipt's lines add up to what was handed over", -5_000,
                receipt.lines().stream().mapToLong(ReceiptLine::amountFen).sum());
        assertEquals(List.of("BANK_REFUND", PaymentDesk.PAYOUT_LOWERED),
                receipt.lines().stream().map(ReceiptLine::code).toList());
        assertEquals(-5_000, accounts.posted(ACCOUNT, OrderServiceImpl.LEDGER_PAYOUT));
        assertEquals(15_000, accounts.balance(ACCOUNT));
        assertEquals(5_000L, ((Number) done.result().get(PaymentDesk.RESULT_PAID_OUT_FEN)).longValue());
        assertEquals(3_000L, ((Number) done.result().get(PaymentDesk.RESULT_PAYOUT_LOWERED_FEN)).longValue());
        assertEquals("the quote still shows what was claimed", -CLAIMED_FEN, done.quote().totalFen());
    }

    @Test
    public void moneyPaidOut_theQuotedAmountWhenTheConfirmationSetsNone() {
        refund.confirm = (ctx, c) -> StepOutcome.completed();

        Order done = confirmed(waiting(), 5_000);

        assertEquals(-CLAIMED_FEN, engine.payments(opSn, done.id()).get(0).dueFen());
        assertEquals(List.of("BANK_REFUND"), receipts.issued().get(0).lines().stream().map(ReceiptLine::code).toList());
    }

    @Test
    public void moneyPaidOut_thePayoutIsNeverRaisedAboveTheQuote() {
        Order order = waiting();

        ProblemException e = assertThrows(ProblemException.class, () -> confirmed(order, CLAIMED_FEN + 1));

        assertEquals(500, e.status());
        assertEquals("PROCEDURE_FAILED", e.code());
        assertEquals(OrderState.FAILED, store.find(order.id()).orElseThrow().state());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        assertEquals(20_000, accounts.balance(ACCOUNT));
    }

    @Test
    public void moneyPaidOut_zeroConfirmedCompletesPayingNothing() {
        Order done = confirmed(waiting(), 0);

        assertEquals(OrderState.COMPLETED, done.state());
        assertEquals(0, store.paymentCount());
        assertEquals(0, receipts.issued().size());
        assertEquals(20_000, accounts.balance(ACCOUNT));
        assertEquals(0L, ((Number) done.result().get(PaymentDesk.RESULT_PAID_OUT_FEN)).longValue());
    }

    @Test
    public void moneyPaidOut_aPayoutAmountOnAnOrderThatPaysNothingOutFailsIt() {
        refund.quote = order -> Quote.free();
        refund.execute = ctx -> StepOutcome.completedPayingOut(100, "wrong");

        ProblemException e = assertThrows(ProblemException.class, this::waiting);

        assertEquals("PROCEDURE_FAILED", e.code());
        assertEquals(0, storedOrders());
        assertEquals(0, store.paymentCount());
    }

    @Test
    public void stepOutcome_aPayoutAmountBelongsToACompletedOutcomeAndIsNotNegative() {
        assertThrows(IllegalArgumentException.class, () -> StepOutcome.completedPayingOut(-1, null));
        assertThrows(IllegalArgumentException.class,
                () -> new StepOutcome(OrderState.PENDING_CONFIRMATION, Awaiting.BACK_OFFICE, null, null, 10L));
    }
}
