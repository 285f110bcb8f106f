package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.bizhall.api.procedure.PriorResult;
import org.bizhall.api.procedure.Step;
import org.bizhall.testing.TestOrderContext;
import org.bizhall.testing.TestProvinceParams;
import org.junit.Test;

public class ProvinceBillFeeTest {
    private final TestOrderContext order = new TestOrderContext("bill-payment", new TestProvinceParams("${province}"));

    @Test
    public void theFeeIsAddedToTheQuote() {
        PriorResult result = new ProvinceBillFee().priorCall(Step.QUOTE, order);
        assertTrue(result.adjusts());
        assertEquals(ProvinceBillFee.ITEM, result.items().get(0).code());
        assertEquals(ProvinceBillFee.FEE_FEN, result.items().get(0).amountFen());
    }

    @Test
    public void otherStepsGoAheadUntouched() {
        assertFalse(new ProvinceBillFee().priorCall(Step.EXECUTE, order).adjusts());
    }
}
