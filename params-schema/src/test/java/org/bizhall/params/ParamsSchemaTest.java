package org.bizhall.params;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.junit.Test;

/**
 * Issue 9 item 4: the one params check the engine and procedure tests share. The engine's tests show it refuses an
 * envelope before the quote; these show the answer itself (code, field) and the compiled-schema cache.
 */
public class ParamsSchemaTest {
    private static final String PROVIDER = "org.bizhall.procedure.general/1.0.0";
    private static final String SIM_SCHEMA = """
            {"type":"object","required":["iccid"],"additionalProperties":false,
             "properties":{
               "iccid":{"type":"string","pattern":"^89[0-9]{17,18}$"},
               "depositFen":{"type":"integer","minimum":5000},
               "members":{"type":"array","items":{"type":"string","pattern":"^1[3-9][0-9]{9}$"}}}}""";

    private final ParamsSchema schemas = new ParamsSchema();

    private ProblemException refused(Map<String, Object> params) {
        return assertThrows(ProblemException.class, () -> schemas.check(PROVIDER, SIM_SCHEMA, params));
    }

    @Test
    public void aRequiredParamAbsentIsParamMissingNamingIt() {
        ProblemException e = refused(Map.of());
        assertEquals(400, e.status());
        assertEquals(ParamsSchema.PARAM_MISSING, e.code());
        assertEquals("params.iccid", e.field());
    }

    @Test
    public void aParamBreakingTheSchemaIsParamInvalidAtItsPlace() {
        ProblemException e = refused(Map.of("iccid", "8986001234567890123", "members", List.of("13891800001", "x")));
        assertEquals(ParamsSchema.PARAM_INVALID, e.code());
        assertEquals("params.members[1]", e.field());
        assertFalse("the value is not echoed", e.detail().contains("\"x\""));
    }

    @Test
    public void moneyParamsAnswerTheAmountCodesBeforeTheSchema() {
        assertEquals("AMOUNT_NEGATIVE", refused(Map.of("iccid", "8986001234567890123", "depositFen", -1)).code());
        ProblemException huge = refused(Map.of("iccid", "8986001234567890123",
                "depositFen", BigInteger.TEN.pow(30)));
        assertEquals("AMOUNT_TOO_LARGE", huge.code());
        assertEquals("params.depositFen", huge.field());
    }

    @Test
    public void aProviderWithoutSchemaTakesAnyParams() {
        schemas.check(PROVIDER, null, Map.of("anything", 1));
        schemas.check(PROVIDER, " ", Map.of("anything", 1));
    }

    @Test
    public void aSchemaThatDoesNotCompileIsTheProvidersFault() {
        assertThrows(IllegalArgumentException.class, () -> schemas.check(PROVIDER, "{not json", Map.of()));
    }

    @Test
    public void theSchemaIsCompiledOncePerProvider() {
        schemas.check(PROVIDER, SIM_SCHEMA, Map.of("iccid", "8986001234567890123"));
        Object first = schemas.compiledFor(PROVIDER);
        schemas.check(PROVIDER, SIM_SCHEMA, Map.of("iccid", "8986001234567890124"));
        assertTrue("the same compiled schema is used again", first == schemas.compiledFor(PROVIDER));
        schemas.check(PROVIDER, "{\"type\":\"object\"}", Map.of("any", 1));
        assertFalse("a new text of the provider is compiled anew", first == schemas.compiledFor(PROVIDER));
    }
}
