package org.bizhall.province.sn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.PriorResult;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.Step;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.Quotes;
import org.bizhall.api.service.NationalParams;
import org.bizhall.testing.TestOrderContext;
import org.bizhall.testing.TestProvinceParams;
import org.junit.Test;

public class ShaanxiRulesTest {
    private static final long SIM_FEE = 1000;

    /** The national opening as this rule sees it: a deposit, a number's prestore, and the SIM card fee. */
    private static Procedure national(long deposit, long prestore) {
        return new Procedure() {
            @Override
            public ProcedureDescriptor descriptor() {
                return new ProcedureDescriptor("account-opening", "新开户", "1.0.0", "{}", List.of(), List.of("quote"));
            }

            @Override
            public Quote quote(OrderContext order) {
                return Quote.of(List.of(Quotes.item("PRESTORE", "号码预存款", prestore),
                        Quotes.item("DEPOSIT", "预存话费", deposit), Quotes.item("SIM_CARD", "SIM卡费", SIM_FEE)));
            }

            @Override
            public StepOutcome execute(OrderContext order) {
                return StepOutcome.completed();
            }
        };
    }

    private static Quote quote(long deposit, long prestore, boolean county) {
        TestOrderContext order = new TestOrderContext("account-opening",
                new TestProvinceParams("SN").with(NationalParams.SIM_CARD_FEE_FEN, SIM_FEE));
        order.hall = county ? TestOrderContext.COUNTY_HALL : TestOrderContext.CITY_HALL;
        return new ShaanxiAccountOpening(national(deposit, prestore)).quote(order);
    }

    @Test
    public void seed003_simFeeWaivedWhenDepositAndPrestoreReach100Yuan() {
        Quote waived = quote(5000, 5000, false);
        assertEquals(0, Quotes.sum(waived, "SIM_CARD"));
        assertEquals(10000, waived.totalFen());
        Quote charged = quote(5000, 4999, false);
        assertEquals(SIM_FEE, Quotes.sum(charged, "SIM_CARD"));
        assertEquals(5000 + 4999 + SIM_FEE, charged.totalFen());
    }

    @Test
    public void seed003_countyHallsWaiveFrom50Yuan() {
        assertEquals(0, Quotes.sum(quote(3000, 2000, true), "SIM_CARD"));
        assertEquals(SIM_FEE, Quotes.sum(quote(3000, 2000, false), "SIM_CARD"));
        assertEquals(SIM_FEE, Quotes.sum(quote(2000, 2999, true), "SIM_CARD"));
    }

    @Test
    public void theNationalDescriptorIsKeptWithAProvinceTitle() {
        ProcedureDescriptor d = new ShaanxiAccountOpening(national(0, 0)).descriptor();
        assertEquals("account-opening", d.id());
        assertTrue(d.title(), d.title().endsWith("（陕西）"));
    }

    @Test
    public void billPaymentGetsTheProvinceSurchargeBeforeTheQuoteOnly() {
        TestOrderContext order = new TestOrderContext("bill-payment", new TestProvinceParams("SN"));
        PriorResult beforeQuote = new ShaanxiBillSurcharge().priorCall(Step.QUOTE, order);
        assertTrue(beforeQuote.adjusts());
        assertEquals(ShaanxiBillSurcharge.ITEM, beforeQuote.items().get(0).code());
        assertEquals(ShaanxiBillSurcharge.SURCHARGE_FEN, beforeQuote.items().get(0).amountFen());
        assertTrue(!new ShaanxiBillSurcharge().priorCall(Step.EXECUTE, order).adjusts());
    }
}
