package org.bizhall.rest.internal.resource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.ws.rs.client.Entity;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.cxf.jaxrs.client.WebClient;
import org.bizhall.rest.internal.idempotency.InMemoryKeys;
import org.bizhall.testing.InMemoryCustomerCategories;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.InMemoryTickets;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestProvinceParameters;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code /tickets} and {@code /customers/…/categories} in a JAX-RS runtime over the in-memory services (rules §12,
 * §14): the words of a body checked with a code naming the field, the statuses of the contract, idempotent intake,
 * and every answer checked against the OpenAPI document.
 */
public class CareApiTest {
    private static final String ADDRESS = "local://bizhall-care";
    private static final String ZHANG = "11010519491231002X";

    private final SettableClock clock = new SettableClock();
    private final InMemorySubscribers subscribers = Fakes.subscribers();
    private final InMemoryTickets tickets = new InMemoryTickets(clock, new TestProvinceParameters(), subscribers);
    private final InMemoryCustomerCategories categories = new InMemoryCustomerCategories(subscribers, clock);
    private final InMemoryKeys keys = new InMemoryKeys();
    private InProcessApi api;

    @Before
    public void start() {
        api = new InProcessApi(ADDRESS, new Fakes.Halls(), List.of(new TicketResource(tickets, keys, keys),
                new CustomerCategoryResource(categories), new SubscriberResource(subscribers)));
    }

    @After
    public void stop() {
        api.close();
    }

    private WebClient client(String user, String... path) {
        WebClient client = api.client(user);
        for (String segment : path) {
            client.path(segment);
        }
        return client.type(MediaType.APPLICATION_JSON);
    }

    private Response post(String user, String body, String... path) {
        return client(user, path).post(Entity.entity(body, MediaType.APPLICATION_JSON));
    }

    private static JsonNode json(Response response) throws Exception {
        return InProcessApi.json(response);
    }

    private String intake() throws Exception {
        Response created = post("op-sn", "{\"channel\":\"HOTLINE\",\"msisdn\":\"13891800088\",\"category\":\"BILLING\","
                + "\"text\":\"话费扣错\"}", "tickets");
        assertEquals(201, created.getStatus());
        JsonNode ticket = json(created);
        assertTrue(created.getHeaderString("Location").endsWith("/tickets/" + ticket.path("id").asText()));
        assertEquals("HOTLINE", ticket.path("channel").asText());
        return ticket.path("id").asText();
    }

    @Test
    public void rules12_theStepsAnswer200WithTheTicketAndOutOfOrder409() throws Exception {
        String id = intake();
        InProcessApi.assertProblem(post("bo-sn", "{\"text\":\"答复\",\"resolved\":true}", "tickets", id, "reply"), 409,
                "TICKET_STATE_CONFLICT");
        Response dispatched = post("bo-sn", "{\"department\":\"BILLING\"}", "tickets", id, "dispatch");
        assertEquals(200, dispatched.getStatus());
        assertEquals("DISPATCHED", json(dispatched).path("state").asText());
        InProcessApi.assertProblem(post("bo-sn", "{\"text\":\"答复\"}", "tickets", id, "reply"), 400,
                "TICKET_OUTCOME_MISSING");
        assertEquals("REPLIED", json(post("bo-sn", "{\"text\":\"已退费\",\"resolved\":true}", "tickets", id, "reply"))
                .path("state").asText());
        assertEquals("CALLED_BACK", json(post("op-sn", "{\"text\":\"满意\",\"satisfied\":true}", "tickets", id,
                "callback")).path("state").asText());
        JsonNode closed = json(post("mgr-sn", "{\"text\":\"结案\"}", "tickets", id, "close"));
        assertEquals("CLOSED", closed.path("state").asText());
        assertEquals(5, closed.path("history").size());
        assertEquals(closed, json(client("op-sn", "tickets", id).get()));
    }

    @Test
    public void rules12_badWordsAreRefusedNamingTheField() throws Exception {
        assertEquals("channel", InProcessApi.assertProblem(post("op-sn", "{\"channel\":\"FAX\",\"msisdn\":\"13891800088\","
                + "\"category\":\"CARD\",\"text\":\"x\"}", "tickets"), 400, "TICKET_CHANNEL_INVALID").path("field").asText());
        assertEquals("category", InProcessApi.assertProblem(post("op-sn", "{\"channel\":\"HALL\",\"msisdn\":\"13891800088\","
                + "\"text\":\"x\"}", "tickets"), 400, "TICKET_CATEGORY_INVALID").path("field").asText());
        // a word is spelt as the OpenAPI document lists it, as every enum of a body is
        assertEquals("channel", InProcessApi.assertProblem(post("op-sn", "{\"channel\":\"hall\",\"msisdn\":\"13891800088\","
                + "\"category\":\"CARD\",\"text\":\"x\"}", "tickets"), 400, "TICKET_CHANNEL_INVALID").path("field").asText());
        InProcessApi.assertProblem(post("op-sn", "{\"channel\":\"HALL\",\"msisdn\":\"13891800088\",\"category\":\"CARD\","
                + "\"text\":\"" + "长".repeat(2001) + "\"}", "tickets"), 400, "TEXT_TOO_LONG");
        InProcessApi.assertProblem(client("mgr-sn", "tickets").query("overdue", "yes").get(), 400, "QUERY_PARAM_INVALID");
        InProcessApi.assertProblem(client("op-sn", "tickets").get(), 403, "ROLE_NOT_ALLOWED");
        assertEquals(0, tickets.list(org.bizhall.api.hall.Caller.admin("admin"),
                new org.bizhall.api.care.TicketQuery(null, null, false, 0, 50)).total());
    }

    @Test
    public void rules12_aRetriedIntakeWithItsKeyFilesOneTicket() throws Exception {
        String body = "{\"channel\":\"HALL\",\"msisdn\":\"13891800088\",\"category\":\"CARD\",\"text\":\"卡坏了\"}";
        Response first = client("op-sn", "tickets").header("Idempotency-Key", "t-1").post(Entity.json(body));
        Response again = client("op-sn", "tickets").header("Idempotency-Key", "t-1").post(Entity.json(body));
        assertEquals(201, first.getStatus());
        assertEquals(201, again.getStatus());
        assertEquals(json(first).path("id"), json(again).path("id"));
        JsonNode listed = json(client("mgr-sn", "tickets").get());
        assertEquals(1, listed.size());
    }

    @Test
    public void rules12_overdueListsTheLateOnes() throws Exception {
        String id = intake();
        assertEquals(0, json(client("mgr-sn", "tickets").query("overdue", "true").get()).size());
        clock.plusMinutes(121);
        Response late = client("bo-sn", "tickets").query("overdue", "true").get();
        assertEquals("1", late.getHeaderString("X-Total-Count"));
        assertEquals(id, json(late).path(0).path("id").asText());
        InProcessApi.assertProblem(client("op-sx", "tickets", id).get(), 403, "OTHER_PROVINCE");
    }

    @Test
    public void rules14_aManagerSetsCategoriesTheSubscriberShowsThem() throws Exception {
        Response set = client("mgr-sn", "customers", "id_card", ZHANG, "categories")
                .put(Entity.json("{\"categories\":[\"blacklist\",\"VIP\"],\"reason\":\"大客户，欠费\"}"));
        assertEquals(200, set.getStatus());
        JsonNode answer = json(set);
        assertEquals("[\"VIP\",\"BLACKLIST\"]", answer.path("categories").toString());
        assertEquals("**************002X", answer.path("idNumber").asText());
        assertEquals(1, answer.path("subscribers").asInt());
        assertEquals("[\"BLACKLIST\",\"VIP\"]", json(client("op-sn", "subscribers", "13891800088").get())
                .path("categories").toString());
        InProcessApi.assertProblem(client("op-sn", "customers", "ID_CARD", ZHANG, "categories")
                .put(Entity.json("{\"categories\":[\"VIP\"],\"reason\":\"x\"}")), 403, "ROLE_NOT_ALLOWED");
        InProcessApi.assertProblem(client("mgr-sn", "customers", "CARD", ZHANG, "categories")
                .put(Entity.json("{\"categories\":[\"VIP\"],\"reason\":\"x\"}")), 400, "ID_TYPE_INVALID");
        InProcessApi.assertProblem(client("mgr-sn", "customers", "ID_CARD", ZHANG, "categories")
                .put(Entity.json("{\"categories\":[\"GOLD\"],\"reason\":\"x\"}")), 400, "CATEGORY_INVALID");
        InProcessApi.assertProblem(client("mgr-sn", "customers", "ID_CARD", ZHANG, "categories")
                .put(Entity.json("{\"categories\":[\"VIP\"]}")), 400, "REASON_MISSING");
    }
}
