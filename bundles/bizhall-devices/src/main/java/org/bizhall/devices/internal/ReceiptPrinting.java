package org.bizhall.devices.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.ReceiptPrinter;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every committed receipt (and reprint) to its hall's receipt printer. Receipts wait in a queue per hall, in
 * the order they were issued, until a printer of the hall is bound and takes them: a printer that is offline, fails or
 * has no driver installed delays the paper, never the payment, and loses nothing while this node runs (the receipt
 * itself is stored and can be reprinted whatever happens here). A hall with no printer configured prints nothing.
 */
@Component(service = {ReceiptListener.class, ReceiptPrinting.class}, property = "retry.seconds:Integer=5")
public class ReceiptPrinting implements ReceiptListener {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptPrinting.class);
    /** Beyond this many waiting receipts a hall's oldest are dropped from the queue (they stay reprintable). */
    static final int MAX_WAITING_PER_HALL = 10_000;

    /** A receipt waiting for paper. */
    record Pending(Receipt receipt, boolean reprint) {
    }

    private final DeviceRegistryImpl registry;
    private final Map<String, Deque<Pending>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    @Activate
    public ReceiptPrinting(@Reference DeviceRegistryImpl registry, Map<String, Object> properties) {
        this(registry, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bizhall-receipt-printing");
            t.setDaemon(true);
            return t;
        }));
        long seconds = properties.get("retry.seconds") instanceof Number n ? Math.max(1, n.longValue()) : 5;
        scheduler.scheduleWithFixedDelay(this::retryAll, seconds, seconds, TimeUnit.SECONDS);
    }

    /** With no scheduler printing happens on the caller's thread and retries only when {@link #retryAll()} is called. */
    ReceiptPrinting(DeviceRegistryImpl registry, ScheduledExecutorService scheduler) {
        this.registry = registry;
        this.scheduler = scheduler;
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        int left = waiting.values().stream().mapToInt(Deque::size).sum();
        if (left > 0) {
            LOG.warn("{} receipts were still waiting for a printer; reprint them from the receipt list", left);
        }
    }

    @Override
    public void receiptIssued(Receipt receipt) {
        if (receipt.hall() == null || !registry.configured(receipt.hall(), DeviceKind.RECEIPT_PRINTER)) {
            return;
        }
        Deque<Pending> queue = waiting.computeIfAbsent(receipt.hall(), h -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addLast(new Pending(receipt, receipt.reprint()));
            if (queue.size() > MAX_WAITING_PER_HALL) {
                Pending dropped = queue.removeFirst();
                LOG.warn("Hall {} has {} receipts waiting for its printer; receipt {} left the queue (reprint it)",
                        receipt.hall(), MAX_WAITING_PER_HALL, dropped.receipt().number());
            }
        }
        run(() -> flush(receipt.hall()));
    }

    private void run(Runnable work) {
        if (scheduler == null) {
            work.run();
        } else {
            try {
                scheduler.execute(work);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                LOG.debug("Receipt printing is stopping");
            }
        }
    }

    /** Tries every hall that has receipts waiting. */
    void retryAll() {
        for (String hall : List.copyOf(waiting.keySet())) {
            flush(hall);
        }
    }

    /** Prints the hall's waiting receipts in order, stopping at the first the printer does not take. */
    void flush(String hall) {
        Deque<Pending> queue = waiting.get(hall);
        if (queue == null) {
            return;
        }
        synchronized (queue) {
            while (!queue.isEmpty()) {
                Optional<BoundDevice<ReceiptPrinter>> printer = registry.bound(hall, DeviceKind.RECEIPT_PRINTER,
                        ReceiptPrinter.class);
                if (printer.isEmpty()) {
                    return;
                }
                Pending next = queue.peekFirst();
                try {
                    printer.get().driver().print(printer.get().config(), next.receipt(), next.reprint());
                    queue.removeFirst();
                } catch (RuntimeException e) {
                    LOG.warn("Printer {} did not take receipt {} ({}); {} waiting, retrying later",
                            printer.get().config().id(), next.receipt().number(), e.getMessage(), queue.size());
                    return;
                }
            }
        }
    }

    /** How many receipts of {@code hall} wait for paper. */
    int waiting(String hall) {
        Deque<Pending> queue = waiting.get(hall);
        if (queue == null) {
            return 0;
        }
        synchronized (queue) {
            return queue.size();
        }
    }
}
