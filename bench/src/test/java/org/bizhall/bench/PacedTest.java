package org.bizhall.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.Test;

/** {@link HallsPhase#paced}: the open loop both paced phases (HTTP and its JDBC reference) run on. */
public class PacedTest {
    @Test
    public void everyPaymentRunsOnceOnItsClientThreadAtTheRateWithItsStartLagAndTheClientsCpu() throws Exception {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        Set<Integer> clients = ConcurrentHashMap.newKeySet();
        java.time.Instant before = java.time.Instant.now();
        HallsPhase.Paced p = HallsPhase.paced(40, 200, (client, i, latencies) -> {
            assertTrue(seen.add(i));
            clients.add(client);
            latencies.time("payment", () -> {
                Thread.sleep(20); // slower than the period (5 ms): open loop, others start meanwhile
                return null;
            });
        });
        assertEquals(40, p.offered());
        assertEquals(40, p.paid());
        assertEquals(40, seen.size());
        assertTrue("several client threads carried them: " + clients, clients.size() > 1
                && clients.stream().allMatch(c -> c >= 0 && c < HallsPhase.PACED_CLIENTS));
        assertFalse(p.overloaded());
        assertEquals(40, p.latencies().summaries().get(HallsPhase.START_LAG).count());
        assertEquals(40, p.latencies().summaries().get("payment").count());
        assertTrue("40 at 200/s take about 0.2 s, not 40 × 20 ms: " + p.wallNanos(), p.wallNanos() < 700_000_000L
                && p.wallNanos() >= 195_000_000L);
        assertTrue(p.clientCpuNanos() >= 0);
        assertTrue(p.clientCpuMsPerPayment() >= 0);
        // the wall clock of the first due payment, to find the phase in the server's logs
        assertTrue(p.began() + " after " + before, !p.began().isBefore(before.plusMillis(100)));
        assertTrue(p.began() + " before the first was sent", p.slowest().stream().allMatch(s -> !s.sent().isBefore(
                p.began().minusMillis(5))));
    }

    @Test
    public void aFailedPaymentIsCountedNotPaid() throws Exception {
        HallsPhase.Paced p = HallsPhase.paced(10, 1000, (client, i, latencies) -> {
            if (i == 3) {
                throw new IllegalStateException("refused");
            }
        });
        assertEquals(9, p.paid());
        assertEquals(1, p.failures().size());
        assertTrue(p.failures().get(0).contains("refused"));
    }

    /**
     * Each client thread opens its connections before the clock starts (a counter is connected before its day), once
     * per thread: the threads that pay are those that set up. Opened on first use, they fell in the pace's first second.
     */
    @Test
    public void eachClientThreadSetsUpOnceBeforeTheFirstPayment() throws Exception {
        Set<Thread> setUp = ConcurrentHashMap.newKeySet();
        Set<Thread> paidOn = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger setUpWhenFirstPaid = new java.util.concurrent.atomic.AtomicInteger(-1);
        HallsPhase.Paced p = HallsPhase.paced(200, 2000, () -> {
            assertTrue("one setup per thread", setUp.add(Thread.currentThread()));
        }, (client, i, latencies) -> {
            setUpWhenFirstPaid.compareAndSet(-1, setUp.size());
            paidOn.add(Thread.currentThread());
        });
        assertEquals(200, p.paid());
        assertEquals("one setup on each client thread", HallsPhase.PACED_CLIENTS, setUp.size());
        assertEquals("every client set up before the first payment", HallsPhase.PACED_CLIENTS, setUpWhenFirstPaid.get());
        assertTrue("paid only on threads that set up", setUp.containsAll(paidOn));
    }
}
