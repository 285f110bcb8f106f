package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Customer care over HTTP and in the shell of the demo distribution (rulebook §12, §14): a complaint through every
 * state with the demo's operator, back office and manager, a step out of order, a ticket overdue once the business
 * clock moved past its due time, a ticket another province cannot see; customer categories set by a manager and shown
 * on the customer's subscriber, its orders and queue tickets marked VIP, and a blacklisted customer's opening refused
 * with nothing stored.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class CareIT extends BizhallTestSupport {
    /** Customers of this suite only, so categories set here touch no other suite's customer. */
    private static final String BLACKLISTED_ID = "61010219850315123X";
    private static final String VIP_ID = "610102199006204569";
    /** A number segment of the SN demo pool no other suite opens numbers in. */
    private static final String SEGMENT = "138918097";

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    private static ObjectNode complaint(String channel, String text) {
        return object().put("channel", channel).put("msisdn", "13891809701").put("category", "NETWORK").put("text", text);
    }

    private JsonNode step(String user, String id, String step, ObjectNode body, int status) {
        return post(user, "/tickets/" + id + "/" + step, body, key()).expect(status).json();
    }

    private static List<String> states(JsonNode ticket) {
        List<String> states = new ArrayList<>();
        ticket.path("history").forEach(s -> states.add(s.path("action").asText() + ":" + s.path("state").asText()
                + ":" + s.path("by").asText()));
        return states;
    }

    @Test
    public void aComplaintGoesThroughEveryState_rules12() {
        String text = "客户反映家中信号差，身份证11010519491231002X，通话经常中断";
        JsonNode created = post("op-sn", "/tickets", complaint("HALL", text), key()).expect(201).json();
        String id = created.path("id").asText();
        Answer read = get("op-sn", "/tickets/" + id).expect(200);
        assertEquals(created, read.json());
        assertEquals("OPEN", created.path("state").asText());
        assertEquals("HALL", created.path("channel").asText());
        assertEquals("Chinese intact, the ID masked", "客户反映家中信号差，身份证**************002X，通话经常中断",
                created.path("text").asText());
        OffsetDateTime createdAt = OffsetDateTime.parse(created.path("createdAt").asText());
        assertEquals("ticketDispatchHours (2)", createdAt.plusHours(2).toInstant(),
                OffsetDateTime.parse(created.path("dueAt").asText()).toInstant());

        JsonNode dispatched = step("bo-sn", id, "dispatch", object().put("department", "NETWORK"), 200);
        assertEquals("DISPATCHED", dispatched.path("state").asText());
        assertEquals("NETWORK", dispatched.path("department").asText());
        JsonNode unresolved = step("bo-sn", id, "reply", object().put("text", "非网络原因，转计费").put("resolved", false), 200);
        assertEquals("an unresolved reply goes back to DISPATCHED", "DISPATCHED", unresolved.path("state").asText());
        JsonNode redispatched = step("bo-sn", id, "dispatch", object().put("department", "BILLING"), 200);
        assertEquals("BILLING", redispatched.path("department").asText());
        JsonNode replied = step("bo-sn", id, "reply", object().put("text", "已核实并处理").put("resolved", true), 200);
        assertEquals("REPLIED", replied.path("state").asText());
        JsonNode calledBack = step("op-sn", id, "callback", object().put("text", "客户满意").put("satisfied", true), 200);
        assertEquals("CALLED_BACK", calledBack.path("state").asText());
        JsonNode closed = step("mgr-sn", id, "close", object().put("text", "结案"), 200);
        assertEquals("CLOSED", closed.path("state").asText());
        assertTrue(closed.path("dueAt").isNull());
        assertEquals(List.of("INTAKE:OPEN:op-sn", "DISPATCH:DISPATCHED:bo-sn", "REPLY:DISPATCHED:bo-sn",
                "DISPATCH:DISPATCHED:bo-sn", "REPLY:REPLIED:bo-sn", "CALLBACK:CALLED_BACK:op-sn", "CLOSE:CLOSED:mgr-sn"),
                states(closed));
        assertEquals("已核实并处理", closed.path("history").get(4).path("text").asText());
        assertEquals(closed, get("bo-sn", "/tickets/" + id).expect(200).json());

        JsonNode onTheSpot = post("op-sn", "/tickets", complaint("HOTLINE", "咨询资费"), key()).expect(201).json();
        assertEquals("answered on the spot", "CLOSED",
                step("op-sn", onTheSpot.path("id").asText(), "close", object().put("text", "现场答复"), 200).path("state").asText());
    }

    @Test
    public void aStepOutOfOrderOrByTheWrongRoleChangesNothing_rules12() {
        Answer created = post("op-sn", "/tickets", complaint("WEB", "网上营业厅无法登录"), key()).expect(201);
        String id = created.json().path("id").asText();
        assertTrue(created.header("Location"), created.header("Location").endsWith("/api/v1/tickets/" + id));
        post("bo-sn", "/tickets/" + id + "/reply", object().put("text", "答复").put("resolved", true), key())
                .problem(409, "TICKET_STATE_CONFLICT");
        post("op-sn", "/tickets/" + id + "/callback", object().put("text", "回访").put("satisfied", true), key())
                .problem(409, "TICKET_STATE_CONFLICT");
        post("op-sn", "/tickets/" + id + "/dispatch", object().put("department", "CARD"), key())
                .problem(403, "ROLE_NOT_ALLOWED");
        post("bo-sn", "/tickets/" + id + "/dispatch", object().put("department", "PLUMBING"), key())
                .problem(400, "TICKET_DEPARTMENT_INVALID");
        post("bo-sn", "/tickets", complaint("HALL", "x"), key()).problem(403, "ROLE_NOT_ALLOWED");
        post("op-sn", "/tickets", complaint("FAX", "x"), key()).problem(400, "TICKET_CHANNEL_INVALID");
        JsonNode unchanged = get("op-sn", "/tickets/" + id).expect(200).json();
        assertEquals("OPEN", unchanged.path("state").asText());
        assertEquals(1, unchanged.path("history").size());
        get("op-sn", "/tickets/999999999").problem(404, "TICKET_NOT_FOUND");
    }

    @Test
    public void aTicketIsSeenOnlyInItsProvince_rules12() {
        String id = post("op-sn", "/tickets", complaint("HALL", "卡无法识别"), key()).expect(201).json().path("id").asText();
        get("op-sx", "/tickets/" + id).problem(403, "OTHER_PROVINCE");
        post("op-sx", "/tickets/" + id + "/close", object().put("text", "x"), key()).problem(403, "OTHER_PROVINCE");
        get("op-sx", "/tickets").problem(403, "ROLE_NOT_ALLOWED");
        for (JsonNode t : get("mgr-sn", "/tickets?limit=500").expect(200).json()) {
            assertEquals("SN", t.path("province").asText());
        }
    }

    @Test
    public void aTicketPastItsDueTimeIsListedOverdueForManagersAndInTheShell_rules12() throws Exception {
        JsonNode created = post("mgr-sn", "/tickets", complaint("ACCOUNT_MANAGER", "集团客户投诉网速慢"), key())
                .expect(201).json();
        String id = created.path("id").asText();
        assertFalse(created.path("overdue").asBoolean());
        List<String> before = ids(get("mgr-sn", "/tickets?overdue=true&limit=500").expect(200).json());
        assertFalse(before.contains(id));

        OffsetDateTime later = OffsetDateTime.parse(created.path("createdAt").asText()).plusHours(3);
        put("admin", "/admin/clock", object().put("now", later.toString())).expect(200);

        Answer overdue = get("mgr-sn", "/tickets?overdue=true&limit=500").expect(200);
        assertTrue(overdue.json().toString(), ids(overdue.json()).contains(id));
        for (JsonNode t : overdue.json()) {
            assertTrue(t.path("overdue").asBoolean());
            assertFalse("CLOSED".equals(t.path("state").asText()));
        }
        assertTrue(ids(get("bo-sn", "/tickets?overdue=true&state=OPEN&limit=500").expect(200).json()).contains(id));
        assertTrue(get("op-sn", "/tickets/" + id).expect(200).json().path("overdue").asBoolean());
        get("op-sn", "/tickets?overdue=true").problem(403, "ROLE_NOT_ALLOWED");
        get("mgr-sn", "/tickets?overdue=maybe").problem(400, "QUERY_PARAM_INVALID");

        String listed = shell("hall:tickets --overdue --province SN --limit 500");
        assertTrue(listed, listed.lines().anyMatch(l -> l.contains(id) && l.contains("OVERDUE")));
        step("bo-sn", id, "dispatch", object().put("department", "NETWORK"), 200);
        assertFalse("dispatched: due within ticketReplyHours again",
                ids(get("mgr-sn", "/tickets?overdue=true&limit=500").expect(200).json()).contains(id));
    }

    private static List<String> ids(JsonNode tickets) {
        List<String> ids = new ArrayList<>();
        tickets.forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    /** An opening envelope for a customer of this suite. */
    private static ObjectNode opening(String msisdn, String idNumber, String name) {
        ObjectNode order = object().put("procedure", "account-opening").put("msisdn", msisdn);
        order.set("customer", object().put("type", "PERSONAL").put("name", name).put("idType", "ID_CARD")
                .put("idNumber", idNumber).put("address", "西安市雁塔区长安南路1号"));
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", idNumber);
        order.putObject("params").put("package", "GOTONE-88");
        return order;
    }

    /** Opens and pays a number for the customer; returns the paid order. */
    private JsonNode open(String idNumber, String name) {
        String msisdn = availableNumber("op-sn", SEGMENT, false);
        JsonNode order = post("op-sn", "/orders", opening(msisdn, idNumber, name), key()).expect(201).json();
        post("op-sn", "/orders/" + order.path("id").asText() + "/payments", object().put("method", "CASH")
                .put("tenderedFen", order.path("quote").path("totalFen").asLong()), key()).expect(201);
        return get("op-sn", "/orders/" + order.path("id").asText()).expect(200).json();
    }

    @Test
    public void categoriesSetByAManagerShowOnTheCustomersNumbersOrdersAndQueueTickets_rules14() {
        JsonNode order = open(VIP_ID, "王五");
        String msisdn = order.path("msisdn").asText();
        assertEquals("COMPLETED", order.path("state").asText());
        assertEquals("NORMAL", order.path("priority").asText());
        assertEquals("[\"NORMAL\"]", get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("categories").toString());

        String path = "/customers/ID_CARD/" + VIP_ID + "/categories";
        ObjectNode vip = object().put("reason", "集团客户经理确认为大客户");
        vip.putArray("categories").add("VIP");
        put("op-sn", path, vip).problem(403, "ROLE_NOT_ALLOWED");
        JsonNode set = put("mgr-sn", path, vip).expect(200).json();
        assertEquals("[\"VIP\"]", set.path("categories").toString());
        assertEquals(1, set.path("subscribers").asInt());
        assertEquals("**************4569", set.path("idNumber").asText());
        assertEquals("mgr-sn", set.path("changedBy").asText());

        assertEquals("[\"VIP\"]", get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("categories").toString());
        assertEquals("the mark an order was submitted with stays", "NORMAL",
                get("op-sn", "/orders/" + order.path("id").asText()).expect(200).json().path("priority").asText());
        ObjectNode payment = object().put("procedure", "bill-payment").put("msisdn", msisdn);
        payment.putObject("params").put("amountFen", 1000);
        JsonNode topUp = post("op-sn", "/orders", payment, key()).expect(201).json();
        assertEquals("an order submitted for the VIP goes first", "VIP", topUp.path("priority").asText());
        assertEquals("VIP", get("op-sn", "/orders/" + topUp.path("id").asText()).expect(200).json().path("priority").asText());
        post("op-sn", "/orders/" + topUp.path("id").asText() + "/cancel", object(), null).expect(200);
        JsonNode queued = post("op-sn", "/halls/SN-XA-001/queue/tickets",
                object().put("queue", "GENERAL").put("msisdn", msisdn)).expect(201).json();
        assertEquals("a VIP's number is received in the VIP queue", "VIP", queued.path("queue").asText());
        // called at the VIP counter, so the demo hall's VIP queue is left as it was
        assertEquals(queued.path("number").asText(), post("op-sn", "/halls/SN-XA-001/queue/calls",
                object().put("queue", "VIP").put("counter", "V1")).expect(200).json().path("number").asText());
        get("op-sx", "/subscribers/" + msisdn).problem(403, "OTHER_PROVINCE");

        ObjectNode bad = object().put("reason", "x");
        bad.putArray("categories").add("GOLD");
        put("bo-sn", path, bad).problem(400, "CATEGORY_INVALID");
        put("bo-sn", "/customers/ID_CARD/610102199006204560/categories", vip).problem(400, "ID_NUMBER_CHECK_FAILED");
        assertEquals("[\"VIP\"]", get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("categories").toString());
    }

    @Test
    public void aBlacklistedCustomersOpeningIsRefusedAndNothingIsStored_rules14() {
        JsonNode first = open(BLACKLISTED_ID, "赵六");
        String path = "/customers/ID_CARD/" + BLACKLISTED_ID + "/categories";
        ObjectNode blacklist = object().put("reason", "恶意欠费，黑名单");
        blacklist.putArray("categories").add("BLACKLIST").add("REDLIST");
        JsonNode set = put("bo-sn", path, blacklist).expect(200).json();
        assertEquals("[\"BLACKLIST\",\"REDLIST\"]", set.path("categories").toString());
        assertEquals("[\"BLACKLIST\",\"REDLIST\"]", get("mgr-sn", "/subscribers/" + first.path("msisdn").asText())
                .expect(200).json().path("categories").toString());

        String msisdn = availableNumber("op-sn", SEGMENT, false);
        post("op-sn", "/orders", opening(msisdn, BLACKLISTED_ID, "赵六"), key()).problem(422, "CUSTOMER_BLACKLISTED");
        Answer orders = get("op-sn", "/orders?msisdn=" + msisdn).expect(200);
        assertEquals("no order stored", "0", orders.header("X-Total-Count"));
        assertEquals("the number was not held", msisdn,
                get("op-sn", "/numbers?prefix=" + msisdn).expect(200).json().path(0).path("msisdn").asText());

        ObjectNode cleared = object().put("reason", "欠费已结清");
        cleared.putArray("categories");
        assertEquals("[\"NORMAL\"]", put("mgr-sn", path, cleared).expect(200).json().path("categories").toString());
        JsonNode reopened = post("op-sn", "/orders", opening(msisdn, BLACKLISTED_ID, "赵六"), key()).expect(201).json();
        assertEquals("PENDING_PAYMENT", reopened.path("state").asText());
        post("op-sn", "/orders/" + reopened.path("id").asText() + "/cancel", null, key()).expect(200);
    }
}
