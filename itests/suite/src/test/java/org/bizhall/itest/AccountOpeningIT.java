package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;

/** An operator opens an account over HTTP from number search to the ledger that makes the new balance. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class AccountOpeningIT extends BizhallTestSupport {

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    @Test
    public void healthNeedsNoCredentialsButTheApiDoes() {
        JsonNode health = get(null, "/health").expect(200).json();
        assertEquals("UP", health.path("status").asText());
        Answer anonymous = get(null, "/me");
        anonymous.problem(401, "UNAUTHENTICATED");
        assertNotNull(anonymous.header("WWW-Authenticate"));
        send("op-sn", "GET", "/me", null, null).expect(200);
        get(null, "/openapi.json").expect(200);
    }

    @Test
    public void meNamesUserRoleHallKindsAndProvince() {
        JsonNode me = get("op-sn", "/me").expect(200).json();
        assertEquals("op-sn", me.path("user").asText());
        assertEquals("operator", me.path("role").asText());
        assertEquals("SN-XA-001", me.path("hall").asText());
        assertEquals("SN", me.path("province").asText());
        assertEquals(3, me.path("hallKinds").size());
        JsonNode partner = get("op-sn2", "/me").expect(200).json();
        assertEquals("[\"PARTNER\"]", partner.path("hallKinds").toString());
    }

    @Test
    public void proceduresListTheNationalAccountOpening() {
        JsonNode procedures = get("op-sn", "/procedures").expect(200).json();
        JsonNode opening = null;
        for (JsonNode p : procedures) {
            if ("account-opening".equals(p.path("id").asText())) {
                opening = p;
            }
        }
        assertNotNull(procedures.toString(), opening);
        assertEquals("*", opening.path("province").asText());
        assertTrue(opening.path("provider").asText().startsWith("org.bizhall.procedure.opening/"));
        assertEquals("object", opening.path("paramsSchema").path("type").asText());
        assertEquals("[\"HOLDER_ID\"]", opening.path("documents").toString());
        assertEquals("[\"quote\",\"payment\",\"execute\"]", opening.path("steps").toString());
    }

    @Test
    public void catalogueHasTheThreeBrands() {
        JsonNode products = get("op-sn", "/products").expect(200).json();
        StringBuilder brands = new StringBuilder();
        products.forEach(p -> brands.append(p.path("brand").asText()).append(' '));
        assertTrue(brands.toString(), brands.toString().contains("全球通"));
        assertTrue(brands.toString(), brands.toString().contains("动感地带"));
        assertTrue(brands.toString(), brands.toString().contains("神州行"));
    }

    @Test
    public void numberSearchByPatternShowsPrestore() {
        Answer answer = get("op-sn", "/numbers?prefix=1389180&pattern=*8888&limit=5").expect(200);
        JsonNode numbers = answer.json();
        assertTrue(numbers.size() >= 1);
        for (JsonNode n : numbers) {
            assertTrue(n.path("msisdn").asText().endsWith("8888"));
            assertEquals(20000, n.path("prestoreFen").asLong());
        }
        assertNotNull(answer.header("X-Total-Count"));
    }

    @Test
    public void openAccountEndToEndWithCashChangeReceiptSubscriberAndLedger() {
        String msisdn = availableNumber("op-sn", "13891801", true);
        long prestore = get("op-sn", "/numbers?prefix=" + msisdn).expect(200).json().get(0).path("prestoreFen").asLong();
        JsonNode reservation = post("op-sn", "/numbers/" + msisdn + "/reservations", object(), key()).expect(201).json();
        assertEquals(msisdn, reservation.path("msisdn").asText());
        assertNotNull(reservation.path("expiresAt").asText(null));

        Answer created = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201);
        JsonNode order = created.json();
        assertTrue(created.header("Location").endsWith("/api/v1/orders/" + order.path("id").asText()));
        assertEquals("PENDING_PAYMENT", order.path("state").asText());
        assertEquals("PAYMENT", order.path("awaiting").asText());
        assertEquals("SN", order.path("province").asText());
        assertEquals("SN-XA-001", order.path("hall").asText());
        assertEquals("张*", order.path("customer").path("name").asText());
        assertFalse(order.toString().contains(VALID_ID));
        long total = order.path("quote").path("totalFen").asLong();
        long sum = 0;
        for (JsonNode item : order.path("quote").path("items")) {
            sum += item.path("amountFen").asLong();
        }
        assertEquals(sum, total);
        assertTrue(total >= 10000 + prestore);

        long tendered = ((total / 10000) + 1) * 10000;
        JsonNode payment = post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", tendered), key()).expect(201).json();
        assertEquals(total, payment.path("dueFen").asLong());
        assertEquals(tendered, payment.path("tenderedFen").asLong());
        assertEquals(tendered - total, payment.path("changeFen").asLong());
        String receiptNumber = payment.path("receipt").path("number").asText();
        assertTrue(receiptNumber, receiptNumber.startsWith("SN-XA-001-"));

        JsonNode receipt = get("op-sn", "/receipts/" + receiptNumber).expect(200).json();
        assertEquals(total, receipt.path("totalFen").asLong());
        JsonNode reprint = post("op-sn", "/receipts/" + receiptNumber + "/reprint", object(), key()).expect(200).json();
        assertTrue(reprint.path("reprint").asBoolean());

        JsonNode done = get("op-sn", "/orders/" + order.path("id").asText()).expect(200).json();
        assertEquals("COMPLETED", done.path("state").asText());

        JsonNode subscriber = get("op-sn", "/subscribers/" + msisdn).expect(200).json();
        assertEquals("ACTIVE", subscriber.path("status").asText());
        assertFalse(subscriber.toString(), subscriber.toString().contains("张三"));
        assertFalse(subscriber.toString(), subscriber.toString().contains(VALID_ID));
        assertTrue(post("op-sn", "/subscribers/" + msisdn + "/holder-check", object().put("name", "张三"), null)
                .expect(200).json().path("match").asBoolean());
        assertFalse(post("op-sn", "/subscribers/" + msisdn + "/holder-check", object().put("name", "李四"), null)
                .expect(200).json().path("match").asBoolean());

        long accountId = subscriber.path("accountId").asLong();
        JsonNode account = get("op-sn", "/accounts/" + accountId).expect(200).json();
        Answer ledgerAnswer = get("op-sn", "/accounts/" + accountId + "/ledger").expect(200);
        long ledgerSum = 0;
        for (JsonNode entry : ledgerAnswer.json()) {
            ledgerSum += entry.path("amountFen").asLong();
            assertEquals(order.path("id").asText(), entry.path("orderId").asText());
        }
        assertEquals(account.path("balanceFen").asLong(), ledgerSum);
        assertEquals(10000 + prestore, ledgerSum);

        // the number is now assigned: it is gone from the available list and cannot be reserved
        assertEquals(0, get("op-sn", "/numbers?prefix=" + msisdn).expect(200).json().size());
        post("op-sn", "/numbers/" + msisdn + "/reservations", object(), key()).expect(409);
    }

    @Test
    public void corporateCustomerOpensWithCorporateAccountAndNoDeposit() {
        String msisdn = availableNumber("op-sn", "13891802", false);
        String creditCode = "91350100M000100Y43";
        com.fasterxml.jackson.databind.node.ObjectNode order = object().put("procedure", "account-opening").put("msisdn", msisdn);
        order.putObject("customer").put("type", "CORPORATE").put("name", "西安某某科技有限公司").put("idType", "BUSINESS_LICENCE")
                .put("idNumber", creditCode).put("address", "西安市雁塔区");
        order.putArray("parties").addObject().put("role", "PROXY").put("type", "PERSONAL").put("name", "李四")
                .put("idType", "ID_CARD").put("idNumber", VALID_ID);
        com.fasterxml.jackson.databind.node.ArrayNode docs = order.putArray("documents");
        docs.addObject().put("kind", "HOLDER_ID").put("number", creditCode);
        docs.addObject().put("kind", "UNIT_CERTIFICATE").put("number", "UC-1");
        docs.addObject().put("kind", "BUSINESS_LICENCE").put("number", creditCode);
        docs.addObject().put("kind", "PROXY_ID").put("number", VALID_ID);
        docs.addObject().put("kind", "SEAL_CARD").put("number", "SEAL-1");
        order.putObject("params").put("package", "GOTONE-128").put("accountType", "CORPORATE_ACCOUNT")
                .put("bankConfirmed", true); // the operator phoned the bank about the corporate account
        JsonNode created = post("op-sn", "/orders", order, key()).expect(201).json();
        for (JsonNode item : created.path("quote").path("items")) {
            assertFalse(created.toString(), "DEPOSIT".equals(item.path("code").asText()));
        }
        if (created.path("quote").path("totalFen").asLong() > 0) {
            post("op-sn", "/orders/" + created.path("id").asText() + "/payments",
                    object().put("method", "BANK_CARD"), key()).expect(201);
        }
        assertEquals("COMPLETED", get("op-sn", "/orders/" + created.path("id").asText()).expect(200).json().path("state").asText());
    }

    @Test
    public void otherProvinceIsForbidden() {
        String msisdn = availableNumber("op-sx", "1393510", false);
        post("op-sn", "/numbers/" + msisdn + "/reservations", object(), key()).problem(403, "OTHER_PROVINCE");
        JsonNode sxOrder = post("op-sx", "/orders", openingOrder(msisdn, "MZONE-18"), key()).expect(201).json();
        get("op-sn", "/orders/" + sxOrder.path("id").asText()).problem(403, "OTHER_PROVINCE");
        get("op-sx", "/orders/" + sxOrder.path("id").asText()).expect(200);
        get("admin", "/orders/" + sxOrder.path("id").asText()).expect(200);
    }

    @Test
    public void chineseTextRoundTrips() {
        JsonNode products = get("op-sn", "/products").expect(200).json();
        boolean found = false;
        for (JsonNode p : products) {
            found |= p.path("name").asText().contains("全球通");
        }
        assertTrue(products.toString(), found);
    }
}
