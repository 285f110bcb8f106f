package org.bizhall.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a bounded number of tasks on a small fixed pool of threads and records how long each named operation took.
 * Thread {@code t} always gets index {@code t}, so per-thread state (a connection, a number range) needs no locking.
 * A phase gives up early when failures pile up, so a broken server cannot keep the bench busy.
 */
final class Load {
    /** One task: the {@code index}-th of the phase, run by thread {@code thread}. */
    interface Task {
        void run(int thread, int index, Latencies latencies) throws Exception;
    }

    /** What a phase did: how many tasks succeeded, how long the whole phase took, and the first failures. */
    record Phase(String name, int tasks, int succeeded, long wallNanos, Latencies latencies, List<String> failures,
            boolean abandoned) {
        double perSecond() {
            return wallNanos == 0 ? 0 : succeeded / (wallNanos / 1e9);
        }

        int failed() {
            return tasks - succeeded;
        }
    }

    private Load() {
    }

    static Phase run(String name, int tasks, int threads, Task task) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean abandon = new AtomicBoolean();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int maxFailures = Math.max(10, tasks / 10);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-" + name);
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < tasks && !abandon.get(); i = next.getAndIncrement()) {
                    try {
                        task.run(thread, i, latencies);
                        ok.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        abandon.set(true);
                    } catch (Exception | AssertionError e) {
                        if (failures.size() < 5) {
                            failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                        if (failed.incrementAndGet() >= maxFailures) {
                            abandon.set(true);
                        }
                    }
                }
                return null;
            }));
        }
        awaitAll(workers, failures);
        long wall = System.nanoTime() - start;
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        return new Phase(name, tasks, ok.get(), wall, latencies, List.copyOf(failures), abandon.get());
    }

    /**
     * Several phases of one kind as one: their tasks, successes and latencies together, their wall times added (the
     * time between them, when the other side of a comparison ran, left out), the first failures of each.
     */
    static Phase pooled(String name, List<Phase> phases) {
        Latencies latencies = new Latencies();
        List<String> failures = new ArrayList<>();
        int tasks = 0;
        int succeeded = 0;
        long wall = 0;
        boolean abandoned = false;
        for (Phase p : phases) {
            tasks += p.tasks();
            succeeded += p.succeeded();
            wall += p.wallNanos();
            abandoned |= p.abandoned();
            failures.addAll(p.failures());
            latencies.addAll(p.latencies());
        }
        return new Phase(name, tasks, succeeded, wall, latencies, List.copyOf(failures), abandoned);
    }

    /** Latencies per named operation, in nanoseconds; safe for concurrent recording. */
    static final class Latencies {
        private final Map<String, List<Long>> byOperation = new ConcurrentHashMap<>();
        private final List<String> order = Collections.synchronizedList(new ArrayList<>());

        void record(String operation, long nanos) {
            byOperation.computeIfAbsent(operation, k -> {
                order.add(k);
                return Collections.synchronizedList(new ArrayList<>());
            }).add(nanos);
        }

        /** Records every latency of {@code other} here as well. */
        void addAll(Latencies other) {
            List<String> operations;
            synchronized (other.order) {
                operations = List.copyOf(other.order);
            }
            for (String op : operations) {
                List<Long> theirs = other.byOperation.get(op);
                synchronized (theirs) {
                    for (Long nanos : theirs) {
                        record(op, nanos);
                    }
                }
            }
        }

        /** Times {@code call}, recording it under {@code operation} only when it returns normally. */
        <T> T time(String operation, Call<T> call) throws Exception {
            long t0 = System.nanoTime();
            T value = call.call();
            record(operation, System.nanoTime() - t0);
            return value;
        }

        /** The operations in the order they were first seen, each with its summary. */
        Map<String, Summary> summaries() {
            Map<String, Summary> out = new LinkedHashMap<>();
            synchronized (order) {
                for (String op : order) {
                    out.put(op, Summary.of(byOperation.get(op)));
                }
            }
            return out;
        }
    }

    /** Work that returns a value and may throw. */
    interface Call<T> {
        T call() throws Exception;
    }

    /** Count, p50, p99 and max of a set of latencies, in milliseconds (nearest-rank percentiles). */
    record Summary(int count, double p50Ms, double p99Ms, double maxMs, double meanMs) {
        static Summary of(List<Long> nanos) {
            long[] sorted;
            synchronized (nanos) {
                sorted = nanos.stream().mapToLong(Long::longValue).toArray();
            }
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return new Summary(0, 0, 0, 0, 0);
            }
            double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
            return new Summary(sorted.length, rank(sorted, 0.50) / 1e6, rank(sorted, 0.99) / 1e6,
                    sorted[sorted.length - 1] / 1e6, mean);
        }

        private static long rank(long[] sorted, double p) {
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    /** Waits for every worker of a phase; one that died is a failure of the phase, not of the bench. */
    static void awaitAll(List<? extends Future<?>> workers, List<String> failures) throws InterruptedException {
        for (Future<?> w : workers) {
            try {
                w.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add("worker died: " + e.getCause());
            }
        }
    }
}
