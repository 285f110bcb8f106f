package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 9 item 5, "also after a restart of the distribution in between", with the distribution run as an operator runs
 * it ({@link KarafProcess}): an order waiting for a date is taken, the Karaf JVM is killed with SIGKILL, the business
 * clock passes the date while nothing runs (its offset is written into {@code etc/org.bizhall.clock.cfg}), and after
 * the restart the scheduler finds the due work in the database and the order completes. Likewise a deadline: a
 * corporate points redemption waiting for the big-customer office expires after the restart once the clock has passed
 * redemptionOfficeMinutes, and gives back the points and the gift it held (rulebook §8).
 */
public class SchedulerRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT = Duration.ofSeconds(300);
    private static final String ID_NUMBER = "11010519491231002X";
    private static final String CREDIT_CODE = "91350100M000100Y43";
    private static KarafProcess karaf;

    @After
    public void stopWhatRuns() {
        if (karaf != null) {
            karaf.close();
            karaf = null;
        }
    }

    @Test
    public void aScheduledOrderCompletesAfterTheDistributionWasKilledAndTheDatePassedWhileItWasDown() throws Exception {
        karaf = KarafProcess.unpack("scheduler");
        Path fixture = Path.of(System.getProperty("bizhall.fixture.scheduled", "missing"));
        assertTrue("fixture bundle built: " + fixture, Files.isRegularFile(fixture));
        Files.copy(fixture, karaf.home().resolve("deploy").resolve(fixture.getFileName()));
        karaf.set("org.bizhall.scheduler.cfg", "pollSeconds", "1");
        karaf.start();
        karaf.awaitHealthy(BOOT);
        HttpClient http = karaf.client();
        awaitTrue("the waiting procedure is deployed", () -> send(http, "GET", "/procedures", null).body()
                .contains("\"test-waiting\""));

        String order = "{\"procedure\":\"test-waiting\",\"customer\":{\"type\":\"PERSONAL\",\"name\":\"张三\","
                + "\"idType\":\"ID_CARD\",\"idNumber\":\"" + ID_NUMBER + "\"},\"documents\":[{\"kind\":\"HOLDER_ID\","
                + "\"number\":\"" + ID_NUMBER + "\"}],\"params\":{\"wait\":\"DATE\"}}";
        HttpResponse<String> taken = send(http, "POST", "/orders", order);
        assertEquals(taken.body(), 201, taken.statusCode());
        JsonNode scheduled = JSON.readTree(taken.body());
        String id = scheduled.path("id").asText();
        assertEquals(taken.body(), "SCHEDULED", scheduled.path("state").asText());

        karaf.kill9();
        // the date (a day after the order) passes while the node is down: the adjustable demo clock runs 25 h ahead
        karaf.set("org.bizhall.clock.cfg", "offsetMillis", Long.toString(Duration.ofHours(25).toMillis()));
        karaf.start();
        karaf.awaitHealthy(BOOT);

        awaitTrue("order " + id + " completed after the restart", () -> "COMPLETED".equals(
                JSON.readTree(send(http, "GET", "/orders/" + id, null).body()).path("state").asText()));
        JsonNode done = JSON.readTree(send(http, "GET", "/orders/" + id, null).body());
        List<String> states = new ArrayList<>();
        done.path("history").forEach(h -> states.add(h.path("state").asText()));
        assertEquals(List.of("ACKNOWLEDGED", "SCHEDULED", "COMPLETED"), states);
        OffsetDateTime due = OffsetDateTime.parse(done.path("result").path("dueAt").asText());
        OffsetDateTime carriedOut = OffsetDateTime.parse(done.path("result").path("carriedOutAt").asText());
        assertTrue(carriedOut + " is after " + due, carriedOut.isAfter(due));
        // Jetty's request threads (qtp...) are left out, as in BizhallTestSupport#bootProblems: they answer this test's
        // own polling while the JAX-RS whiteboard republishes the application at boot
        List<String> errors = karaf.karafLog().stream().filter(l -> l.contains("| ERROR |"))
                .filter(l -> !l.matches("^\\S+ \\| ERROR\\s*\\| qtp.*")).filter(l -> !KarafLogLines.knownHarmless(l))
                .toList();
        assertEquals("no ERROR in the log across the kill and the restart", List.of(), errors);
    }

    @Test
    public void rules8_aCorporateRedemptionExpiresAfterTheDistributionWasKilledBeforeTheOfficeAnswered()
            throws Exception {
        karaf = KarafProcess.unpack("redemption");
        karaf.set("org.bizhall.scheduler.cfg", "pollSeconds", "1");
        karaf.start();
        karaf.awaitHealthy(BOOT);
        HttpClient http = karaf.client();
        awaitTrue("the demo gifts are loaded", () -> send(http, "GET", "/gifts", null).body().contains("UMBRELLA"));

        // a number of a company that pays by corporate account, with 800 points from the back office
        String msisdn = null;
        for (JsonNode n : JSON.readTree(send(http, "GET", "/numbers?prefix=13891809&limit=50", null).body())) {
            if (n.path("prestoreFen").asLong() == 0) {
                msisdn = n.path("msisdn").asText();
                break;
            }
        }
        String company = "{\"type\":\"CORPORATE\",\"name\":\"西安某某科技有限公司\",\"idType\":\"BUSINESS_LICENCE\","
                + "\"idNumber\":\"" + CREDIT_CODE + "\",\"address\":\"西安市雁塔区\"}";
        String proxy = "[{\"role\":\"PROXY\",\"type\":\"PERSONAL\",\"name\":\"李四\",\"idType\":\"ID_CARD\","
                + "\"idNumber\":\"" + ID_NUMBER + "\"}]";
        String opening = "{\"procedure\":\"account-opening\",\"msisdn\":\"" + msisdn + "\",\"customer\":" + company
                + ",\"parties\":" + proxy + ",\"documents\":[{\"kind\":\"HOLDER_ID\",\"number\":\"" + CREDIT_CODE + "\"},"
                + "{\"kind\":\"UNIT_CERTIFICATE\",\"number\":\"UC-1\"},{\"kind\":\"BUSINESS_LICENCE\",\"number\":\""
                + CREDIT_CODE + "\"},{\"kind\":\"PROXY_ID\",\"number\":\"" + ID_NUMBER + "\"},{\"kind\":\"SEAL_CARD\","
                + "\"number\":\"SEAL-1\"}],\"params\":{\"package\":\"GOTONE-128\",\"accountType\":\"CORPORATE_ACCOUNT\","
                + "\"bankConfirmed\":true}}";
        HttpResponse<String> opened = send(http, "POST", "/orders", opening);
        assertEquals(opened.body(), 201, opened.statusCode());
        JsonNode openingOrder = JSON.readTree(opened.body());
        if (openingOrder.path("quote").path("totalFen").asLong() > 0) {
            HttpResponse<String> paid = send(http, "POST", "/orders/" + openingOrder.path("id").asText() + "/payments",
                    "{\"method\":\"BANK_CARD\"}");
            assertEquals(paid.body(), 201, paid.statusCode());
        }
        HttpResponse<String> adjusted = send(http, "bo-sn", "POST", "/points/" + msisdn + "/adjustments",
                "{\"points\":800,\"reason\":\"演示积分\"}");
        assertEquals(adjusted.body(), 201, adjusted.statusCode());

        String redemption = "{\"procedure\":\"points-redemption\",\"msisdn\":\"" + msisdn + "\",\"customer\":"
                + company + ",\"parties\":" + proxy + ",\"documents\":[{\"kind\":\"BUSINESS_LICENCE\",\"number\":\""
                + CREDIT_CODE + "\"},{\"kind\":\"UNIT_CERTIFICATE\",\"number\":\"UC-1\"},{\"kind\":\"PROXY_ID\","
                + "\"number\":\"" + ID_NUMBER + "\"}],\"params\":{\"giftCode\":\"UMBRELLA\"}}";
        HttpResponse<String> taken = send(http, "POST", "/orders", redemption);
        assertEquals(taken.body(), 201, taken.statusCode());
        JsonNode waiting = JSON.readTree(taken.body());
        String id = waiting.path("id").asText();
        assertEquals(taken.body(), "BACK_OFFICE", waiting.path("awaiting").asText());
        assertEquals("held while the office may answer", 300, points(http, msisdn));
        assertEquals(49, umbrellas(http));

        karaf.kill9();
        // the office's ten minutes pass while the node is down: the adjustable demo clock runs 11 minutes ahead
        karaf.set("org.bizhall.clock.cfg", "offsetMillis", Long.toString(Duration.ofMinutes(11).toMillis()));
        karaf.start();
        karaf.awaitHealthy(BOOT);

        awaitTrue("order " + id + " expired after the restart", () -> "REJECTED".equals(
                JSON.readTree(send(http, "GET", "/orders/" + id, null).body()).path("state").asText()));
        assertTrue(send(http, "GET", "/orders/" + id, null).body().contains("CONFIRMATION_TIMEOUT"));
        assertEquals("nothing deducted", 800, points(http, msisdn));
        assertEquals(50, umbrellas(http));
        // Jetty's request threads (qtp...) are left out, as in BizhallTestSupport#bootProblems: they answer this test's
        // own polling while the JAX-RS whiteboard republishes the application at boot
        List<String> errors = karaf.karafLog().stream().filter(l -> l.contains("| ERROR |"))
                .filter(l -> !l.matches("^\\S+ \\| ERROR\\s*\\| qtp.*")).filter(l -> !KarafLogLines.knownHarmless(l))
                .toList();
        assertEquals("no ERROR in the log across the kill and the restart", List.of(), errors);
    }

    private long points(HttpClient http, String msisdn) throws IOException, InterruptedException {
        return JSON.readTree(send(http, "GET", "/points/" + msisdn, null).body()).path("balance").asLong();
    }

    private long umbrellas(HttpClient http) throws IOException, InterruptedException {
        for (JsonNode g : JSON.readTree(send(http, "GET", "/gifts", null).body())) {
            if ("UMBRELLA".equals(g.path("code").asText())) {
                return g.path("stock").asLong();
            }
        }
        throw new AssertionError("no UMBRELLA in GET /gifts");
    }

    private HttpResponse<String> send(HttpClient http, String method, String path, String body)
            throws IOException, InterruptedException {
        return send(http, "op-sn", method, path, body);
    }

    private HttpResponse<String> send(HttpClient http, String user, String method, String path, String body)
            throws IOException, InterruptedException {
        return karaf.send(http, user, method, path, body, "sched-" + UUID.randomUUID());
    }

    /** A check that may throw while the platform settles. */
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        Exception last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + (last == null ? "" : ": " + last));
    }
}
