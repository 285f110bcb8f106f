package org.bizhall.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop schedule: the {@code i}-th request is due at {@code start + i / rate}, whatever became of the requests
 * before it. A client that waits for answers before sending more (closed loop) slows down with the server and hides
 * the queueing a real counter's customers would see; here a slow server shows as a growing lag instead.
 */
final class Pacer {
    private final long startNanos;
    private final double periodNanos;

    Pacer(long startNanos, double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        this.startNanos = startNanos;
        this.periodNanos = 1e9 / perSecond;
    }

    /** When the {@code i}-th request (from 0) is due, on the {@link System#nanoTime()} clock. */
    long dueNanos(long i) {
        return startNanos + Math.round(i * periodNanos);
    }

    /** How many requests are due by {@code nowNanos} (those with {@code dueNanos(i) <= nowNanos}). */
    long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long n = (long) ((nowNanos - startNanos) / periodNanos) + 1;
        // rounding in dueNanos may put the boundary one either side of the division
        while (n > 0 && dueNanos(n - 1) > nowNanos) {
            n--;
        }
        while (dueNanos(n) <= nowNanos) {
            n++;
        }
        return n;
    }

    /** Sleeps until the {@code i}-th request is due; returns at once when it already is (no catching up by waiting). */
    void awaitDue(long i) throws InterruptedException {
        long due = dueNanos(i);
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
