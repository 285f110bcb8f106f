package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The general services over HTTP (rulebook §9): a number just opened is reported lost, its SIM replaced for the
 * province's card fee paid in cash (change, receipt, the number active again), then suspended and resumed; a customer
 * who is not the holder is refused and nothing changes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class GeneralServicesIT extends BizhallTestSupport {
    private static final String NEW_ICCID = "89860012345678901234";

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    /** Opens a GOTONE-88 account in the 138918078xx range with the default deposit; returns the number. */
    private String openAccount() {
        String msisdn = availableNumber("op-sn", "138918078", false);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", order.path("quote").path("totalFen").asLong()), key())
                .expect(201);
        assertEquals("ACTIVE", status(msisdn));
        return msisdn;
    }

    /** An order of the general services for the holder who came in person with the ID. */
    private static ObjectNode holderOrder(String procedure, String msisdn) {
        ObjectNode order = object().put("procedure", procedure).put("msisdn", msisdn);
        order.set("customer", personalCustomer("张三"));
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
        order.putObject("params");
        return order;
    }

    private String status(String msisdn) {
        return get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("status").asText();
    }

    /** Submits an order nothing is due for: it completes at once. */
    private JsonNode completedAtOnce(ObjectNode order) {
        JsonNode done = post("op-sn", "/orders", order, key()).expect(201).json();
        assertEquals(done.toString(), "COMPLETED", done.path("state").asText());
        assertEquals(0, done.path("quote").path("totalFen").asLong());
        return done;
    }

    @Test
    public void proceduresListTheFourGeneralServices() {
        Set<String> ids = new HashSet<>();
        for (JsonNode p : get("op-sn", "/procedures").expect(200).json()) {
            ids.add(p.path("id").asText());
            if ("sim-replacement".equals(p.path("id").asText())) {
                assertEquals("*", p.path("province").asText());
                assertTrue(p.path("provider").asText().startsWith("org.bizhall.procedure.general/"));
                assertEquals("^89[0-9]{17,18}$", p.path("paramsSchema").path("properties").path("iccid").path("pattern").asText());
                assertEquals("[\"quote\",\"payment\",\"execute\"]", p.path("steps").toString());
            }
        }
        assertTrue(ids.toString(), ids.containsAll(List.of("suspend", "report-loss", "resume", "sim-replacement")));
    }

    @Test
    public void aLostSimIsReportedThenReplacedForCashAndTheNumberSuspendedAndResumed() {
        String msisdn = openAccount();

        // 报失: at once, free
        JsonNode loss = completedAtOnce(holderOrder("report-loss", msisdn));
        assertEquals("SUSPENDED_LOSS", loss.path("result").path("status").asText());
        assertEquals("SUSPENDED_LOSS", status(msisdn));
        assertFalse(loss.toString(), loss.toString().contains(VALID_ID));

        // 补卡: the province's card fee, paid in cash, sung out with change and a receipt
        ObjectNode replacement = holderOrder("sim-replacement", msisdn);
        ((ObjectNode) replacement.get("params")).put("iccid", NEW_ICCID);
        JsonNode order = post("op-sn", "/orders", replacement, key()).expect(201).json();
        assertEquals("PENDING_PAYMENT", order.path("state").asText());
        assertEquals(1000, order.path("quote").path("totalFen").asLong());
        assertEquals("SIM_CARD", order.path("quote").path("items").get(0).path("code").asText());
        assertEquals("nothing changes before the payment", "SUSPENDED_LOSS", status(msisdn));
        String id = order.path("id").asText();
        JsonNode payment = post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "CASH").put("tenderedFen", 5000), key()).expect(201).json();
        assertEquals(1000, payment.path("dueFen").asLong());
        assertEquals(5000, payment.path("tenderedFen").asLong());
        assertEquals(4000, payment.path("changeFen").asLong());
        String receipt = payment.path("receipt").path("number").asText();
        assertEquals(1000, get("op-sn", "/receipts/" + receipt).expect(200).json().path("totalFen").asLong());
        JsonNode replaced = get("op-sn", "/orders/" + id).expect(200).json();
        assertEquals("COMPLETED", replaced.path("state").asText());
        assertEquals(NEW_ICCID, replaced.path("result").path("iccid").asText());
        assertTrue(replaced.path("result").path("serviceRestored").asBoolean());
        assertEquals("ACTIVE", status(msisdn));

        // 报停 and 报开
        completedAtOnce(holderOrder("suspend", msisdn));
        assertEquals("SUSPENDED_REQUEST", status(msisdn));
        post("op-sn", "/orders", holderOrder("suspend", msisdn), key()).problem(422, "ALREADY_SUSPENDED");
        completedAtOnce(holderOrder("resume", msisdn));
        assertEquals("ACTIVE", status(msisdn));
        post("op-sn", "/orders", holderOrder("resume", msisdn), key()).problem(422, "NOT_SUSPENDED");
    }

    @Test
    public void someoneWhoIsNotTheHolderIsRefusedAndNothingChanges() {
        String msisdn = openAccount();
        String otherId = "61010219800101123";
        otherId += checkCharacter(otherId);
        ObjectNode stranger = holderOrder("report-loss", msisdn);
        ((ObjectNode) stranger.get("customer")).put("name", "李四").put("idNumber", otherId);
        JsonNode problem = post("op-sn", "/orders", stranger, key()).problem(422, "HOLDER_MISMATCH");
        assertEquals("customer", problem.path("field").asText());
        assertFalse(problem.toString(), problem.toString().contains(VALID_ID.substring(14)));
        assertFalse(problem.toString(), problem.toString().contains("张"));
        assertEquals("ACTIVE", status(msisdn));
        assertEquals(0, get("op-sn", "/orders?procedure=report-loss&msisdn=" + msisdn).expect(200).json().size());

        // the holder without the ID is refused too; from another province the number is not reachable
        ObjectNode noDocument = holderOrder("suspend", msisdn);
        noDocument.putArray("documents");
        post("op-sn", "/orders", noDocument, key()).problem(422, "DOCUMENT_MISSING");
        post("op-sx", "/orders", holderOrder("suspend", msisdn), key()).problem(403, "OTHER_PROVINCE");
        assertEquals("ACTIVE", status(msisdn));
    }

    private static char checkCharacter(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        char[] check = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return check[sum % 11];
    }
}
