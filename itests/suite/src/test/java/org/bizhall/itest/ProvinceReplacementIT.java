package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replacement at runtime: a province bundle whose account-opening ranks higher takes over new orders of its province
 * at once, other provinces keep the default, and removing it brings the default back; stored orders stay readable
 * and payable throughout, without a restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ProvinceReplacementIT extends BizhallTestSupport {

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    private JsonNode listed(String user) {
        for (JsonNode p : get(user, "/procedures").expect(200).json()) {
            if ("account-opening".equals(p.path("id").asText())) {
                return p;
            }
        }
        throw new AssertionError("account-opening is not listed");
    }

    private static boolean quotedByTestProvince(JsonNode order) {
        for (JsonNode item : order.path("quote").path("items")) {
            if ("SN_TEST_PROVINCE_FEE".equals(item.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode awaitListedProvince(String user, String province) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode listed = listed(user);
        while (!province.equals(listed.path("province").asText()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            listed = listed(user);
        }
        assertEquals(listed.toString(), province, listed.path("province").asText());
        return listed;
    }

    @Test
    public void provinceBundleTakesOverAndUninstallBringsTheDefaultBack() throws Exception {
        JsonNode before = post("op-sn", "/orders", openingOrder(availableNumber("op-sn", "138918091", false), "GOTONE-88"), key())
                .expect(201).json();
        assertTrue(before.path("provider").asText().startsWith("org.bizhall.procedure.opening/"));

        File fixture = new File(System.getProperty("bizhall.fixture.province"));
        assertTrue("fixture bundle built: " + fixture, fixture.isFile());
        Bundle province = bundleContext.installBundle(fixture.toURI().toString());
        province.start();
        try {
            JsonNode snListing = awaitListedProvince("op-sn", "SN");
            assertEquals(100, snListing.path("ranking").asInt());
            assertTrue(snListing.path("provider").asText().startsWith("org.bizhall.itest.province/"));
            assertEquals("*", listed("op-sx").path("province").asText());

            JsonNode snOrder = post("op-sn", "/orders", openingOrder(availableNumber("op-sn", "138918092", false), "GOTONE-88"), key())
                    .expect(201).json();
            assertTrue(snOrder.toString(), quotedByTestProvince(snOrder));
            assertTrue(snOrder.path("provider").asText().startsWith("org.bizhall.itest.province/"));

            JsonNode sxOrder = post("op-sx", "/orders", openingOrder(availableNumber("op-sx", "1393510", false), "GOTONE-88"), key())
                    .expect(201).json();
            assertTrue(sxOrder.toString(), !quotedByTestProvince(sxOrder));

            // a crash in the province's code fails its own order only: nothing paid, the order FAILED, at once
            com.fasterxml.jackson.databind.node.ObjectNode crashing = openingOrder(availableNumber("op-sx", "13935105", false), "GOTONE-88");
            ((com.fasterxml.jackson.databind.node.ObjectNode) crashing.get("params")).put("crashInExecute", true);
            JsonNode doomed = post("op-sx", "/orders", crashing, key()).expect(201).json();
            long started = System.currentTimeMillis();
            post("op-sx", "/orders/" + doomed.path("id").asText() + "/payments", object().put("method", "BANK_CARD"), key())
                    .problem(500, "PROCEDURE_FAILED");
            assertTrue("the failure answers without waiting on locks", System.currentTimeMillis() - started < 20_000);
            assertEquals(0, get("op-sx", "/orders/" + doomed.path("id").asText() + "/payments").expect(200).json().size());
            long deadline = System.currentTimeMillis() + 20_000;
            String state = get("op-sx", "/orders/" + doomed.path("id").asText()).expect(200).json().path("state").asText();
            while (!"FAILED".equals(state) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                state = get("op-sx", "/orders/" + doomed.path("id").asText()).expect(200).json().path("state").asText();
            }
            assertEquals("FAILED", state);

            // the order taken before the province bundle arrived is still readable and payable
            JsonNode paid = post("op-sn", "/orders/" + before.path("id").asText() + "/payments",
                    object().put("method", "BANK_CARD"), key()).expect(201).json();
            assertNotNull(paid.path("receipt").path("number").asText(null));
            assertEquals("COMPLETED", get("op-sn", "/orders/" + before.path("id").asText()).expect(200).json().path("state").asText());

            province.uninstall();
            province = null;
            awaitListedProvince("op-sn", "*");

            JsonNode after = post("op-sn", "/orders", openingOrder(availableNumber("op-sn", "138918093", false), "GOTONE-88"), key())
                    .expect(201).json();
            assertTrue(after.toString(), !quotedByTestProvince(after));

            // the order the province bundle priced is still readable and payable after it is gone
            JsonNode stored = get("op-sn", "/orders/" + snOrder.path("id").asText()).expect(200).json();
            assertEquals(snOrder.path("quote"), stored.path("quote"));
            post("op-sn", "/orders/" + snOrder.path("id").asText() + "/payments",
                    object().put("method", "CASH").put("tenderedFen", stored.path("quote").path("totalFen").asLong()), key())
                    .expect(201);
            assertEquals("COMPLETED", get("op-sn", "/orders/" + snOrder.path("id").asText()).expect(200).json().path("state").asText());
        } finally {
            if (province != null) {
                province.uninstall();
            }
        }
    }
}
