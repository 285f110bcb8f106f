package org.bizhall.api.common;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class MoneyTest {

    @Test
    public void fenAreShownAsYuanWithTwoDecimals() {
        assertEquals("0.00", Money.yuan(0));
        assertEquals("0.05", Money.yuan(5));
        assertEquals("0.50", Money.yuan(50));
        assertEquals("1.00", Money.yuan(100));
        assertEquals("12.34", Money.yuan(1234));
        assertEquals("-3.50", Money.yuan(-350));
        assertEquals("-0.07", Money.yuan(-7));
        assertEquals("1000000.00", Money.yuan(Money.MAX_FEN));
    }
}
