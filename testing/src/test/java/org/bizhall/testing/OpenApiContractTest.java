package org.bizhall.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;

/** The answer check finds what a client of the document would trip over, and accepts what the document says. */
public class OpenApiContractTest {
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final OpenApiContract CONTRACT = OpenApiContract.read(new ByteArrayInputStream("""
            {"openapi":"3.0.3","info":{"title":"t","version":"1"},"servers":[{"url":"/api/v1"}],
             "paths":{
              "/orders/{id}":{"get":{"responses":{
                "200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Order"}}}},
                "404":{"$ref":"#/components/responses/NotFound"}}}},
              "/orders/{id}/payments":{"get":{"responses":{
                "200":{"description":"ok","content":{"application/json":{"schema":{"type":"array",
                       "items":{"type":"object","required":["amountFen"],"properties":{"amountFen":{"type":"integer"}}}}}}}}}},
              "/queue/calls":{"post":{"responses":{"204":{"description":"nobody waits"},"4XX":{"$ref":"#/components/responses/NotFound"}}}}},
             "components":{
              "responses":{"NotFound":{"description":"missing","content":{"application/problem+json":
                   {"schema":{"$ref":"#/components/schemas/Problem"}}}}},
              "schemas":{
               "Awaiting":{"type":"string","enum":["PAYMENT","DATE"]},
               "Order":{"type":"object","required":["id","state"],"properties":{
                 "id":{"type":"string","example":"o-1"},
                 "state":{"type":"string","enum":["PENDING_PAYMENT","COMPLETED"]},
                 "awaiting":{"type":"string","allOf":[{"$ref":"#/components/schemas/Awaiting"}],"nullable":true},
                 "note":{"type":"string"}}},
               "Problem":{"type":"object","required":["code","status"],"properties":{
                 "code":{"type":"string"},"status":{"type":"integer"},"field":{"type":"string","nullable":true}}}}}}
            """.getBytes(StandardCharsets.UTF_8)));

    private static List<String> check(String method, String path, int status, String type, String body) {
        return CONTRACT.violations(method, path, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void anAnswerAsDescribedPasses() {
        assertEquals(List.of(), check("GET", "/api/v1/orders/o-1?x=1", 200, JSON + ";charset=UTF-8",
                "{\"id\":\"o-1\",\"state\":\"COMPLETED\",\"awaiting\":null,\"extra\":1}"));
        assertEquals(List.of(), check("GET", "/api/v1/orders/o-1", 200, JSON,
                "{\"id\":\"o-1\",\"state\":\"PENDING_PAYMENT\",\"awaiting\":\"PAYMENT\"}"));
        assertEquals(List.of(), check("GET", "/api/v1/orders/o-9", 404, PROBLEM,
                "{\"code\":\"ORDER_NOT_FOUND\",\"status\":404,\"field\":null}"));
        assertEquals(List.of(), check("POST", "/api/v1/queue/calls", 204, null, ""));
        assertEquals("a range stands for its statuses", List.of(),
                check("POST", "/api/v1/queue/calls", 409, PROBLEM, "{\"code\":\"X_Y\",\"status\":409}"));
    }

    @Test
    public void aBodyOffItsSchemaIsNamedWithItsPlace() {
        List<String> wrong = check("GET", "/api/v1/orders/o-1", 200, JSON, "{\"id\":7,\"state\":\"LOST\",\"awaiting\":\"SOON\"}");
        assertTrue(wrong.get(0), wrong.stream().allMatch(w -> w.startsWith("GET /api/v1/orders/o-1 → 200: /")));
        for (String field : List.of("/id:", "/state:", "/awaiting:")) {
            assertTrue(field + " in " + wrong, wrong.stream().anyMatch(w -> w.contains(field)));
        }
        assertEquals(1, check("GET", "/api/v1/orders/o-1", 200, JSON, "{\"id\":\"o-1\"}").size());
        assertEquals("null where the document does not allow it", 1,
                check("GET", "/api/v1/orders/o-1", 200, JSON, "{\"id\":\"o-1\",\"state\":\"COMPLETED\",\"note\":null}").size());
        assertEquals(1, check("GET", "/api/v1/orders/o-1/payments", 200, JSON, "[{\"amountFen\":1.5}]").size());
    }

    @Test
    public void aStatusOrMediaTypeTheDocumentDoesNotListIsReported() {
        List<String> status = check("GET", "/api/v1/orders/o-1", 500, PROBLEM, "{\"code\":\"INTERNAL_ERROR\",\"status\":500}");
        assertEquals(1, status.size());
        assertTrue(status.get(0), status.get(0).contains("status 500 is not among the responses of GET /orders/{id}"));
        List<String> media = check("GET", "/api/v1/orders/o-1", 200, "text/plain", "o-1");
        assertTrue(media.toString(), media.get(0).contains("media type 'text/plain'"));
        assertEquals(1, check("POST", "/api/v1/queue/calls", 204, JSON, "{}").size());
        assertEquals(1, check("GET", "/api/v1/orders/o-1", 200, JSON, "not json").size());
    }

    @Test
    public void aPathOrMethodTheDocumentDoesNotHaveMayOnlyAnswerAProblem() {
        assertEquals(List.of(), check("DELETE", "/api/v1/orders/o-1", 405, PROBLEM,
                "{\"code\":\"METHOD_NOT_ALLOWED\",\"status\":405}"));
        assertEquals(List.of(), check("GET", "/api/v1/nothing", 404, PROBLEM, "{\"code\":\"NOT_FOUND\",\"status\":404}"));
        assertEquals(1, check("GET", "/api/v1/nothing", 200, JSON, "{}").size());
        assertEquals(1, check("GET", "/api/v1/nothing", 404, PROBLEM, "{\"status\":404}").size());
    }

    @Test
    public void assertDescribedFailsWithTheMethodPathStatusAndMessage() {
        try {
            CONTRACT.assertDescribed("GET", "/api/v1/orders/o-1", 200, JSON, "{}".getBytes(StandardCharsets.UTF_8));
            fail("an order without id and state passed");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("GET /api/v1/orders/o-1 → 200"));
            assertTrue(expected.getMessage(), expected.getMessage().contains("body: {}"));
        }
    }
}
