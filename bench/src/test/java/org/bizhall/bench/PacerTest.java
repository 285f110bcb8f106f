package org.bizhall.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PacerTest {
    @Test
    public void theIthRequestIsDueAtStartPlusIOverRate() {
        Pacer p = new Pacer(1_000, 100);
        assertEquals(1_000, p.dueNanos(0));
        assertEquals(1_000 + 10_000_000, p.dueNanos(1));
        assertEquals(1_000 + 1_000_000_000, p.dueNanos(100));
    }

    @Test
    public void aRateThatDoesNotDivideASecondDoesNotDrift() {
        Pacer p = new Pacer(0, 3);
        assertEquals(333_333_333, p.dueNanos(1));
        assertEquals(666_666_667, p.dueNanos(2));
        assertEquals("three a second, exactly, after an hour", 3600_000_000_000L, p.dueNanos(3 * 3600));
    }

    @Test
    public void dueByCountsTheRequestsDueUpToAndIncludingNow() {
        Pacer p = new Pacer(500, 100);
        assertEquals(0, p.dueBy(499));
        assertEquals(1, p.dueBy(500));
        assertEquals(1, p.dueBy(500 + 9_999_999));
        assertEquals(2, p.dueBy(500 + 10_000_000));
        assertEquals(101, p.dueBy(500 + 1_000_000_000));
        Pacer odd = new Pacer(0, 3);
        for (long i = 0; i < 50; i++) {
            assertEquals(i + 1, odd.dueBy(odd.dueNanos(i)));
            assertEquals(i, odd.dueBy(odd.dueNanos(i) - 1));
        }
    }

    @Test
    public void openLoop_aLateSenderDoesNotMoveTheSchedule() throws InterruptedException {
        long start = System.nanoTime();
        Pacer p = new Pacer(start, 1000);
        Thread.sleep(30); // a sender held up: 30 requests are overdue
        long before = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            p.awaitDue(i); // overdue ones return at once, no waiting to catch up
        }
        assertTrue("overdue requests go out at once", System.nanoTime() - before < 20_000_000);
        assertEquals("the next is still due at start + i/rate", start + 40_000_000, p.dueNanos(40));
        p.awaitDue(40);
        assertTrue(System.nanoTime() >= p.dueNanos(40));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aRateMustBePositive() {
        new Pacer(0, 0);
    }
}
