package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Loyalty points and gifts over HTTP in the distribution (rulebook §8, the contract's "Points"): a billing run earns
 * points once per month, the back office adjusts a balance (never below zero), the demo gifts are listed, a personal
 * redemption at a REDEMPTION hall takes points and stock, a PARTNER hall, a gift out of stock and too few points are
 * refused without taking anything, and a corporate redemption waits for the big-customer office and expires once the
 * clock has moved past redemptionOfficeMinutes, giving everything back. The business clock only moves forward here.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class LoyaltyIT extends BizhallTestSupport {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String CREDIT_CODE = "91350100M000100Y43";

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    /** Opens a GOTONE-88 number for 张三 with the default deposit; returns the completed opening order. */
    private JsonNode openPersonal(String prefix) {
        String msisdn = availableNumber("op-sn", prefix, false);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", order.path("quote").path("totalFen").asLong()), key())
                .expect(201);
        return get("op-sn", "/orders/" + order.path("id").asText()).expect(200).json();
    }

    /** Opens a number for a company paying by corporate account, through its proxy; returns the number. */
    private String openCorporate(String prefix) {
        String msisdn = availableNumber("op-sn", prefix, false);
        ObjectNode order = object().put("procedure", "account-opening").put("msisdn", msisdn);
        order.set("customer", company());
        order.set("parties", proxy());
        ArrayNode docs = order.putArray("documents");
        docs.addObject().put("kind", "HOLDER_ID").put("number", CREDIT_CODE);
        docs.addObject().put("kind", "UNIT_CERTIFICATE").put("number", "UC-1");
        docs.addObject().put("kind", "BUSINESS_LICENCE").put("number", CREDIT_CODE);
        docs.addObject().put("kind", "PROXY_ID").put("number", VALID_ID);
        docs.addObject().put("kind", "SEAL_CARD").put("number", "SEAL-1");
        order.putObject("params").put("package", "GOTONE-128").put("accountType", "CORPORATE_ACCOUNT")
                .put("bankConfirmed", true);
        JsonNode created = post("op-sn", "/orders", order, key()).expect(201).json();
        if (created.path("quote").path("totalFen").asLong() > 0) {
            post("op-sn", "/orders/" + created.path("id").asText() + "/payments", object().put("method", "BANK_CARD"),
                    key()).expect(201);
        }
        assertEquals("COMPLETED", get("op-sn", "/orders/" + created.path("id").asText()).expect(200).json()
                .path("state").asText());
        return msisdn;
    }

    private static ObjectNode company() {
        return object().put("type", "CORPORATE").put("name", "西安某某科技有限公司").put("idType", "BUSINESS_LICENCE")
                .put("idNumber", CREDIT_CODE).put("address", "西安市雁塔区");
    }

    private static ArrayNode proxy() {
        ArrayNode parties = JSON.createArrayNode();
        parties.addObject().put("role", "PROXY").put("type", "PERSONAL").put("name", "李四").put("idType", "ID_CARD")
                .put("idNumber", VALID_ID);
        return parties;
    }

    /** A points-redemption envelope of 张三 in person. */
    private static ObjectNode personalRedemption(String msisdn, String gift, int quantity) {
        ObjectNode order = object().put("procedure", "points-redemption").put("msisdn", msisdn);
        order.set("customer", personalCustomer("张三"));
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
        order.putObject("params").put("giftCode", gift).put("quantity", quantity).put("signatureRef", "SLIP-" + msisdn);
        return order;
    }

    /** A points-redemption envelope of the company through its proxy. */
    private static ObjectNode corporateRedemption(String msisdn, String gift) {
        ObjectNode order = object().put("procedure", "points-redemption").put("msisdn", msisdn);
        order.set("customer", company());
        order.set("parties", proxy());
        ArrayNode docs = order.putArray("documents");
        docs.addObject().put("kind", "BUSINESS_LICENCE").put("number", CREDIT_CODE);
        docs.addObject().put("kind", "UNIT_CERTIFICATE").put("number", "UC-1");
        docs.addObject().put("kind", "PROXY_ID").put("number", VALID_ID);
        order.putObject("params").put("giftCode", gift);
        return order;
    }

    private long points(String msisdn) {
        JsonNode balance = get("op-sn", "/points/" + msisdn).expect(200).json();
        assertEquals(msisdn, balance.path("msisdn").asText());
        return balance.path("balance").asLong();
    }

    private void adjust(String msisdn, long points) {
        post("bo-sn", "/points/" + msisdn + "/adjustments", object().put("points", points).put("reason", "测试积分"),
                key()).expect(201);
    }

    private JsonNode gift(String code) {
        for (JsonNode g : get("op-sn", "/gifts").expect(200).json()) {
            if (code.equals(g.path("code").asText())) {
                return g;
            }
        }
        throw new AssertionError("GET /gifts lists no " + code);
    }

    private long stock(String code) {
        return gift(code).path("stock").asLong();
    }

    private void moveClock(OffsetDateTime to) {
        put("admin", "/admin/clock", object().put("now", to.toString())).expect(200);
    }

    private long redemptionOrders(String msisdn) {
        return get("op-sn", "/orders?procedure=points-redemption&msisdn=" + msisdn).expect(200).json().size();
    }

    private JsonNode await(String what, Supplier<Answer> ask, Predicate<Answer> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        Answer last = null;
        while (System.currentTimeMillis() < deadline) {
            last = ask.get();
            if (done.test(last)) {
                return last.json();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": last answer " + (last == null ? "none" : last.raw().body()));
    }

    @Test
    public void rules8_aBillingRunEarnsPointsOncePerMonth_andTheBackOfficeAdjusts() {
        JsonNode opened = openPersonal("13891805");
        String msisdn = opened.path("msisdn").asText();
        LocalDate joined = OffsetDateTime.parse(opened.path("createdAt").asText()).atZoneSameInstant(ZONE).toLocalDate();
        YearMonth month = YearMonth.from(joined);
        long rentFen = joined.getDayOfMonth() <= 15 ? 8800 : 4400;
        assertEquals(0, points(msisdn));

        moveClock(month.plusMonths(1).atDay(3).atTime(10, 0).atZone(ZONE).toOffsetDateTime());
        post("admin", "/admin/billing-runs", object().put("month", month.toString())).expect(200);
        post("admin", "/admin/billing-runs", object().put("month", month.toString())).expect(200);
        assertEquals("floor(charged yuan) × pointsPerYuan (1), once", rentFen / 100, points(msisdn));
        Answer movements = get("op-sn", "/points/" + msisdn + "/movements").expect(200);
        assertEquals("1", movements.header("X-Total-Count"));
        assertEquals("EARN", movements.json().get(0).path("kind").asText());
        assertEquals(month.toString(), movements.json().get(0).path("month").asText());

        ObjectNode plus = object().put("points", 600).put("reason", "系统迁移补录");
        post("op-sn", "/points/" + msisdn + "/adjustments", plus, key()).problem(403, "ROLE_NOT_ALLOWED");
        JsonNode adjusted = post("bo-sn", "/points/" + msisdn + "/adjustments", plus, key()).expect(201).json();
        assertEquals("ADJUST", adjusted.path("kind").asText());
        assertEquals("bo-sn", adjusted.path("by").asText());
        assertEquals(rentFen / 100 + 600, adjusted.path("balanceAfter").asLong());
        post("bo-sn", "/points/" + msisdn + "/adjustments",
                object().put("points", -(rentFen / 100 + 601)).put("reason", "纠错"), key())
                .problem(422, "POINTS_INSUFFICIENT");
        post("bo-sn", "/points/" + msisdn + "/adjustments", object().put("points", 5), key())
                .problem(400, "REASON_MISSING");
        assertEquals("refused adjustments change nothing", rentFen / 100 + 600, points(msisdn));
        get("op-sx", "/points/" + msisdn).problem(403, "OTHER_PROVINCE");
    }

    @Test
    public void giftsAndDemoPointsAreTheDemoDistributions() {
        Answer gifts = get("op-sn", "/gifts").expect(200);
        assertTrue(gifts.header("X-Total-Count"), Integer.parseInt(gifts.header("X-Total-Count")) >= 4);
        assertEquals(500, gift("UMBRELLA").path("points").asLong());
        assertEquals("雨伞", gift("UMBRELLA").path("name").asText());
        assertEquals(2000, gift("POWER-BANK").path("points").asLong());
        assertEquals(5000, gift("TOP-UP-50").path("points").asLong());
        assertEquals(800, gift("THERMOS").path("points").asLong());
        assertEquals(0, stock("THERMOS"));
        assertTrue(stock("POWER-BANK") <= 10);
        // the demo subscribers start with demoPoints (billing runs of other suites may have added some)
        assertTrue(points("13891810001") >= 6000);
    }

    @Test
    public void rules8_aPersonalRedemptionAtSnXa001TakesPointsAndStock_topUpCreditsTheLedger() {
        String msisdn = openPersonal("13891806").path("msisdn").asText();
        adjust(msisdn, 6200);
        long umbrellas = stock("UMBRELLA");

        String key = key();
        JsonNode order = post("op-sn", "/orders", personalRedemption(msisdn, "UMBRELLA", 2), key).expect(201).json();
        assertEquals(order.toString(), "COMPLETED", order.path("state").asText());
        assertEquals(0, order.path("quote").path("totalFen").asLong());
        assertEquals("SLIP-" + msisdn, order.path("result").path("signatureRef").asText());
        post("op-sn", "/orders", personalRedemption(msisdn, "UMBRELLA", 2), key).expect(201);
        assertEquals("taken once, the repeat replayed", 5200, points(msisdn));
        assertEquals(umbrellas - 2, stock("UMBRELLA"));
        JsonNode redeemed = get("op-sn", "/points/" + msisdn + "/movements").expect(200).json().get(0);
        assertEquals("REDEEM", redeemed.path("kind").asText());
        assertEquals(-1000, redeemed.path("points").asLong());
        assertEquals(order.path("id").asText(), redeemed.path("orderId").asText());

        long account = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asLong();
        long before = get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();
        JsonNode topUp = post("op-sn", "/orders", personalRedemption(msisdn, "TOP-UP-50", 1), key()).expect(201).json();
        assertEquals("COMPLETED", topUp.path("state").asText());
        assertEquals(before + 5000, get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong());
        boolean credited = false;
        for (JsonNode e : get("op-sn", "/accounts/" + account + "/ledger?limit=500").expect(200).json()) {
            credited |= "POINTS_TOP_UP".equals(e.path("kind").asText()) && e.path("amountFen").asLong() == 5000
                    && topUp.path("id").asText().equals(e.path("orderId").asText());
        }
        assertTrue("a POINTS_TOP_UP ledger entry of 50 yuan for the order", credited);
        assertEquals(200, points(msisdn));
    }

    @Test
    public void rules8_aPartnerHallAGiftOutOfStockAndTooFewPointsAreRefusedAndTakeNothing() {
        String msisdn = openPersonal("13891807").path("msisdn").asText();
        adjust(msisdn, 1500);
        long umbrellas = stock("UMBRELLA");
        long powerBanks = stock("POWER-BANK");

        JsonNode partner = post("op-sn2", "/orders", personalRedemption(msisdn, "UMBRELLA", 1), key())
                .problem(422, "HALL_KIND_NOT_ALLOWED");
        assertNotNull(partner);
        post("op-sn", "/orders", personalRedemption(msisdn, "THERMOS", 1), key()).problem(422, "GIFT_OUT_OF_STOCK");
        post("op-sn", "/orders", personalRedemption(msisdn, "POWER-BANK", 1), key())
                .problem(422, "POINTS_INSUFFICIENT");
        post("op-sn", "/orders", personalRedemption(msisdn, "GOLD-BAR", 1), key()).problem(422, "GIFT_UNKNOWN");
        ObjectNode tooMany = personalRedemption(msisdn, "UMBRELLA", 1);
        ((ObjectNode) tooMany.get("params")).put("quantity", 101);
        post("op-sn", "/orders", tooMany, key()).problem(400, "PARAM_INVALID");

        assertEquals(1500, points(msisdn));
        assertEquals(umbrellas, stock("UMBRELLA"));
        assertEquals(powerBanks, stock("POWER-BANK"));
        assertEquals(0, stock("THERMOS"));
        assertEquals("no order was stored", 0, redemptionOrders(msisdn));
        assertEquals("only the adjustment moved the points", "1",
                get("op-sn", "/points/" + msisdn + "/movements").expect(200).header("X-Total-Count"));
    }

    @Test
    public void rules8_aPersonalHoldersProxyWaitsForTheCustomersCall_aCancelledOrderGivesEverythingBack() {
        String msisdn = openPersonal("13891804").path("msisdn").asText();
        adjust(msisdn, 1000);
        long umbrellas = stock("UMBRELLA");

        ObjectNode byProxy = personalRedemption(msisdn, "UMBRELLA", 1);
        byProxy.set("parties", proxy());
        ((ArrayNode) byProxy.get("documents")).addObject().put("kind", "PROXY_ID").put("number", VALID_ID);
        JsonNode called = post("op-sn", "/orders", byProxy, key()).expect(201).json();
        assertEquals(called.toString(), "PENDING_CONFIRMATION", called.path("state").asText());
        assertEquals("CUSTOMER_CALL", called.path("awaiting").asText());
        post("op-sn", "/orders/" + called.path("id").asText() + "/confirmations",
                object().put("step", "CUSTOMER_CALL").put("approved", true).put("note", "客户电话确认"), key())
                .expect(201);
        assertEquals("COMPLETED", get("op-sn", "/orders/" + called.path("id").asText()).expect(200).json()
                .path("state").asText());
        assertEquals(500, points(msisdn));

        JsonNode cancelled = post("op-sn", "/orders", byProxy, key()).expect(201).json();
        assertEquals(0, points(msisdn));
        assertEquals(umbrellas - 2, stock("UMBRELLA"));
        post("op-sn", "/orders/" + cancelled.path("id").asText() + "/cancel", null).expect(200);
        assertEquals("CANCELLED", get("op-sn", "/orders/" + cancelled.path("id").asText()).expect(200).json()
                .path("state").asText());
        assertEquals("given back", 500, points(msisdn));
        assertEquals(umbrellas - 1, stock("UMBRELLA"));
        JsonNode back = get("op-sn", "/points/" + msisdn + "/movements").expect(200).json().get(0);
        assertEquals("GIVE_BACK", back.path("kind").asText());
        assertEquals(500, back.path("points").asLong());
    }

    @Test
    public void rules8_aCorporateRedemptionWaitsForTheBigCustomerOffice_andExpiresAfterRedemptionOfficeMinutes()
            throws Exception {
        String msisdn = openCorporate("13891808");
        adjust(msisdn, 1000);
        long umbrellas = stock("UMBRELLA");

        // approved by the office within the time
        JsonNode approved = post("op-sn", "/orders", corporateRedemption(msisdn, "UMBRELLA"), key()).expect(201).json();
        assertEquals(approved.toString(), "PENDING_CONFIRMATION", approved.path("state").asText());
        assertEquals("BACK_OFFICE", approved.path("awaiting").asText());
        String approvedId = approved.path("id").asText();
        post("op-sn", "/orders/" + approvedId + "/confirmations",
                object().put("step", "BIG_CUSTOMER_OFFICE").put("approved", true), key()).problem(403, "ROLE_NOT_ALLOWED");
        post("bo-sn", "/orders/" + approvedId + "/confirmations",
                object().put("step", "BIG_CUSTOMER_OFFICE").put("approved", true).put("note", "集团客户已确认"), key())
                .expect(201);
        assertEquals("COMPLETED", get("op-sn", "/orders/" + approvedId).expect(200).json().path("state").asText());
        assertEquals(500, points(msisdn));
        assertEquals(umbrellas - 1, stock("UMBRELLA"));

        // not answered: the points are held while the office may answer, then the order expires and gives them back
        JsonNode waiting = post("op-sn", "/orders", corporateRedemption(msisdn, "UMBRELLA"), key()).expect(201).json();
        String id = waiting.path("id").asText();
        assertEquals("BACK_OFFICE", waiting.path("awaiting").asText());
        assertEquals("held, so no other order can spend them", 0, points(msisdn));
        assertEquals(umbrellas - 2, stock("UMBRELLA"));
        moveClock(OffsetDateTime.parse(waiting.path("createdAt").asText()).plusMinutes(11));
        JsonNode expired = await("order " + id + " expires", () -> get("op-sn", "/orders/" + id),
                a -> a.status() == 200 && "REJECTED".equals(a.json().path("state").asText()));
        assertTrue(expired.toString(), expired.toString().contains("CONFIRMATION_TIMEOUT"));
        assertEquals("nothing deducted", 500, points(msisdn));
        assertEquals(umbrellas - 1, stock("UMBRELLA"));
        post("bo-sn", "/orders/" + id + "/confirmations",
                object().put("step", "BIG_CUSTOMER_OFFICE").put("approved", true), key())
                .problem(409, "ORDER_NOT_AWAITING_CONFIRMATION");
        assertEquals(500, points(msisdn));
    }
}
