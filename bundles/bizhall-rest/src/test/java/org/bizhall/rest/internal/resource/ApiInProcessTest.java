package org.bizhall.rest.internal.resource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.ws.rs.client.Entity;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.cxf.jaxrs.client.WebClient;
import org.bizhall.api.order.ProcedureListing;
import org.bizhall.rest.internal.edge.RequestClassLoader;
import org.bizhall.rest.internal.idempotency.InMemoryKeys;
import org.bizhall.rest.internal.json.Json;
import org.bizhall.testing.SettableClock;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The application's resources, filter, mappers and JSON provider in a JAX-RS runtime, called over an in-JVM transport:
 * what a branch system sees, short of the OSGi whiteboard and the real services.
 */
public class ApiInProcessTest {
    private static final String ADDRESS = "local://bizhall-test";
    private static final String TRANSFER = "{\"procedure\":\"ownership-transfer\",\"msisdn\":\"13891800088\","
            + "\"customer\":{\"type\":\"PERSONAL\",\"name\":\"张三\",\"idType\":\"ID_CARD\",\"idNumber\":\"11010519491231002X\"},"
            + "\"documents\":[{\"kind\":\"HOLDER_ID\",\"number\":\"11010519491231002X\"}],\"params\":{\"depositFen\":20000}}";

    private final Fakes.Halls halls = new Fakes.Halls();
    private final Fakes.Orders orders = new Fakes.Orders();
    private final SettableClock clock = Fakes.clock();
    private final Fakes.Registry registry = new Fakes.Registry();
    private final InMemoryKeys keys = new InMemoryKeys();

    private InProcessApi api;

    @Before
    public void start() {
        api = new InProcessApi(ADDRESS, halls, List.of(new MeResource(), new OrderResource(orders, clock, keys, keys),
                new SubscriberResource(Fakes.subscribers()), new HealthResource(keys, halls, registry),
                new OpenApiResource(), new AdminClockResource(clock), new ProcedureResource(registry), new DeviceResource(new Fakes.Devices())));
    }

    @After
    public void stop() {
        api.close();
    }

    private WebClient client(String user) {
        return api.client(user);
    }

    private static JsonNode json(Response response) throws Exception {
        return InProcessApi.json(response);
    }

    private static JsonNode assertProblem(Response response, int status, String code) throws Exception {
        return InProcessApi.assertProblem(response, status, code);
    }

    @Test
    public void theFirstRequestPutsTheRequestClassLoaderOnTheBusSoLaterOnesSearchForNone() throws Exception {
        assertEquals(0, api.resources().getResourceResolvers().stream()
                .filter(RequestClassLoader.class::isInstance).count());
        assertEquals(401, client(null).path("me").get().getStatus());
        assertEquals(200, client("op-sn").path("me").get().getStatus());
        assertEquals(1, api.resources().getResourceResolvers().stream()
                .filter(RequestClassLoader.class::isInstance).count());
        assertSame(Thread.currentThread().getContextClassLoader(), api.resources().resolveResource("", ClassLoader.class));
    }

    @Test
    public void meTellsUserRoleHallKindsAndProvince() throws Exception {
        JsonNode me = json(client("op-sn").path("me").get());
        assertEquals("op-sn", me.get("user").asText());
        assertEquals("operator", me.get("role").asText());
        assertEquals("SN-XA-001", me.get("hall").asText());
        assertEquals("SN", me.get("province").asText());
        assertEquals("[\"SELF_OWNED\",\"REDEMPTION\",\"DESIGNATED\"]", me.get("hallKinds").toString());
    }

    @Test
    public void noCredentialsIs401WithChallenge() throws Exception {
        Response response = client(null).path("me").get();
        assertEquals("Basic realm=\"bizhall\"", response.getHeaderString("WWW-Authenticate"));
        assertProblem(response, 401, "UNAUTHENTICATED");
    }

    @Test
    public void wrongPasswordIs401() throws Exception {
        WebClient client = client(null).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("op-sn:wrong".getBytes(StandardCharsets.UTF_8)));
        assertProblem(client.path("me").get(), 401, "UNAUTHENTICATED");
    }

    @Test
    public void userWithoutStaffRecordIs403NoHall() throws Exception {
        assertProblem(client("lost").path("me").get(), 403, "NO_HALL");
    }

    @Test
    public void userWithoutBizhallRoleIs403() throws Exception {
        assertProblem(client("viewer").path("me").get(), 403, "ROLE_NOT_ALLOWED");
    }

    @Test
    public void unknownPathIs404ProblemAndWrongMethodIs405() throws Exception {
        assertProblem(client("op-sn").path("nothing-here").get(), 404, "NOT_FOUND");
        assertProblem(client("op-sn").path("me").delete(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    public void orderIsCreatedWithLocationAndMaskedCustomer() throws Exception {
        Response response = client("op-sn").path("orders").type(MediaType.APPLICATION_JSON).post(TRANSFER);
        assertEquals(201, response.getStatus());
        assertTrue(response.getHeaderString("Location"), response.getHeaderString("Location").endsWith("/orders/o-1"));
        JsonNode order = json(response);
        assertEquals("PENDING_PAYMENT", order.get("state").asText());
        assertEquals(20000, order.get("quote").get("totalFen").asLong());
        assertEquals("2026-11-05T10:00:00+08:00", order.get("createdAt").asText());
        assertEquals("张*", order.get("customer").get("name").asText());
        assertEquals("**************002X", order.get("customer").get("idNumber").asText());
        assertFalse(order.toString().contains("11010519491231002X"));
    }

    @Test
    public void sameIdempotencyKeyReplaysTheOrderAndAnotherBodyIs409() throws Exception {
        Response first = client("op-sn").path("orders").type(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k-1").post(TRANSFER);
        Response again = client("op-sn").path("orders").type(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k-1").post(TRANSFER);
        assertEquals(201, again.getStatus());
        assertEquals(first.getHeaderString("Location"), again.getHeaderString("Location"));
        assertEquals(json(first), json(again));
        assertEquals(1, orders.submitted.size());
        Response other = client("op-sn").path("orders").type(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k-1").post(TRANSFER.replace("20000", "30000"));
        assertProblem(other, 409, "IDEMPOTENCY_KEY_REUSED");
    }

    /** A bank refund's ACCOUNTING_OFFICE step: the edge hands the confirmed amount to the engine (which checks roles). */
    @Test
    public void aConfirmationCarriesTheConfirmedAmountToTheEngine() throws Exception {
        client("op-sn").path("orders").type(MediaType.APPLICATION_JSON).post(TRANSFER);

        Response confirmed = client("op-sn").path("orders/o-1/confirmations").type(MediaType.APPLICATION_JSON)
                .post("{\"step\":\"ACCOUNTING_OFFICE\",\"approved\":true,\"note\":\"核查\",\"confirmedFen\":5000}");

        assertEquals(201, confirmed.getStatus());
        assertEquals(1, orders.confirmations.size());
        assertEquals("ACCOUNTING_OFFICE", orders.confirmations.get(0).step());
        assertEquals(Boolean.TRUE, orders.confirmations.get(0).approved());
        assertEquals(Long.valueOf(5000), orders.confirmations.get(0).confirmedFen());
    }

    @Test
    public void refusedOrderIs422AndItsKeyStaysFree() throws Exception {
        Response refused = client("op-sn").path("orders").type(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k-2").post("{\"procedure\":\"refused\"}");
        assertProblem(refused, 422, "TRANSFER_DEPOSIT_TOO_LOW");
        assertEquals("a refused request stores no key", 0, keys.size());
        assertEquals(201, client("op-sn").path("orders").type(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k-2").post(TRANSFER).getStatus());
    }

    @Test
    public void unknownEnumInTheEnvelopeIs400NamingTheField() throws Exception {
        Response response = client("op-sn").path("orders").type(MediaType.APPLICATION_JSON)
                .post(TRANSFER.replace("\"ID_CARD\"", "\"SOCIAL_CARD\""));
        assertEquals(400, response.getStatus());
        JsonNode problem = json(response);
        assertEquals("JSON_INVALID", problem.get("code").asText());
        assertEquals("customer.idType", problem.get("field").asText());
        assertTrue(response.getMediaType().toString().startsWith("application/problem+json"));
    }

    @Test
    public void unexpectedFailureIs500WithoutDetailsOfIt() throws Exception {
        Response response = client("op-sn").path("orders/o-1/payments").type(MediaType.APPLICATION_JSON)
                .post("{\"method\":\"CASH\",\"tenderedFen\":30000}");
        String body = response.readEntity(String.class);
        assertEquals(500, response.getStatus());
        assertTrue(body, body.contains("\"code\":\"INTERNAL_ERROR\""));
        assertFalse(body, body.contains("UnsupportedOperationException"));
        assertFalse(body, body.contains("at org."));
    }

    @Test
    public void malformedJsonIs400() throws Exception {
        assertProblem(client("op-sn").path("orders").type(MediaType.APPLICATION_JSON).post("{\"procedure\":"),
                400, "JSON_MALFORMED");
    }

    @Test
    public void orderListCarriesTotalCountAndChecksItsParameters() throws Exception {
        client("op-sn").path("orders").type(MediaType.APPLICATION_JSON).post(TRANSFER);
        client("op-sn").path("orders").type(MediaType.APPLICATION_JSON).post(TRANSFER);
        Response page = client("op-sn").path("orders").query("limit", 1).get();
        assertEquals("2", page.getHeaderString("X-Total-Count"));
        assertEquals(1, json(page).size());
        assertProblem(client("op-sn").path("orders").query("limit", 501).get(), 400, "LIMIT_INVALID");
        assertProblem(client("op-sn").path("orders").query("state", "DONE").get(), 400, "QUERY_PARAM_INVALID");
        assertProblem(client("op-sn").path("orders").query("from", "yesterday").get(), 400, "QUERY_PARAM_INVALID");
    }

    @Test
    public void subscriberHolderIsMaskedAndOtherProvinceIs403() throws Exception {
        JsonNode subscriber = json(client("op-sn").path("subscribers/13891800088").get());
        assertEquals("张*", subscriber.get("holder").get("name").asText());
        assertEquals("**************002X", subscriber.get("holder").get("idNumber").asText());
        assertEquals("GOTONE-88", subscriber.get("package").asText());
        assertEquals(42, subscriber.get("accountId").asLong());
        assertProblem(client("op-sn").path("subscribers/13935100001").get(), 403, "OTHER_PROVINCE");
        assertProblem(client("op-sn").path("subscribers/13891800000").get(), 404, "SUBSCRIBER_NOT_FOUND");
    }

    @Test
    public void holderCheckAnswersOnlyWhetherTheNameMatches() throws Exception {
        Response yes = client("op-sn").path("subscribers/13891800088/holder-check").type(MediaType.APPLICATION_JSON)
                .post("{\"name\":\"张三\"}");
        assertEquals("{\"match\":true}", yes.readEntity(String.class));
        Response no = client("op-sn").path("subscribers/13891800088/holder-check").type(MediaType.APPLICATION_JSON)
                .post("{\"name\":\"王五\"}");
        String body = no.readEntity(String.class);
        assertEquals("{\"match\":false}", body);
    }

    @Test
    public void healthNeedsNoCredentialsAndFollowsDatabaseAndProcedures() throws Exception {
        assertEquals(503, client(null).path("health").get().getStatus());
        registry.listings.add(new ProcedureListing("account-opening", "新开户 Account opening", "1.0.0", "*",
                "org.bizhall.procedure.opening/1.0.0", 0, "{\"type\":\"object\"}", List.of("HOLDER_ID"),
                Map.of(), List.of("quote", "payment", "execute"), true));
        JsonNode up = json(client(null).path("health").get());
        assertEquals("{\"status\":\"UP\",\"database\":\"UP\",\"procedures\":1}", up.toString());
        halls.down = true;
        Response down = client(null).path("health").get();
        assertEquals(503, down.getStatus());
        assertEquals("DOWN", json(down).get("database").asText());
    }

    @Test
    public void proceduresEmbedTheirParamsSchemaAsJson() throws Exception {
        registry.listings.add(new ProcedureListing("account-opening", "新开户 Account opening", "1.0.0", "*",
                "org.bizhall.procedure.opening/1.0.0", 0, "{\"type\":\"object\"}", List.of("HOLDER_ID"),
                Map.of(), List.of("quote", "payment", "execute"), true));
        JsonNode listing = json(client("op-sn").path("procedures").get()).get(0);
        assertEquals("object", listing.get("paramsSchema").get("type").asText());
        assertEquals("新开户 Account opening", listing.get("title").asText());
        assertEquals("[\"quote\",\"payment\",\"execute\"]", listing.get("steps").toString());
        assertFalse(listing.get("passwordInsteadOfId").asBoolean());
        assertProblem(client("op-sn").path("procedures").query("province", "SX").get(), 403, "OTHER_PROVINCE");
    }

    @Test
    public void proceduresShowWhetherTheServicePasswordMayStandInForTheId_rule9() throws Exception {
        registry.listings.add(new ProcedureListing("suspend", "报停 Suspension on request", "1.0.0", "*",
                "org.bizhall.procedure.general/1.0.0", 0, "{\"type\":\"object\"}", List.of("HOLDER_ID"),
                Map.of(), List.of("quote", "execute"), true, true));
        JsonNode listing = json(client("op-sn").path("procedures").get()).get(0);
        assertTrue(listing.get("passwordInsteadOfId").asBoolean());
    }

    @Test
    public void openApiDocumentNeedsNoCredentials() throws Exception {
        Response response = client(null).path("openapi.json").get();
        assertEquals(200, response.getStatus());
        assertEquals("3.0.3", json(response).get("openapi").asText());
    }

    @Test
    public void anAcceptHeaderWithoutJsonIs406Problem() throws Exception {
        assertProblem(client(null).path("health").replaceHeader("Accept", "text/plain").get(), 406, "NOT_ACCEPTABLE");
        assertProblem(client(null).path("openapi.json").replaceHeader("Accept", "text/html").get(), 406,
                "NOT_ACCEPTABLE");
    }

    @Test
    public void clockIsAbsentUnlessAdjustableAndThenAdminOnly() throws Exception {
        String move = "{\"now\":\"2026-12-01T09:00:00+08:00\"}";
        assertProblem(client("admin").path("admin/clock").type(MediaType.APPLICATION_JSON).put(move), 404, "NOT_FOUND");
        clock.setAdjustable(true);
        assertProblem(client("op-sn").path("admin/clock").type(MediaType.APPLICATION_JSON).put(move), 403,
                "ROLE_NOT_ALLOWED");
        JsonNode moved = json(client("admin").path("admin/clock").type(MediaType.APPLICATION_JSON).put(move));
        assertEquals("2026-12-01T09:00:00+08:00", moved.get("now").asText());
    }

    @Test
    public void staffSeeTheDevicesOfTheirOwnHallWithTheirDriversAndStatus_hallDevices() throws Exception {
        Response response = client("op-sn").path("devices").get();
        assertEquals(200, response.getStatus());
        assertEquals("2", response.getHeaderString("X-Total-Count"));
        JsonNode devices = json(response);
        assertEquals("SN-XA-001-printer", devices.get(0).get("id").asText());
        assertEquals("RECEIPT_PRINTER", devices.get(0).get("kind").asText());
        assertEquals("ONLINE", devices.get(0).get("status").asText());
        JsonNode reader = devices.get(1);
        assertEquals("SN-XA-001", reader.get("hall").asText());
        assertEquals("acme", reader.get("driver").asText());
        assertFalse(reader.get("bound").asBoolean());
        assertEquals("OFFLINE", reader.get("status").asText());
    }

    @Test
    public void anAdminSeesEveryHallsDevices() throws Exception {
        Response response = client("admin").path("devices").get();
        assertEquals("3", response.getHeaderString("X-Total-Count"));
        assertEquals(1, json(client("admin").path("devices").query("hall", "SX-TY-001").get()).size());
    }

    @Test
    public void staffAskingForAnotherHallsDevicesIs403() throws Exception {
        assertProblem(client("op-sn").path("devices").query("hall", "SX-TY-001").get(), 403, "OTHER_HALL");
    }

    @Test
    public void testingADeviceRunsItsDriversSelfTest() throws Exception {
        Response response = client("op-sn").path("devices/SN-XA-001-printer/test").post(null);
        assertEquals(200, response.getStatus());
        JsonNode result = json(response);
        assertEquals("ONLINE", result.get("status").asText());
        assertEquals("test page printed", result.get("detail").asText());
        assertEquals("OFFLINE", json(client("op-sn").path("devices/SN-XA-001-reader/test").post(null)).get("status").asText());
    }

    @Test
    public void testingAnotherHallsDeviceIs403AndAnUnknownOne404() throws Exception {
        assertProblem(client("op-sx").path("devices/SN-XA-001-printer/test").post(null), 403, "OTHER_HALL");
        assertProblem(client("op-sn").path("devices/nope/test").post(null), 404, "DEVICE_NOT_FOUND");
    }

    @Test
    public void aNameLongerThanItsColumnIs400TextTooLongAndNothingIsSubmitted_defect3() throws Exception {
        String longName = TRANSFER.replace("\"name\":\"张三\"", "\"name\":\"" + "张".repeat(256) + "\"");
        JsonNode problem = assertProblem(client("op-sn").path("orders").type(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k-long").post(longName), 400, "TEXT_TOO_LONG");
        assertEquals("customer.name", problem.get("field").asText());
        assertFalse("the detail never echoes the value", problem.toString().contains("张张"));
        assertEquals("nothing reached the engine", 0, orders.submitted.size());
        assertEquals("the key stays free", 0, keys.size());

        String longParam = TRANSFER.replace("\"depositFen\":20000", "\"note\":\"" + "x".repeat(2001) + "\"");
        assertEquals("params.note", assertProblem(client("op-sn").path("orders").type(MediaType.APPLICATION_JSON)
                .post(longParam), 400, "TEXT_TOO_LONG").get("field").asText());
        String longDocument = TRANSFER.replace("\"number\":\"11010519491231002X\"", "\"number\":\"" + "9".repeat(65) + "\"");
        assertEquals("documents[0].number", assertProblem(client("op-sn").path("orders").type(MediaType.APPLICATION_JSON)
                .post(longDocument), 400, "TEXT_TOO_LONG").get("field").asText());
        assertEquals(0, orders.submitted.size());
    }

    @Test
    public void aValueTheDatabaseRefusesIs400WithoutTheValueNot500_defect3() throws Exception {
        Response response = client("op-sn").path("orders").type(MediaType.APPLICATION_JSON)
                .post("{\"procedure\":\"store-refuses\"}");
        String body = response.readEntity(String.class);
        assertEquals(body, 400, response.getStatus());
        assertTrue(body, body.contains("\"code\":\"VALUE_TOO_LARGE\""));
        assertFalse(body, body.contains("张三"));
        assertFalse(body, body.contains("java."));
    }

    @Test
    public void deepNestingIs400JsonLimitExceeded_defect5() throws Exception {
        String deep = "{\"procedure\":\"x\",\"params\":{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";
        assertProblem(client("op-sn").path("orders").type(MediaType.APPLICATION_JSON).post(deep), 400,
                "JSON_LIMIT_EXCEEDED");
        String huge = "{\"procedure\":\"x\",\"params\":{\"a\":" + "9".repeat(5000) + "}}";
        assertProblem(client("op-sn").path("orders").type(MediaType.APPLICATION_JSON).post(huge), 400,
                "JSON_LIMIT_EXCEEDED");
        assertEquals(0, orders.submitted.size());
    }
}
