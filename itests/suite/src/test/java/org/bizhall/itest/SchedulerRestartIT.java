package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.AfterClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 9 item 5, "also after a restart of the distribution in between", with the distribution run as an operator runs
 * it ({@link KarafProcess}): an order waiting for a date is taken, the Karaf JVM is killed with SIGKILL, the business
 * clock passes the date while nothing runs (its offset is written into {@code etc/org.bizhall.clock.cfg}), and after
 * the restart the scheduler finds the due work in the database and the order completes.
 */
public class SchedulerRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT = Duration.ofSeconds(300);
    private static final String ID_NUMBER = "11010519491231002X";
    private static KarafProcess karaf;

    @AfterClass
    public static void stopWhatRuns() {
        if (karaf != null) {
            karaf.close();
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
        List<String> errors = karaf.karafLog().stream().filter(l -> l.contains("| ERROR |")).toList();
        assertEquals("no ERROR in the log across the kill and the restart", List.of(), errors);
    }

    private HttpResponse<String> send(HttpClient http, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(karaf.base() + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json")
                .header("Authorization", KarafProcess.basic("op-sn"))
                .header("Idempotency-Key", "sched-" + UUID.randomUUID());
        if (body != null) {
            request.header("Content-Type", "application/json; charset=UTF-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
