package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.junit.Before;
import org.junit.Test;

/** Issue 9 item 4: params are checked against the JSON Schema the procedure publishes, before its quote. */
public class ParamsSchemaTest extends EngineFixture {
    private static final String SIM_SCHEMA = """
            {"type":"object","required":["iccid"],"additionalProperties":false,
             "properties":{
               "iccid":{"type":"string","pattern":"^89[0-9]{17,18}$"},
               "reason":{"type":"string","enum":["LOST","BROKEN"]},
               "copies":{"type":"integer","minimum":1,"maximum":3},
               "depositFen":{"type":"integer","minimum":5000},
               "servicePassword":{"type":"string","writeOnly":true},
               "members":{"type":"array","items":{"type":"string","pattern":"^1[3-9][0-9]{9}$"}}}}""";

    private TestProcedure sim;

    @Before
    public void setUp() {
        sim = new TestProcedure("sim-replacement", "补卡");
        sim.paramsSchema = SIM_SCHEMA;
        install(sim, "org.bizhall.procedure.general", "*", 0);
    }

    private OrderRequest envelope(Map<String, Object> params) {
        return new OrderRequest("sim-replacement", MSISDN, PERSON, List.of(), List.of(), params);
    }

    private ProblemException refusedParams(Map<String, Object> params) {
        long stored = storedOrders();
        int quotes = sim.quotes;
        ProblemException e = refused(() -> engine.submit(opSn, envelope(params)));
        assertEquals(400, e.status());
        assertEquals("nothing is stored", stored, storedOrders());
        assertEquals("the procedure never priced it", quotes, sim.quotes);
        return e;
    }

    @Test
    public void paramsMatchingTheSchemaReachTheProcedure() {
        Order order = engine.submit(opSn, envelope(Map.of("iccid", "8986001234567890123", "reason", "LOST",
                "copies", 2, "members", List.of("13891800001"))));
        assertEquals(OrderState.COMPLETED, order.state());
        assertEquals(1, sim.quotes);
    }

    @Test
    public void aMissingRequiredParamIsParamMissingOnItsField() {
        ProblemException e = refusedParams(Map.of("reason", "LOST"));
        assertEquals("PARAM_MISSING", e.code());
        assertEquals("params.iccid", e.field());
    }

    @Test
    public void aParamOfTheWrongTypePatternOrRangeIsParamInvalidOnItsField() {
        assertEquals("params.iccid", refusedParams(Map.of("iccid", 89860012)).field());
        ProblemException pattern = refusedParams(Map.of("iccid", "12345"));
        assertEquals("PARAM_INVALID", pattern.code());
        assertEquals("params.iccid", pattern.field());
        assertFalse("the value is not echoed", pattern.detail().contains("12345"));
        assertEquals("params.reason", refusedParams(Map.of("iccid", "8986001234567890123", "reason", "STOLEN"))
                .field());
        assertEquals("params.copies", refusedParams(Map.of("iccid", "8986001234567890123", "copies", 4)).field());
    }

    @Test
    public void moneyParamsAnswerThePlatformsAmountCodesBeforeTheSchemasOwnLimits() {
        ProblemException negative = refusedParams(Map.of("iccid", "8986001234567890123", "depositFen", -100));
        assertEquals("AMOUNT_NEGATIVE", negative.code());
        assertEquals("params.depositFen", negative.field());
        assertEquals("AMOUNT_TOO_LARGE", refusedParams(Map.of("iccid", "8986001234567890123",
                "depositFen", 1_000_000_000_000L)).code());
        ProblemException belowTheSchema = refusedParams(Map.of("iccid", "8986001234567890123", "depositFen", 100));
        assertEquals("PARAM_INVALID", belowTheSchema.code());
        assertEquals("params.depositFen", belowTheSchema.field());
    }

    @Test
    public void aBadArrayElementIsNamedByItsIndex() {
        ProblemException e = refusedParams(Map.of("iccid", "8986001234567890123",
                "members", List.of("13891800001", "999")));
        assertEquals("PARAM_INVALID", e.code());
        assertEquals("params.members[1]", e.field());
    }

    @Test
    public void aParamTheSchemaDoesNotKnowIsRefusedWhenTheSchemaSaysSo() {
        ProblemException e = refusedParams(Map.of("iccid", "8986001234567890123", "colour", "red"));
        assertEquals("PARAM_INVALID", e.code());
        assertTrue(e.field(), e.field().startsWith("params"));
    }

    @Test
    public void aWriteOnlyParamIsCheckedAndStillRedacted() {
        Order order = engine.submit(opSn, envelope(Map.of("iccid", "8986001234567890123",
                "servicePassword", "135790")));
        assertEquals("***", order.params().get("servicePassword"));
        assertEquals("params.servicePassword", refusedParams(Map.of("iccid", "8986001234567890123",
                "servicePassword", 135790)).field());
    }

    @Test
    public void aProviderWhoseSchemaCannotBeCompiledFailsItsOrderOnly() {
        TestProcedure broken = new TestProcedure("sim-replacement", "坏的");
        broken.paramsSchema = "{\"type\": 12";
        install(broken, "org.bizhall.province.sx.sim", "SX", 100);
        ProblemException e = refused(() -> engine.submit(opSx, envelope(Map.of("iccid", "8986001234567890123"))));
        assertEquals(500, e.status());
        assertEquals("PROCEDURE_FAILED", e.code());
        assertEquals(0, storedOrders());
        assertEquals("another province is untouched", OrderState.COMPLETED,
                engine.submit(opSn, envelope(Map.of("iccid", "8986001234567890123"))).state());
    }

    @Test
    public void aSchemaReferringToARemoteDocumentIsNeverFetchedAndFailsItsOrderOnly() {
        TestProcedure remote = new TestProcedure("sim-replacement", "远程");
        remote.paramsSchema = "{\"type\":\"object\",\"properties\":{\"iccid\":"
                + "{\"$ref\":\"http://schemas.invalid/iccid.json\"}}}";
        install(remote, "org.bizhall.province.sx.sim", "SX", 100);
        long started = System.nanoTime();
        ProblemException e = refused(() -> engine.submit(opSx, envelope(Map.of("iccid", "8986001234567890123"))));
        assertEquals("PROCEDURE_FAILED", e.code());
        assertEquals(0, storedOrders());
        assertTrue("no network round trip", System.nanoTime() - started < 5_000_000_000L);
    }
}
