package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Reservation;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

public class NumberPoolTest {
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
        List<PoolNumber> numbers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            numbers.add(number("13891800" + String.format("%03d", i), "SN"));
        }
        numbers.add(number("13935100001", "SX"));
        db.numbers.add(numbers);
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    private static PoolNumber number(String msisdn, String province) {
        long prestore = msisdn.endsWith("8888") ? 20000 : msisdn.endsWith("888") ? 10000 : msisdn.endsWith("88") ? 5000 : 0;
        return new PoolNumber(msisdn, province, NumberStatus.AVAILABLE, prestore, null, null, null);
    }

    private static ProblemException refusal(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e;
        }
        fail("expected a refusal");
        return null;
    }

    @Test
    public void concurrentReservationsOfOneNumber_exactlyOneWinsTheOthersGetNumberReserved_rule1_1() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int n = 100; n < 110; n++) {
                Msisdn msisdn = new Msisdn("13891800" + n);
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<String>> reservers = new ArrayList<>();
                for (int u = 0; u < 4; u++) {
                    String user = "user" + u;
                    reservers.add(() -> {
                        start.await();
                        try {
                            db.numbers.reserve(msisdn, "SN", user);
                            return "WON";
                        } catch (ProblemException e) {
                            return e.status() + " " + e.code();
                        }
                    });
                }
                List<Future<String>> futures = new ArrayList<>();
                for (Callable<String> r : reservers) {
                    futures.add(pool.submit(r));
                }
                start.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> f : futures) {
                    outcomes.add(f.get());
                }
                assertEquals(outcomes.toString(), 1, outcomes.stream().filter("WON"::equals).count());
                assertEquals(outcomes.toString(), 3, outcomes.stream().filter("409 NUMBER_RESERVED"::equals).count());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aReservedNumberAnswers409WhoeverAsks() {
        Msisdn msisdn = new Msisdn("13891800010");
        db.numbers.reserve(msisdn, "SN", "alice");
        assertEquals("NUMBER_RESERVED", refusal(() -> db.numbers.reserve(msisdn, "SN", "alice")).code());
        ProblemException other = refusal(() -> db.numbers.reserve(msisdn, "SN", "bob"));
        assertEquals(409, other.status());
        assertEquals("NUMBER_RESERVED", other.code());
    }

    @Test
    public void expiredReservationReturnsToThePool_rule1_1() {
        Msisdn msisdn = new Msisdn("13891800020");
        Reservation r = db.numbers.reserve(msisdn, "SN", "alice");
        assertEquals(db.clock.now().plusMinutes(TestDatabase.RESERVATION_MINUTES).toInstant(),
                r.expiresAt().toInstant());
        assertFalse(availableNumbers("13891800020").contains("13891800020"));

        db.clock.plusMinutes(TestDatabase.RESERVATION_MINUTES + 1);
        try {
            assertTrue(availableNumbers("13891800020").contains("13891800020"));
            assertEquals(NumberStatus.AVAILABLE, db.numbers.find(msisdn).orElseThrow().status());
            Reservation bobs = db.numbers.reserve(msisdn, "SN", "bob");
            assertEquals("bob", bobs.reservedBy());
        } finally {
            db.clock.plusMinutes(-(TestDatabase.RESERVATION_MINUTES + 1));
        }
    }

    @Test
    public void holdingOwnExpiredReservationIsReservationExpired_rule1_1() {
        Msisdn msisdn = new Msisdn("13891800030");
        db.numbers.reserve(msisdn, "SN", "alice");
        db.clock.plusMinutes(TestDatabase.RESERVATION_MINUTES + 1);
        try {
            ProblemException e = refusal(() -> db.numbers.holdForOrder(msisdn, "SN", "alice", "order-30"));
            assertEquals(409, e.status());
            assertEquals("RESERVATION_EXPIRED", e.code());
            // someone else may take the lapsed number for an order
            Reservation bobs = db.numbers.holdForOrder(msisdn, "SN", "bob", "order-31");
            assertEquals("order-31", bobs.orderId());
        } finally {
            db.clock.plusMinutes(-(TestDatabase.RESERVATION_MINUTES + 1));
        }
    }

    @Test
    public void holdForOrderTakesTheUsersOwnReservationAndAssignMakesItAssigned() {
        Msisdn msisdn = new Msisdn("13891800088");
        Reservation first = db.numbers.reserve(msisdn, "SN", "alice");
        assertEquals(5000, first.prestoreFen());
        db.clock.plusMinutes(10);
        try {
            assertEquals("NUMBER_RESERVED", refusal(() -> db.numbers.holdForOrder(msisdn, "SN", "bob", "order-b")).code());
            Reservation held = db.numbers.holdForOrder(msisdn, "SN", "alice", "order-88");
            assertEquals("order-88", held.orderId());
            assertTrue("the hold extends the reservation", held.expiresAt().isAfter(first.expiresAt()));

            db.numbers.assign(msisdn, "order-88");
            PoolNumber assigned = db.numbers.find(msisdn).orElseThrow();
            assertEquals(NumberStatus.ASSIGNED, assigned.status());
            assertEquals("NUMBER_ASSIGNED", refusal(() -> db.numbers.reserve(msisdn, "SN", "carol")).code());
            assertEquals("NUMBER_ASSIGNED", refusal(() -> db.numbers.holdForOrder(msisdn, "SN", "carol", "o")).code());
            assertFalse(availableNumbers("13891800088").contains("13891800088"));
        } finally {
            db.clock.plusMinutes(-10);
        }
    }

    @Test
    public void assignAfterTheHoldLapsedIsReservationExpired() {
        Msisdn msisdn = new Msisdn("13891800040");
        db.numbers.holdForOrder(msisdn, "SN", "alice", "order-40");
        db.clock.plusMinutes(TestDatabase.RESERVATION_MINUTES + 1);
        try {
            ProblemException e = refusal(() -> db.numbers.assign(msisdn, "order-40"));
            assertEquals("RESERVATION_EXPIRED", e.code());
            assertEquals(NumberStatus.AVAILABLE, db.numbers.find(msisdn).orElseThrow().status());
        } finally {
            db.clock.plusMinutes(-(TestDatabase.RESERVATION_MINUTES + 1));
        }
    }

    @Test
    public void releaseGivesTheNumberBackOnlyForTheHoldingOrder() {
        Msisdn msisdn = new Msisdn("13891800050");
        db.numbers.holdForOrder(msisdn, "SN", "alice", "order-50");
        db.numbers.release(msisdn, "another-order");
        assertEquals(NumberStatus.RESERVED, db.numbers.find(msisdn).orElseThrow().status());
        db.numbers.release(msisdn, "order-50");
        PoolNumber released = db.numbers.find(msisdn).orElseThrow();
        assertEquals(NumberStatus.AVAILABLE, released.status());
        assertNull(released.reservedBy());
    }

    @Test
    public void unknownAndForeignNumbersAreRefused() {
        ProblemException unknown = refusal(() -> db.numbers.reserve(new Msisdn("13700000000"), "SN", "alice"));
        assertEquals(404, unknown.status());
        assertEquals("NUMBER_UNKNOWN", unknown.code());
        ProblemException foreign = refusal(() -> db.numbers.reserve(new Msisdn("13935100001"), "SN", "alice"));
        assertEquals(403, foreign.status());
        assertEquals("OTHER_PROVINCE", foreign.code());
    }

    @Test
    public void aSearchOnItsOwnBeginsNoTransactionAndOneInsideATransactionSeesThatTransactionsHold() {
        db.numbers.add(List.of(number("13891801500", "SN"), number("13891801501", "SN"), number("13891801502", "SN")));
        int before = db.jpa.begun.get();
        Page<PoolNumber> all = db.numbers.available("SN", "1389180150", null, 0, 10);
        assertEquals("no transaction for a search on its own", 0, db.jpa.begun.get() - before);
        assertEquals(List.of("13891801500", "13891801501", "13891801502"), msisdns(all));
        assertEquals(3, all.total());
        Page<PoolNumber> second = db.numbers.available("SN", "1389180150", null, 1, 1);
        assertEquals(List.of("13891801501"), msisdns(second));
        assertEquals("a full page counts the rest", 3, second.total());

        List<String> inside = Tx.call(db.jpa, em -> {
            db.numbers.reserve(new Msisdn("13891801500"), "SN", "alice");
            return msisdns(db.numbers.available("SN", "1389180150", null, 0, 10));
        });
        assertEquals("the transaction's own hold is not offered", List.of("13891801501", "13891801502"), inside);
        assertEquals(List.of("13891801501", "13891801502"), msisdns(db.numbers.available("SN", "1389180150", null, 0,
                10)));
    }

    private static List<String> msisdns(Page<PoolNumber> page) {
        return page.items().stream().map(PoolNumber::msisdn).toList();
    }

    @Test
    public void patternStarMatchesAnyDigitsAndPrefixIsStartsWith() {
        Page<PoolNumber> page = db.numbers.available("SN", "138918001", "*8", 0, 500);
        assertFalse(page.items().isEmpty());
        assertTrue(page.items().stream().allMatch(n -> n.msisdn().startsWith("138918001") && n.msisdn().endsWith("8")));
        assertEquals(page.items().size(), page.total());

        Page<PoolNumber> firstOnly = db.numbers.available("SN", null, "*88", 0, 1);
        assertEquals(1, firstOnly.items().size());
        assertTrue(firstOnly.total() >= 1);
        assertTrue(firstOnly.items().get(0).msisdn().endsWith("88"));
        assertEquals(5000, firstOnly.items().get(0).prestoreFen());
        Page<PoolNumber> exact = db.numbers.available("SN", null, "13891800199", 0, 10);
        assertEquals(List.of("13891800199"), exact.items().stream().map(PoolNumber::msisdn).toList());
        assertEquals(0, db.numbers.available("SX", "138", null, 0, 10).total());
        assertEquals("PATTERN_INVALID", refusal(() -> db.numbers.available("SN", null, "1%", 0, 10)).code());
    }

    @Test
    public void addingTwentyThousandNumbersLoadsThemAllAndLeavesExistingOnesAlone() {
        List<PoolNumber> segment = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            segment.add(number("139352" + String.format("%05d", i), "SX"));
        }
        long before = db.numbers.count("SX");
        assertEquals(20_000, db.numbers.add(segment));
        assertEquals(before + 20_000, db.numbers.count("SX"));

        Msisdn taken = new Msisdn("13935200007");
        db.numbers.reserve(taken, "SX", "alice");
        assertEquals(0, db.numbers.add(segment.subList(0, 10)));
        assertEquals(NumberStatus.RESERVED, db.numbers.find(taken).orElseThrow().status());
    }

    private static List<String> availableNumbers(String prefix) {
        return db.numbers.available("SN", prefix, null, 0, 500).items().stream().map(PoolNumber::msisdn)
                .collect(Collectors.toList());
    }

    @Test
    public void aQuarantinedNumberIsNotOfferedUntilItsTimeThenIsAvailableAgain_rule3() {
        Msisdn msisdn = new Msisdn("13891800040");
        db.numbers.quarantine(msisdn, "SN", db.clock.now().plusDays(90), "order-cancel");
        assertEquals(NumberStatus.QUARANTINED, db.numbers.find(msisdn).orElseThrow().status());
        assertEquals("NUMBER_QUARANTINED", refusal(() -> db.numbers.reserve(msisdn, "SN", "alice")).code());
        assertFalse(db.numbers.available("SN", "1389180004", null, 0, 50).items().stream()
                .anyMatch(n -> n.msisdn().equals(msisdn.value())));
        db.clock.plusDays(91);
        try {
            assertEquals(NumberStatus.AVAILABLE, db.numbers.find(msisdn).orElseThrow().status());
            assertTrue(db.numbers.available("SN", "1389180004", null, 0, 50).items().stream()
                    .anyMatch(n -> n.msisdn().equals(msisdn.value())));
            assertEquals("alice", db.numbers.reserve(msisdn, "SN", "alice").reservedBy());
        } finally {
            db.clock.plusDays(-91);
        }
    }

    @Test
    public void aNumberThePoolNeverKnewCanStillBeQuarantined() {
        Msisdn msisdn = new Msisdn("13891809999");
        db.numbers.quarantine(msisdn, "SN", db.clock.now().plusDays(90), "order-cancel");
        assertEquals("NUMBER_QUARANTINED", refusal(() -> db.numbers.reserve(msisdn, "SN", "alice")).code());
    }

    /** A prefix is searched as a range of the key: exactly the numbers that begin with it, at its edges too. */
    @Test
    public void aPrefixFindsExactlyTheNumbersBeginningWithIt() {
        List<String> edges = List.of("13989999999", "13990000000", "13990999999", "13991000000", "13999999999");
        db.numbers.add(edges.stream().map(m -> number(m, "ZJ")).toList());
        java.util.function.Function<String, List<String>> search = prefix -> {
            Page<PoolNumber> page = db.numbers.available("ZJ", prefix, null, 0, 100);
            List<String> found = page.items().stream().map(PoolNumber::msisdn).toList();
            assertEquals("the count agrees with the page", found.size(), page.total());
            return found;
        };
        assertEquals(edges, search.apply("139"));
        assertEquals(edges.subList(1, 5), search.apply("1399"));
        assertEquals(edges.subList(1, 3), search.apply("13990"));
        assertEquals(List.of("13989999999"), search.apply("1398"));
        assertEquals(List.of("13999999999"), search.apply("13999999999"));
        assertEquals(List.of("13999999999"), search.apply("13999"));
        assertEquals(List.of(), search.apply("9"));
        assertEquals(List.of(), search.apply("13992"));
        assertEquals("no prefix: all of them", edges, search.apply(null));
        assertEquals("1389181", JpaNumberPool.afterPrefix("13891809"));
        assertEquals("13891801", JpaNumberPool.afterPrefix("13891800"));
        assertNull(JpaNumberPool.afterPrefix("999"));
    }

    /**
     * GET /numbers counts the free numbers of its prefix on every call (X-Total-Count): on Derby that count reads the
     * search index (V21) alone, never the province's rows one by one (about ten times the time for a pool of 20,000).
     */
    @Test
    public void theSearchCountReadsTheSearchIndexAloneNotTheRows() throws Exception {
        Assume.assumeFalse("Derby's plan", TestDatabase.postgres());
        List<PoolNumber> block = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            block.add(number("137291" + String.format("%05d", i), "GD"));
        }
        db.numbers.add(block);
        assertEquals(1_000, db.numbers.available("GD", "13729101", null, 0, 1).total());
        // the count of JpaNumberPool.available as Hibernate writes it
        String count = "select count(n.msisdn) from pool_numbers n where n.province=? and (n.status=? or (n.status=?"
                + " or n.status=?) and n.expires_at<?) and n.msisdn>=? and n.msisdn<?";
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
            try (PreparedStatement q = c.prepareStatement(count)) {
                q.setString(1, "GD");
                q.setString(2, NumberStatus.AVAILABLE.name());
                q.setString(3, NumberStatus.RESERVED.name());
                q.setString(4, NumberStatus.QUARANTINED.name());
                q.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
                q.setString(6, "13729101");
                q.setString(7, "13729102");
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1_000, rs.getLong(1));
                }
            }
            String plan;
            try (ResultSet rs = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
                assertTrue(rs.next());
                plan = rs.getString(1);
            }
            assertTrue(plan, plan.contains("using index IX_POOL_NUMBERS_SEARCH"));
            assertFalse("no row read for its status or expiry: " + plan, plan.contains("Index Row to Base Row"));
            assertTrue("only the prefix's entries are read: " + plan, plan.contains("Number of rows visited=1000")
                    || plan.contains("Number of rows visited=1001"));
        }
    }

    @Test
    public void theTotalIsTheSameOnEveryPageAndPastTheEnd() {
        List<PoolNumber> block = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            block.add(number("1366200000" + i, "HE"));
        }
        db.numbers.add(block);
        for (int offset : List.of(0, 3, 6, 7, 20)) {
            Page<PoolNumber> page = db.numbers.available("HE", "136620", null, offset, 3);
            assertEquals("total at offset " + offset, 7, page.total());
            assertEquals("items at offset " + offset, Math.max(0, Math.min(3, 7 - offset)), page.items().size());
        }
        assertEquals(7, db.numbers.available("HE", null, null, 0, 50).total());
        assertEquals(List.of("13662000003"), db.numbers.available("HE", null, "*3", 0, 50).items().stream()
                .map(PoolNumber::msisdn).toList());
        assertEquals(1, db.numbers.available("HE", null, "*3", 0, 50).total());
    }
}
