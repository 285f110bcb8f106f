package org.bizhall.rest.internal.resource;

import static org.bizhall.rest.internal.resource.InProcessApi.assertProblem;
import static org.bizhall.rest.internal.resource.InProcessApi.json;
import static org.junit.Assert.assertEquals;

import java.util.List;

import javax.ws.rs.core.Response;

import org.bizhall.api.loyalty.Gift;
import org.bizhall.rest.internal.idempotency.InMemoryKeys;
import org.bizhall.testing.InMemoryLoyalty;
import org.bizhall.testing.InMemorySubscribers;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The contract's "Points and gifts": balances of the caller's province, back-office adjustments, the gift list. */
public class PointsApiTest {
    private final InMemorySubscribers subscribers = Fakes.subscribers();
    private final InMemoryLoyalty loyalty = new InMemoryLoyalty(subscribers, Fakes.clock());
    private final InMemoryKeys keys = new InMemoryKeys();
    private InProcessApi api;

    @Before
    public void start() {
        loyalty.addGift(new Gift("UMBRELLA", "雨伞", 500, 50, 0));
        loyalty.addGift(new Gift("TOP-UP-50", "50元话费", 5000, 100, 5000));
        api = new InProcessApi("local://bizhall-points", new Fakes.Halls(), List.of(
                new PointsResource(loyalty, subscribers, keys, keys), new GiftResource(loyalty)));
    }

    @After
    public void stop() {
        api.close();
    }

    private Response adjust(String user, String msisdn, String body) {
        return api.client(user).path("points/" + msisdn + "/adjustments").type("application/json").post(body);
    }

    @Test
    public void rules8_backOfficeAdjustsWithAReason_neverBelowZero_othersForbidden() throws Exception {
        JsonNode zero = json(api.client("op-sn").path("points/13891800088").get());
        assertEquals("13891800088", zero.get("msisdn").asText());
        assertEquals(0, zero.get("balance").asLong());

        assertProblem(adjust("op-sn", "13891800088", "{\"points\":500,\"reason\":\"补录\"}"), 403, "ROLE_NOT_ALLOWED");
        Response created = adjust("bo-sn", "13891800088", "{\"points\":500,\"reason\":\"补录\"}");
        assertEquals(201, created.getStatus());
        JsonNode movement = json(created);
        assertEquals("ADJUST", movement.get("kind").asText());
        assertEquals(500, movement.get("balanceAfter").asLong());
        assertEquals("bo-sn", movement.get("by").asText());

        assertProblem(adjust("bo-sn", "13891800088", "{\"points\":-501,\"reason\":\"纠错\"}"), 422, "POINTS_INSUFFICIENT");
        assertProblem(adjust("bo-sn", "13891800088", "{\"points\":0,\"reason\":\"纠错\"}"), 400, "POINTS_INVALID");
        assertProblem(adjust("bo-sn", "13891800088", "{\"points\":5}"), 400, "REASON_MISSING");
        assertProblem(adjust("bo-sn", "13935100001", "{\"points\":5,\"reason\":\"x\"}"), 403, "OTHER_PROVINCE");
        assertProblem(adjust("bo-sn", "13891809999", "{\"points\":5,\"reason\":\"x\"}"), 404, "SUBSCRIBER_NOT_FOUND");
        assertEquals(500, json(api.client("op-sn").path("points/13891800088").get()).get("balance").asLong());

        Response movements = api.client("op-sn").path("points/13891800088/movements").get();
        assertEquals("1", movements.getHeaderString("X-Total-Count"));
        assertProblem(api.client("op-sn").path("points/13935100001").get(), 403, "OTHER_PROVINCE");
    }

    @Test
    public void anAdjustmentWithAnIdempotencyKeyIsMadeOnce() throws Exception {
        for (int i = 0; i < 2; i++) {
            Response r = api.client("bo-sn").path("points/13891800088/adjustments").type("application/json")
                    .header("Idempotency-Key", "adj-1").post("{\"points\":300,\"reason\":\"活动\"}");
            assertEquals(201, r.getStatus());
        }
        assertEquals(300, loyalty.balance("13891800088"));
    }

    @Test
    public void giftsListCodeNamePointsAndStock() throws Exception {
        Response r = api.client("op-sn").path("gifts").get();
        assertEquals(200, r.getStatus());
        assertEquals("2", r.getHeaderString("X-Total-Count"));
        JsonNode gifts = json(r);
        assertEquals("TOP-UP-50", gifts.get(0).get("code").asText());
        assertEquals(5000, gifts.get(0).get("points").asLong());
        assertEquals(100, gifts.get(0).get("stock").asLong());
        assertEquals("雨伞", gifts.get(1).get("name").asText());
    }
}
