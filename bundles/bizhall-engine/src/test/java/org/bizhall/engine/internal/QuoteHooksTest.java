package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.order.StateChange;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.PriorResult;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.order.Quote;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 9 item 3: a province hook's prior-call result may refuse or adjust the national quote (Kill Bill's prior
 * call), without replacing the procedure.
 */
public class QuoteHooksTest extends EngineFixture {
    private TestProcedure opening;

    @Before
    public void setUp() {
        opening = new TestProcedure("account-opening", "新开户");
        opening.quote = order -> Quote.of(List.of(new QuoteItem("DEPOSIT", "预存款", 10_000),
                new QuoteItem("SIM", "SIM 卡费", 1_000)));
        install(opening, "org.bizhall.procedure.opening", "*", 0);
    }

    private OrderRequest envelope() {
        return new OrderRequest("account-opening", MSISDN, PERSON, List.of(),
                List.of(new Document(DocumentKind.HOLDER_ID, PERSON.idNumber(), null)), Map.of());
    }

    private static ProcedureStepHook adjusting(String note, QuoteItem... items) {
        return new ProcedureStepHook() {
            @Override
            public PriorResult priorCall(Step step, OrderContext order) {
                return step == Step.QUOTE ? PriorResult.adjust(note, items) : PriorResult.proceed();
            }
        };
    }

    @Test
    public void aProvinceHookAddsAFeeToTheNationalQuote_priorResult() {
        hook(adjusting("城市附加费", new QuoteItem("CITY_FEE", "城市附加费", 500)), "account-opening", "SN", 0);

        Order order = engine.submit(opSn, envelope());

        assertEquals(List.of("DEPOSIT", "SIM", "CITY_FEE"),
                order.quote().items().stream().map(QuoteItem::code).toList());
        assertEquals(11_500, order.quote().totalFen());
        StateChange acknowledged = order.history().get(0);
        assertTrue(acknowledged.note(), acknowledged.note().contains("CITY_FEE")
                && acknowledged.note().contains("QuoteHooksTest"));
        List<?> adjustments = (List<?>) order.result().get(OrderServiceImpl.RESULT_QUOTE_ADJUSTMENTS);
        assertEquals(1, adjustments.size());
        assertEquals("another province's orders keep the national quote", 11_000,
                engine.submit(opSx, envelope()).quote().totalFen());
    }

    @Test
    public void aProvinceHookGivesADiscountAndReplacesAnItem_priorResult() {
        hook(adjusting("新春优惠", new QuoteItem("SIM", "SIM 卡费减免", 0), new QuoteItem("DISCOUNT", "新春优惠", -2_000)),
                "account-opening", "SN", 0);

        Order order = engine.submit(opSn, envelope());

        assertEquals(List.of(new QuoteItem("DEPOSIT", "预存款", 10_000), new QuoteItem("SIM", "SIM 卡费减免", 0),
                new QuoteItem("DISCOUNT", "新春优惠", -2_000)), order.quote().items());
        assertEquals(8_000, order.quote().totalFen());
        assertTrue(order.history().get(0).note().contains("set SIM from 10.00 to 0.00"));
        assertEquals(OrderState.PENDING_PAYMENT, order.state());
    }

    @Test
    public void adjustmentsApplyInHookOrderHighestRankingFirst_priorResult() {
        hook(adjusting("low", new QuoteItem("CITY_FEE", "low", 300)), "account-opening", "SN", 0);
        hook(adjusting("high", new QuoteItem("CITY_FEE", "high", 700)), "account-opening", "SN", 10);

        Order order = engine.submit(opSn, envelope());

        assertEquals("the lower ranked hook's item comes last and wins", 11_300, order.quote().totalFen());
    }

    @Test
    public void aHookRefusesTheOrderAndNothingIsStored_priorResult() {
        hook(new ProcedureStepHook() {
            @Override
            public PriorResult priorCall(Step step, OrderContext order) {
                return PriorResult.refuse(ProblemException.rule("SN_QUOTA_EXCEEDED", "本月号码配额已满"));
            }
        }, "account-opening", "SN", 0);

        ProblemException e = refused(() -> engine.submit(opSn, envelope()));

        assertEquals(422, e.status());
        assertEquals("SN_QUOTA_EXCEEDED", e.code());
        assertEquals(0, storedOrders());
        assertEquals("the procedure never priced it", 0, opening.quotes);
    }

    @Test
    public void aCrashingHookFailsOnlyThatOrder_priorResult() {
        hook(new ProcedureStepHook() {
            @Override
            public PriorResult priorCall(Step step, OrderContext order) {
                throw new IllegalStateException("broken province fee table");
            }
        }, "account-opening", "SX", 0);

        ProblemException e = refused(() -> engine.submit(opSx, envelope()));

        assertEquals(500, e.status());
        assertEquals("PROCEDURE_FAILED", e.code());
        assertEquals(0, storedOrders());
        assertEquals(OrderState.PENDING_PAYMENT, engine.submit(opSn, envelope()).state());
    }

    @Test
    public void aDiscountThatWouldPayMoneyOutIsTheHooksFailure_priorResult() {
        hook(adjusting("too much", new QuoteItem("DISCOUNT", "全免", -20_000)), "account-opening", "SN", 0);

        ProblemException e = refused(() -> engine.submit(opSn, envelope()));

        assertEquals("PROCEDURE_FAILED", e.code());
        assertEquals(0, storedOrders());
    }

    @Test
    public void aHookAdjustingTheQuoteAtAnotherStepFailsThatOrderAndKeepsNoPayment_priorResult() {
        hook(new ProcedureStepHook() {
            @Override
            public PriorResult priorCall(Step step, OrderContext order) {
                return step == Step.EXECUTE ? PriorResult.adjust("late", new QuoteItem("LATE_FEE", "迟到费", 100))
                        : PriorResult.proceed();
            }
        }, "account-opening", "SN", 0);
        Order order = engine.submit(opSn, envelope());

        ProblemException e = refused(() -> engine.pay(opSn, order.id(), new org.bizhall.api.order.PaymentRequest(
                org.bizhall.api.order.PaymentMethod.BANK_CARD, null, null)));

        assertEquals("PROCEDURE_FAILED", e.code());
        assertEquals(0, opening.executes);
        assertEquals(0, store.paymentCount());
        assertEquals(OrderState.FAILED, store.find(order.id()).orElseThrow().state());
    }

    @Test
    public void anOldHookWithOnlyPriorStillRefuses() {
        hook(new ProcedureStepHook() {
            @Override
            public void prior(Step step, OrderContext order) {
                throw ProblemException.rule("SN_CHECK", "省内检查未通过");
            }
        }, "account-opening", "SN", 0);

        assertEquals("SN_CHECK", refused(() -> engine.submit(opSn, envelope())).code());
    }

    @Test
    public void successHooksSeeTheAdjustedQuote_priorResult() {
        long[] seen = {-1};
        hook(new ProcedureStepHook() {
            @Override
            public PriorResult priorCall(Step step, OrderContext order) {
                return PriorResult.adjust("fee", new QuoteItem("CITY_FEE", "城市附加费", 500));
            }

            @Override
            public void success(Step step, OrderContext order) {
                seen[0] = order.quote().orElseThrow().totalFen();
            }
        }, "account-opening", "SN", 0);

        engine.submit(opSn, envelope());

        assertEquals(11_500, seen[0]);
    }
}
