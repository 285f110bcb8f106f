package org.bizhall.rest.internal.resource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.cxf.jaxrs.client.WebClient;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.DeskPhoneService;
import org.bizhall.api.counter.DeviceUnavailableException;
import org.bizhall.api.counter.HallTicket;
import org.bizhall.api.counter.KioskChoice;
import org.bizhall.api.counter.KioskOffer;
import org.bizhall.api.counter.NumberKioskService;
import org.bizhall.api.counter.OperatorRating;
import org.bizhall.api.counter.QueueService;
import org.bizhall.api.counter.Rating;
import org.bizhall.api.counter.RatingService;
import org.bizhall.api.counter.RatingSource;
import org.bizhall.api.counter.RatingSummary;
import org.bizhall.api.counter.TerminalRegistration;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.rest.internal.idempotency.InMemoryKeys;
import org.bizhall.rest.internal.json.Json;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The hall-device endpoints (queue, ratings, number kiosk, desk-phone registration) in the JAX-RS runtime over an
 * in-JVM transport, with services that behave as the devices bundle's do: SN-XA-001 has every device, SX-TY-001 none.
 */
public class HallDevicesApiTest {
    private static final String ADDRESS = "local://bizhall-hall-devices";
    private final Fakes.Halls halls = new Fakes.Halls();
    private final InMemoryKeys keys = new InMemoryKeys();
    private final Fakes.Orders orders = new Fakes.Orders();

    private static void ownHall(Caller caller, String hall) {
        caller.requireHall(hall);
        if (!hall.equals("SN-XA-001")) {
            throw new DeviceUnavailableException(DeviceKind.QUEUE_MACHINE, "hall " + hall + " has no QUEUE_MACHINE working");
        }
    }

    /** A queue machine that hands out G001, G002 … and calls them in order. */
    private final QueueService queue = new QueueService() {
        private final Deque<HallTicket> waiting = new ArrayDeque<>();

        @Override
        public HallTicket issue(Caller caller, String hall, String queue, String msisdn) {
            ownHall(caller, hall);
            String q = "13891800088".equals(msisdn) ? VIP : queue == null ? GENERAL : queue;
            HallTicket t = new HallTicket(hall, "SN-XA-001-queue", q.charAt(0) + "00" + (waiting.size() + 1), q,
                    waiting.size(), null, Fakes.NOW);
            waiting.add(t);
            return t;
        }

        @Override
        public Optional<HallTicket> callNext(Caller caller, String hall, String queue, String counter) {
            ownHall(caller, hall);
            return Optional.ofNullable(waiting.poll()).map(t -> new HallTicket(t.hall(), t.device(), t.number(),
                    t.queue(), t.waitingAhead(), counter, Fakes.NOW));
        }
    };

    private final Map<String, Rating> rated = new HashMap<>();

    private final RatingService ratings = new RatingService() {
        @Override
        public Rating rate(Caller caller, String orderId, Integer score) {
            if (score != null && (score < 1 || score > 5)) {
                throw ProblemException.badRequest("SCORE_INVALID", "score is a whole number from 1 to 5", "score");
            }
            if (rated.containsKey(orderId)) {
                throw ProblemException.conflict("RATING_EXISTS", "the order has been rated");
            }
            Rating r = new Rating(orderId, "SN-XA-001", "SN", "op-sn", score == null ? 5 : score,
                    score == null ? RatingSource.PAD : RatingSource.MANUAL, score == null ? "SN-XA-001-rating-pad" : null,
                    caller.user(), Fakes.NOW, Fakes.NOW.toLocalDate());
            rated.put(orderId, r);
            return r;
        }

        @Override
        public Optional<Rating> find(Caller caller, String orderId) {
            return Optional.ofNullable(rated.get(orderId));
        }

        @Override
        public RatingSummary summary(Caller caller, String hall, LocalDate date) {
            ownHall(caller, hall);
            return new RatingSummary(hall, date == null ? Fakes.NOW.toLocalDate() : date, 3, 4.33,
                    List.of(new OperatorRating("op-sn", 3, 4.33)));
        }
    };

    private List<String> shown = List.of();

    private final NumberKioskService kiosk = new NumberKioskService() {
        @Override
        public KioskOffer offer(Caller caller, String hall, String prefix, String pattern, Integer limit) {
            ownHall(caller, hall);
            List<PoolNumber> numbers = List.of(new PoolNumber("13891800088", "SN", NumberStatus.AVAILABLE, 5000,
                    "someone", null, null));
            shown = numbers.stream().map(PoolNumber::msisdn).toList();
            return new KioskOffer(hall, "SN-XA-001-number-kiosk", numbers);
        }

        @Override
        public Optional<KioskChoice> choice(Caller caller, String hall) {
            ownHall(caller, hall);
            return shown.stream().findFirst().map(m -> new KioskChoice(hall, "SN-XA-001-number-kiosk", m, 5000));
        }
    };

    private final DeskPhoneService phones = (caller, deviceId, manufacturer, terminalType, model, msisdn) -> {
        if (!deviceId.endsWith("desk-phone")) {
            throw ProblemException.rule("DEVICE_KIND_MISMATCH", "only a TD_DESK_PHONE registers");
        }
        if (manufacturer == null) {
            throw ProblemException.badRequest("REGISTRATION_FIELD_MISSING", "manufacturer is required", "manufacturer");
        }
        return new TerminalRegistration(deviceId, "SN-XA-001", manufacturer, terminalType, model, msisdn, true,
                caller.user(), Fakes.NOW);
    };

    private InProcessApi api;

    @Before
    public void start() {
        api = new InProcessApi(ADDRESS, halls, List.of(new OrderResource(orders, Fakes.clock(), keys, keys),
                new DeviceResource(new Fakes.Devices()), new QueueResource(queue), new OrderRatingResource(ratings),
                new HallRatingResource(ratings), new NumberKioskResource(kiosk), new DeviceRegistrationResource(phones)));
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

    private Response post(String user, String path, String body) {
        return client(user).path(path).type(MediaType.APPLICATION_JSON).post(body);
    }

    @Test
    public void aTicketIsIssuedWith201AndABigCustomersGoesToTheVipQueue_rule14() throws Exception {
        Response issued = post("op-sn", "halls/SN-XA-001/queue/tickets", "{\"queue\":\"GENERAL\",\"msisdn\":\"13891800088\"}");
        assertEquals(201, issued.getStatus());
        JsonNode ticket = json(issued);
        assertEquals("VIP", ticket.get("queue").asText());
        assertEquals("V001", ticket.get("number").asText());
        assertEquals("SN-XA-001-queue", ticket.get("device").asText());
        assertEquals("2026-11-05T10:00:00+08:00", ticket.get("at").asText());
    }

    @Test
    public void aCounterCallsTheNextTicketAndHears204WhenNobodyWaits_rule14() throws Exception {
        post("op-sn", "halls/SN-XA-001/queue/tickets", "{}");
        Response called = post("op-sn", "halls/SN-XA-001/queue/calls", "{\"queue\":\"GENERAL\",\"counter\":\"3\"}");
        assertEquals(200, called.getStatus());
        JsonNode ticket = json(called);
        assertEquals("G001", ticket.get("number").asText());
        assertEquals("3", ticket.get("counter").asText());
        assertEquals(204, post("op-sn", "halls/SN-XA-001/queue/calls", "{\"counter\":\"3\"}").getStatus());
    }

    @Test
    public void aHallWithoutAQueueMachineIs503DeviceUnavailableAndAnotherHallIs403_hallWithoutDeviceFallsBackToManual()
            throws Exception {
        JsonNode problem = assertProblem(post("op-sx", "halls/SX-TY-001/queue/tickets", "{}"), 503, "DEVICE_UNAVAILABLE");
        assertTrue(problem.get("detail").asText().contains("QUEUE_MACHINE"));
        assertProblem(post("op-sx", "halls/SN-XA-001/queue/calls", "{\"counter\":\"1\"}"), 403, "OTHER_HALL");
        assertProblem(post("op-sn", "halls/SN-XA-001/queue/tickets", ""), 400, "JSON_MALFORMED");
    }

    @Test
    public void anOrderIsRatedOnceFromThePadOrByHand_rule1_8() throws Exception {
        Response pad = post("op-sn", "orders/o-7/rating", "{}");
        assertEquals(201, pad.getStatus());
        assertTrue(pad.getHeaderString("Location"), pad.getHeaderString("Location").endsWith("/orders/o-7/rating"));
        JsonNode rating = json(pad);
        assertEquals("o-7", rating.get("orderId").asText());
        assertEquals("op-sn", rating.get("operator").asText());
        assertEquals(5, rating.get("score").asInt());
        assertEquals("PAD", rating.get("source").asText());
        assertEquals("2026-11-05T10:00:00+08:00", rating.get("at").asText());
        assertProblem(post("op-sn", "orders/o-7/rating", "{\"score\":3}"), 409, "RATING_EXISTS");
        assertEquals("MANUAL", json(post("op-sn", "orders/o-8/rating", "{\"score\":3}")).get("source").asText());
        assertEquals(3, json(client("op-sn").path("orders/o-8/rating").get()).get("score").asInt());
        assertProblem(client("op-sn").path("orders/o-9/rating").get(), 404, "RATING_NOT_FOUND");
    }

    @Test
    public void aScoreOutsideOneToFiveIs400AndAFractionIsMalformed_rule1_8() throws Exception {
        assertEquals("score", assertProblem(post("op-sn", "orders/o-7/rating", "{\"score\":6}"), 400, "SCORE_INVALID")
                .get("field").asText());
        assertProblem(post("op-sn", "orders/o-7/rating", "{\"score\":4.5}"), 400, "JSON_INVALID");
        assertTrue(rated.isEmpty());
    }

    @Test
    public void theOrderEndpointsStillAnswerBesideTheRatingOne() throws Exception {
        assertProblem(client("op-sn").path("orders/o-404").get(), 404, "ORDER_NOT_FOUND");
        assertEquals(200, client("op-sn").path("devices").get().getStatus());
    }

    @Test
    public void theDaySummaryTakesADateAndRefusesAMalformedOne() throws Exception {
        JsonNode day = json(client("op-sn").path("halls/SN-XA-001/ratings").query("date", "2026-11-04").get());
        assertEquals("2026-11-04", day.get("date").asText());
        assertEquals(4.33, day.get("operators").get(0).get("average").asDouble(), 0.0);
        assertEquals("2026-11-05", json(client("op-sn").path("halls/SN-XA-001/ratings").get()).get("date").asText());
        assertProblem(client("op-sn").path("halls/SN-XA-001/ratings").query("date", "4 Nov").get(), 400, "DATE_INVALID");
        assertProblem(client("op-sx").path("halls/SN-XA-001/ratings").get(), 403, "OTHER_HALL");
    }

    @Test
    public void theKioskShowsNumbersWithoutWhoHoldsThemAndTheChoiceIs204UntilMade_rule1_1() throws Exception {
        assertEquals(204, client("op-sn").path("halls/SN-XA-001/number-kiosk/choice").get().getStatus());
        Response offer = post("op-sn", "halls/SN-XA-001/number-kiosk/offers", "{\"prefix\":\"1389\",\"pattern\":\"*88\",\"limit\":5}");
        assertEquals(200, offer.getStatus());
        JsonNode shown = json(offer);
        assertEquals("13891800088", shown.get("numbers").get(0).get("msisdn").asText());
        assertEquals(5000, shown.get("numbers").get(0).get("prestoreFen").asLong());
        assertTrue(shown.toString(), !shown.toString().contains("someone"));
        JsonNode choice = json(client("op-sn").path("halls/SN-XA-001/number-kiosk/choice").get());
        assertEquals("13891800088", choice.get("msisdn").asText());
        assertProblem(post("op-sx", "halls/SX-TY-001/number-kiosk/offers", "{}"), 503, "DEVICE_UNAVAILABLE");
    }

    @Test
    public void aDeskPhoneRegistrationAnswers201WithThePortsAnswer_rule13() throws Exception {
        Response r = post("op-sn", "devices/SN-XA-001-desk-phone/registrations",
                "{\"manufacturer\":\"ZTE\",\"terminalType\":\"TD-SCDMA\",\"model\":\"F100\",\"msisdn\":\"13891800001\"}");
        assertEquals(201, r.getStatus());
        JsonNode answer = json(r);
        assertTrue(answer.get("accepted").asBoolean());
        assertEquals("F100", answer.get("model").asText());
        assertEquals("SN-XA-001-desk-phone", answer.get("device").asText());
        assertProblem(post("op-sn", "devices/SN-XA-001-printer/registrations", "{\"manufacturer\":\"ZTE\"}"), 422,
                "DEVICE_KIND_MISMATCH");
        assertEquals("manufacturer", assertProblem(post("op-sn", "devices/SN-XA-001-desk-phone/registrations", "{}"),
                400, "REGISTRATION_FIELD_MISSING").get("field").asText());
    }
}
