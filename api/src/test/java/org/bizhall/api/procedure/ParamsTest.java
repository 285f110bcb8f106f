package org.bizhall.api.procedure;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;
import org.junit.Test;

/** Whole-number params as a procedure reads them: money ({@code fen}) and counts ({@code integer}). */
public class ParamsTest {
    private static ProblemException refused(Runnable read) {
        return assertThrows(ProblemException.class, read::run);
    }

    @Test
    public void fenAndIntegerReadWholeNumbersAndAbsentAsEmpty() {
        Params params = new Params(Map.of("depositFen", 5000, "months", 12L, "copies", 2.0));
        assertEquals(Optional.of(5000L), params.fen("depositFen"));
        assertEquals(Optional.of(12L), params.integer("months"));
        assertEquals("a JSON number with no fraction is whole", Optional.of(2L), params.integer("copies"));
        assertEquals(Optional.empty(), params.fen("prestoreFen"));
        assertEquals(Optional.empty(), params.integer("count"));
    }

    @Test
    public void aFractionOrATextIsParamInvalidNamingTheParam() {
        Params params = new Params(Map.of("depositFen", 12.5, "months", "twelve"));
        ProblemException fen = refused(() -> params.fen("depositFen"));
        assertEquals("PARAM_INVALID", fen.code());
        assertEquals("params.depositFen", fen.field());
        assertEquals("params.depositFen must be a whole number of fen", fen.detail());
        ProblemException months = refused(() -> params.integer("months"));
        assertEquals("PARAM_INVALID", months.code());
        assertEquals("params.months", months.field());
        assertEquals("params.months must be a whole number", months.detail());
    }

    @Test
    public void fenIsMoneyAndAnIntegerIsNot() {
        Params params = new Params(Map.of("depositFen", -1, "offset", -1, "hugeFen", Money.MAX_FEN + 1));
        ProblemException negative = refused(() -> params.fen("depositFen"));
        assertEquals("AMOUNT_NEGATIVE", negative.code());
        assertEquals("params.depositFen", negative.field());
        assertEquals("AMOUNT_TOO_LARGE", refused(() -> params.fen("hugeFen")).code());
        assertEquals("an integer's range is the schema's to say", Optional.of(-1L), params.integer("offset"));
    }
}
