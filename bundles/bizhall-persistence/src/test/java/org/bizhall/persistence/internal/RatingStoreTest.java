package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.OperatorRating;
import org.bizhall.api.counter.Rating;
import org.bizhall.api.counter.RatingSource;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Rules §1.8: a completed order's satisfaction score, kept once per order and summed per hall, day and operator. */
public class RatingStoreTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-05T10:00:00+08:00");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 5);
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    private static Rating rating(String order, String hall, String operator, int score, RatingSource source,
            LocalDate day) {
        return new Rating(order, hall, "SN", operator, score, source,
                source == RatingSource.PAD ? hall + "-rating-pad" : null, "op-sn", AT, day);
    }

    @Test
    public void aRatingIsStoredAndReadBackAsGiven_rule1_8() {
        Rating stored = db.ratings.insert(rating("r-1", "SN-XA-001", "op-sn", 4, RatingSource.PAD, DAY));
        Rating read = db.ratings.find("r-1").orElseThrow();
        assertEquals(stored, read);
        assertEquals(4, read.score());
        assertEquals(RatingSource.PAD, read.source());
        assertEquals("SN-XA-001-rating-pad", read.device());
        assertEquals(AT, read.at());
        assertEquals(DAY, read.businessDate());
        Rating manual = db.ratings.insert(rating("r-2", "SN-XA-001", "op-sn", 2, RatingSource.MANUAL, DAY));
        assertNull(db.ratings.find(manual.orderId()).orElseThrow().device());
        assertTrue(db.ratings.find("r-none").isEmpty());
    }

    @Test
    public void anOrderIsRatedOnce_rule1_8() {
        db.ratings.insert(rating("r-once", "SN-XA-001", "op-sn", 5, RatingSource.PAD, DAY));
        try {
            db.ratings.insert(rating("r-once", "SN-XA-001", "op-sn", 1, RatingSource.MANUAL, DAY));
            fail("a second rating of the order");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
            assertEquals("RATING_EXISTS", e.code());
        }
        assertEquals(5, db.ratings.find("r-once").orElseThrow().score());
    }

    @Test
    public void twoCountersRatingOneOrderAtOnceStoreOneRating_rule1_8() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Rating>> counters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int score = 1 + i % 5;
            counters.add(() -> db.ratings.insert(rating("r-race", "SN-XA-001", "op-sn", score, RatingSource.MANUAL, DAY)));
        }
        int stored = 0;
        int refused = 0;
        try {
            for (Future<Rating> f : pool.invokeAll(counters)) {
                try {
                    f.get();
                    stored++;
                } catch (ExecutionException e) {
                    assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof ProblemException p
                            && p.code().equals("RATING_EXISTS"));
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, stored);
        assertEquals(7, refused);
    }

    @Test
    public void aHallsDayIsSummedPerOperator() {
        db.ratings.insert(rating("s-1", "SN-XA-002", "op-sn2", 5, RatingSource.PAD, DAY));
        db.ratings.insert(rating("s-2", "SN-XA-002", "op-sn2", 4, RatingSource.MANUAL, DAY));
        db.ratings.insert(rating("s-3", "SN-XA-002", "mgr-sn", 3, RatingSource.PAD, DAY));
        db.ratings.insert(rating("s-4", "SN-XA-002", "op-sn2", 1, RatingSource.PAD, DAY.plusDays(1)));
        db.ratings.insert(rating("s-5", "SX-TY-001", "op-sx", 1, RatingSource.PAD, DAY));
        assertEquals(List.of(new OperatorRating("mgr-sn", 1, 3.0), new OperatorRating("op-sn2", 2, 4.5)),
                db.ratings.byOperator("SN-XA-002", DAY));
        assertEquals(List.of(new OperatorRating("op-sn2", 1, 1.0)), db.ratings.byOperator("SN-XA-002", DAY.plusDays(1)));
        assertTrue(db.ratings.byOperator("SN-XA-002", DAY.minusDays(1)).isEmpty());
    }

    @Test
    public void scoresOutsideOneToFiveAreRefusedByTheStoreAndByTheDatabase() throws Exception {
        try {
            db.ratings.insert(rating("r-bad", "SN-XA-001", "op-sn", 6, RatingSource.MANUAL, DAY));
            fail("score 6");
        } catch (ProblemException e) {
            assertEquals("SCORE_INVALID", e.code());
        }
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO order_ratings (order_id, hall_id, province, operator, score, rating_source,"
                    + " recorded_by, rated_at, business_date) VALUES ('r-sql', 'SN-XA-001', 'SN', 'op-sn', 0, 'MANUAL',"
                    + " 'op-sn', CURRENT_TIMESTAMP, '2026-11-05')");
            fail("the check constraint lets a score of 0 in");
        } catch (SQLException expected) {
            assertTrue(db.ratings.find("r-sql").isEmpty());
        }
    }
}
