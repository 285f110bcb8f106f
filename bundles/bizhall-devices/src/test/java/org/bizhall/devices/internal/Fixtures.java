package org.bizhall.devices.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.DeviceTestResult;
import org.bizhall.api.device.ReceiptPrinter;
import org.bizhall.api.service.Receipt;
import org.bizhall.platform.store.PrintJob;
import org.bizhall.platform.store.PrintOutcome;
import org.bizhall.platform.store.PrintQueue;
import org.osgi.framework.Constants;

/** Drivers and configurations as the framework would hand them to the registry. */
final class Fixtures {
    private static final AtomicLong SERVICE_IDS = new AtomicLong(100);

    private Fixtures() {
    }

    static Map<String, Object> serviceProperties(String driverId, int ranking) {
        Map<String, Object> p = new HashMap<>();
        p.put(DeviceDriver.DRIVER_PROPERTY, driverId);
        p.put(Constants.SERVICE_ID, SERVICE_IDS.incrementAndGet());
        p.put(Constants.SERVICE_RANKING, ranking);
        return p;
    }

    static ConfiguredDevice device(String name, String hall, DeviceKind kind, String driver) {
        Map<String, Object> p = new HashMap<>();
        p.put("service.pid", "org.bizhall.device~" + name);
        p.put("hall", hall);
        p.put("kind", kind.name());
        p.put("driver", driver);
        return new ConfiguredDevice(p);
    }

    static Receipt receipt(String hall, int seq) {
        return new Receipt(hall + "-20261122-" + String.format("%06d", seq), hall, "op-sn", "order-" + seq,
                "13891800088", "CASH", List.of(), 2000, 2000, 0, OffsetDateTime.now(), LocalDate.now(), 0, false);
    }

    /** A printer whose paper the test can inspect and whose failures it can switch on and off. */
    static class Printer implements ReceiptPrinter {
        final String id;
        final List<String> printed = new ArrayList<>();
        /** Receipts the printer refuses once each, with a failure that is not a DeviceException (a driver bug). */
        final Set<String> jamOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile boolean failing;
        /** Runs after each receipt this printer printed (a device change between two receipts). */
        volatile Runnable afterPrint = () -> { };

        Printer(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public DeviceKind kind() {
            return DeviceKind.RECEIPT_PRINTER;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of();
        }

        @Override
        public DeviceStatus status(DeviceConfig device) {
            return failing ? DeviceStatus.OFFLINE : DeviceStatus.ONLINE;
        }

        @Override
        public DeviceTestResult test(DeviceConfig device) {
            if (failing) {
                throw new IllegalStateException("jammed");
            }
            return DeviceTestResult.online("test page printed");
        }

        @Override
        public void print(DeviceConfig device, Receipt receipt, boolean reprint) {
            if (failing) {
                throw new DeviceException(DeviceStatus.OFFLINE, "no answer from " + device.address());
            }
            if (jamOnce.remove(receipt.number())) {
                throw new IllegalStateException("paper jam");
            }
            printed.add(receipt.number() + (reprint ? " 重打" : ""));
            afterPrint.run();
        }
    }

    /**
     * The print queue as the store keeps it, in memory: jobs survive any number of {@link ReceiptPrinting} instances
     * (a node restart), a claim blocks other claimants until released or completed (leases never expire here), and
     * only a hall's oldest waiting job can be claimed.
     */
    static class MemoryPrintQueue implements PrintQueue {
        private static final class Job {
            final PrintJob job;
            String state = "WAITING";
            String claimedBy;
            int failed;

            Job(PrintJob job) {
                this.job = job;
            }
        }

        private final Map<Long, Job> jobs = new LinkedHashMap<>();
        private long nextId = 1;

        /** What the receipt store does in the receipt's transaction. */
        synchronized void enqueue(Receipt receipt) {
            long id = nextId++;
            jobs.put(id, new Job(new PrintJob(id, receipt, Instant.now(), 0)));
        }

        synchronized String state(String receiptNumber) {
            return jobs.values().stream().filter(j -> j.job.receipt().number().equals(receiptNumber))
                    .map(j -> j.state).findFirst().orElse(null);
        }

        @Override
        public synchronized List<String> hallsWaiting() {
            return jobs.values().stream().filter(j -> j.state.equals("WAITING")).map(j -> j.job.receipt().hall())
                    .distinct().toList();
        }

        @Override
        public synchronized int waiting(String hall) {
            return (int) jobs.values().stream().filter(j -> j.state.equals("WAITING") && j.job.receipt().hall().equals(hall))
                    .count();
        }

        /** How many claims were asked for, found or not. */
        int claims;

        @Override
        public synchronized Optional<PrintJob> claimNext(String hall, String claimant, Duration lease) {
            claims++;
            Optional<Job> head = jobs.values().stream()
                    .filter(j -> j.state.equals("WAITING") && j.job.receipt().hall().equals(hall)).findFirst();
            if (head.isEmpty() || (head.get().claimedBy != null && !head.get().claimedBy.equals(claimant))) {
                return Optional.empty();
            }
            Job j = head.get();
            j.claimedBy = claimant;
            return Optional.of(new PrintJob(j.job.id(), j.job.receipt(), j.job.queuedAt(), j.failed));
        }

        @Override
        public synchronized boolean complete(long job, String claimant, PrintOutcome outcome, String device) {
            Job j = jobs.get(job);
            if (j == null || !j.state.equals("WAITING") || !claimant.equals(j.claimedBy)) {
                return false;
            }
            j.state = outcome.name();
            return true;
        }

        /** Set: the store fails to complete a job together with the next claim (the database went away meanwhile). */
        volatile boolean handoverFails;

        @Override
        public Handover completeAndClaimNext(long job, String claimant, PrintOutcome outcome, String device,
                String hall, Duration lease) {
            if (handoverFails) {
                throw new IllegalStateException("the handover's transaction rolled back");
            }
            return PrintQueue.super.completeAndClaimNext(job, claimant, outcome, device, hall, lease);
        }

        /** Whether anyone holds the claim of {@code receiptNumber}'s job. */
        synchronized boolean claimed(String receiptNumber) {
            return jobs.values().stream().anyMatch(j -> j.job.receipt().number().equals(receiptNumber)
                    && j.claimedBy != null);
        }

        @Override
        public synchronized void release(long job, String claimant) {
            Job j = jobs.get(job);
            if (j != null && j.state.equals("WAITING") && claimant.equals(j.claimedBy)) {
                j.claimedBy = null;
                j.failed++;
            }
        }

        @Override
        public synchronized int closeWaiting(String hall, String claimant, PrintOutcome outcome, Instant queuedBefore) {
            int closed = 0;
            for (Job j : jobs.values()) {
                if (j.state.equals("WAITING") && j.job.receipt().hall().equals(hall)
                        && j.job.queuedAt().isBefore(queuedBefore)
                        && (j.claimedBy == null || j.claimedBy.equals(claimant))) {
                    j.state = outcome.name();
                    closed++;
                }
            }
            return closed;
        }

        /** Jobs here keep no end time: every ended job counts as ended before {@code doneBefore}. */
        @Override
        public synchronized int purgeDone(Instant doneBefore) {
            int before = jobs.size();
            jobs.values().removeIf(j -> !j.state.equals("WAITING"));
            return before - jobs.size();
        }
    }
}
