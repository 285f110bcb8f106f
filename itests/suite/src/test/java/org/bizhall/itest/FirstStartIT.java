package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bizhall.testing.process.KarafInstance;
import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The first start of the distribution as an operator runs it ({@link KarafProcess}: {@code bin/karaf}, so
 * {@code bin/setenv}): the migrated empty database the build ships ({@code lib/derby-template}) is copied to
 * {@code data/bizhall-db} and nothing is migrated; without it the store migrates as before. Either way the node that
 * says UP takes an order at once, and an idempotent POST sent twice makes one order (the installation's own
 * fingerprint secret, which the shipped database does not carry, was made at this start). The first start refreshes
 * no bundle. The distribution also ships the framework cache of a first start its build ran ({@code data/cache}): an
 * unchanged distribution starts from it and installs nothing; one whose boot configuration the operator changed
 * before the first start is installed as configured (the cache dropped by {@code bin/setenv}).
 */
public class FirstStartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT = Duration.ofSeconds(300);
    private static final String ID_NUMBER = "11010519491231002X";
    private KarafProcess karaf;

    @After
    public void stopWhatRuns() {
        if (karaf != null) {
            karaf.close();
            karaf = null;
        }
    }

    @Test
    public void theFirstStartUsesTheShippedDatabaseAndMigratesNothing() throws Exception {
        karaf = KarafProcess.unpack("first-start");
        assertTrue("the distribution ships the template",
                Files.isRegularFile(karaf.home().resolve("lib/derby-template/bizhall-db/service.properties")));
        assertFalse("no database before the first start", Files.exists(karaf.home().resolve("data/bizhall-db")));
        assertTrue("the distribution ships the framework cache of a first start",
                Files.isRegularFile(karaf.home().resolve("data/cache/bundle0/bundle.id")));
        assertTrue("and the boot configuration it was built from",
                Files.isRegularFile(karaf.home().resolve("data/cache-boot-config/org.apache.karaf.features.cfg")));
        karaf.start();
        karaf.awaitHealthy(BOOT);

        assertTrue(Files.isRegularFile(karaf.home().resolve("data/bizhall-db/service.properties")));
        List<String> log = karaf.karafLog();
        // the boot features came installed: the features service had nothing to resolve or install
        assertFalse(karaf.logTail(60), log.stream().anyMatch(l -> l.contains("Changes to perform")));
        assertFalse("looked at once, at the first start", Files.exists(karaf.home().resolve("data/cache-boot-config")));
        assertTrue(karaf.logTail(60), log.stream().anyMatch(l -> l.contains("bizhall schema is current at version")));
        assertFalse(karaf.logTail(60), log.stream().anyMatch(l -> l.contains("bizhall schema migrated")));
        // a refresh stops and starts bundles in the middle of the boot (it was the transaction manager, for an API it
        // imports optionally that came with a later round)
        List<String> refreshed = log.stream()
                .filter(l -> l.contains("Refreshing bundles") || l.contains("Should be wired"))
                .collect(Collectors.toList());
        assertEquals(String.join("\n", refreshed), List.of(), refreshed);
        anOrderIsTakenOnceForTwoIdenticalPosts();
    }

    /**
     * The operator removed the database template and added a boot feature (the receipt printer's ESC/POS driver)
     * before the first start: the store migrates, and the feature is installed although the shipped framework cache
     * was built without it.
     */
    @Test
    public void withoutTheShippedDatabaseAndWithABootFeatureAddedTheFirstStartMigratesAndInstallsIt() throws Exception {
        karaf = KarafProcess.unpack("first-start-changed");
        Path template = karaf.home().resolve("lib/derby-template");
        try (Stream<Path> files = Files.walk(template)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertFalse(Files.exists(template));
        KarafInstance.addBootFeature(karaf.etc().resolve("org.apache.karaf.features.cfg"), "bizhall-device-printer-escpos");
        karaf.start();
        karaf.awaitHealthy(BOOT);

        assertTrue(Files.isRegularFile(karaf.home().resolve("data/bizhall-db/service.properties")));
        List<String> log = karaf.karafLog();
        assertTrue(karaf.logTail(60), log.stream().anyMatch(l -> l.contains("bizhall schema migrated to version")));
        assertTrue(karaf.logTail(60), log.stream().anyMatch(l -> l.contains("Device driver escpos (RECEIPT_PRINTER) available")));
        anOrderIsTakenOnceForTwoIdenticalPosts();
    }

    /**
     * A datasource configured with {@code xa = false} hands out connections that commit every statement on their own
     * even inside a transaction; a payment failing half way would keep half of what it wrote. The node does not start
     * its stores on it and says why in its log; the API never answers.
     */
    @Test
    public void aStoreDatasourceOutsideTheTransactionsIsRefusedAtTheStart() throws Exception {
        karaf = KarafProcess.unpack("non-xa");
        karaf.set("org.ops4j.datasource-bizhall.cfg", "xa", "false");
        karaf.start();
        long deadline = System.nanoTime() + BOOT.toNanos();
        String refusal = "does not take part in transactions";
        HttpClient http = karaf.client();
        while (karaf.karafLog().stream().noneMatch(l -> l.contains(refusal)) && System.nanoTime() < deadline) {
            assertFalse("the node came up on a datasource outside the transactions",
                    KarafProcess.accepts(karaf.httpPort())
                            && karaf.send(http, null, "GET", "/health", null, null).statusCode() == 200);
            Thread.sleep(250);
        }
        assertTrue(karaf.logTail(60), karaf.karafLog().stream().anyMatch(l -> l.contains(refusal)
                && l.contains("xa = true")));
        HttpResponse<String> health = karaf.send(http, null, "GET", "/health", null, null);
        assertFalse(health.body(), health.statusCode() == 200);
    }

    /** An account opening right after UP, sent twice with one Idempotency-Key: one order, the same answer. */
    private void anOrderIsTakenOnceForTwoIdenticalPosts() throws Exception {
        HttpClient http = karaf.client();
        JsonNode numbers = JSON.readTree(send(http, "GET", "/numbers?prefix=1389180&limit=1", null, null).body());
        assertEquals(numbers.toString(), 1, numbers.size());
        String msisdn = numbers.get(0).path("msisdn").asText();
        String opening = "{\"procedure\":\"account-opening\",\"msisdn\":\"" + msisdn + "\",\"customer\":{\"type\":"
                + "\"PERSONAL\",\"name\":\"张三\",\"idType\":\"ID_CARD\",\"idNumber\":\"" + ID_NUMBER + "\",\"address\":"
                + "\"陕西省西安市雁塔区科技路1号\"},\"documents\":[{\"kind\":\"HOLDER_ID\",\"number\":\"" + ID_NUMBER
                + "\"}],\"params\":{\"package\":\"MZONE-18\"}}";
        String key = "first-start-" + UUID.randomUUID();
        HttpResponse<String> first = send(http, "POST", "/orders", opening, key);
        assertEquals(first.body(), 201, first.statusCode());
        HttpResponse<String> again = send(http, "POST", "/orders", opening, key);
        assertEquals(again.body(), JSON.readTree(first.body()).path("id").asText(),
                JSON.readTree(again.body()).path("id").asText());
    }

    private HttpResponse<String> send(HttpClient http, String method, String path, String body, String key)
            throws IOException, InterruptedException {
        return karaf.send(http, "op-sn", method, path, body, key);
    }
}
