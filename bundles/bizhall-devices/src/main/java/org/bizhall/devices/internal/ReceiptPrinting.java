package org.bizhall.devices.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.ReceiptPrinter;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptListener;
import org.bizhall.platform.store.PrintJob;
import org.bizhall.platform.store.PrintOutcome;
import org.bizhall.platform.store.PrintQueue;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints the jobs of the durable {@link PrintQueue} (one per committed receipt and reprint) on each hall's receipt
 * printer, oldest first: after each receipt notification and every {@code retry.seconds}, the first pass
 * {@code retry.seconds} after activation (once device configurations have arrived), so jobs left waiting by a stop or a
 * crash are printed once the node is back. A printer that is offline, refuses a job (a
 * {@link org.bizhall.api.device.DeviceException} or any other failure of its driver) or has no driver installed stops
 * its hall at that job until a later pass: it delays the paper, never the payment, and loses nothing. Jobs of a hall
 * with no printer configured are closed as {@link PrintOutcome#NO_PRINTER} once they, and this component, are older
 * than {@code noPrinter.closeAfterSeconds} (device configurations arrive asynchronously after a start). Each job is
 * claimed for {@code claim.seconds} before printing, so nodes sharing the database print it once.
 */
@Component(service = {ReceiptListener.class, ReceiptPrinting.class},
        property = {"retry.seconds:Integer=5", "claim.seconds:Integer=120", "noPrinter.closeAfterSeconds:Integer=120"})
public class ReceiptPrinting implements ReceiptListener {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptPrinting.class);

    /** How long a claim lasts and how old a printerless hall's jobs get before they are closed. */
    record Settings(Duration claim, Duration noPrinterGrace) {
    }

    private final DeviceRegistryImpl registry;
    private final PrintQueue queue;
    private final ScheduledExecutorService scheduler;
    private final Settings settings;
    private final Clock time;
    private final Instant started;
    /** This instance's name in claims: a restarted node is another claimant, its predecessor's claims expire. */
    private final String claimant;
    /** Halls whose printer refused their head job on the last try (to log the outage once, not every pass). */
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();
    /**
     * Halls with a pass waiting to run: receipts issued meanwhile join it instead of queueing a pass each. Under load
     * the passes of single receipts each ended with a claim that found nothing, a third of the printing's work.
     */
    private final Set<String> passDue = ConcurrentHashMap.newKeySet();
    /** Set when the component stops: a pass gives its claimed job back instead of printing it. */
    private volatile boolean stopping;

    @Activate
    public ReceiptPrinting(@Reference DeviceRegistryImpl registry, @Reference PrintQueue queue,
            Map<String, Object> properties) {
        this(registry, queue, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bizhall-receipt-printing");
            t.setDaemon(true);
            return t;
        }), new Settings(Duration.ofSeconds(seconds(properties, "claim.seconds", 120)),
                Duration.ofSeconds(seconds(properties, "noPrinter.closeAfterSeconds", 120))), Clock.systemUTC());
        long retry = seconds(properties, "retry.seconds", 5);
        scheduler.scheduleWithFixedDelay(this::retryAll, retry, retry, TimeUnit.SECONDS);
    }

    /** With no scheduler printing happens on the caller's thread and passes only when {@link #retryAll()} is called. */
    ReceiptPrinting(DeviceRegistryImpl registry, PrintQueue queue, ScheduledExecutorService scheduler,
            Settings settings, Clock time) {
        this.registry = registry;
        this.queue = queue;
        this.scheduler = scheduler;
        this.settings = settings;
        this.time = time;
        this.started = time.instant();
        String node = System.getProperty("karaf.name", "node");
        this.claimant = (node.length() > 40 ? node.substring(0, 40) : node) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long seconds(Map<String, Object> properties, String name, long fallback) {
        return properties.get(name) instanceof Number n ? Math.max(1, n.longValue()) : fallback;
    }

    /**
     * Lets a pass under way end at its next step and give its claim back, before the thread is interrupted: an
     * interrupt that meets the store's statement (Derby closes the connection of an interrupted thread) left the job
     * claimed by this stopped instance until the claim expired ({@code claim.seconds}), so the restarted bundle printed
     * it only minutes later.
     */
    @Deactivate
    void deactivate() {
        stopping = true;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                    scheduler.awaitTermination(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void receiptIssued(Receipt receipt) {
        String hall = receipt.hall();
        if (hall != null && passDue.add(hall)) {
            // taken off before the pass claims: a receipt committed after this line has a pass of its own
            run(() -> {
                passDue.remove(hall);
                pass(hall);
            });
        }
    }

    private void run(Runnable work) {
        if (scheduler == null) {
            work.run();
        } else {
            try {
                scheduler.execute(work);
            } catch (RejectedExecutionException stopping) {
                LOG.debug("Receipt printing is stopping");
            }
        }
    }

    /** Tries every hall that has jobs waiting. */
    void retryAll() {
        List<String> halls;
        try {
            halls = queue.hallsWaiting();
        } catch (RuntimeException e) {
            LOG.warn("The print queue cannot be read now ({}); trying again later", e.toString());
            return;
        }
        for (String hall : halls) {
            pass(hall);
        }
    }

    /** Prints the hall's waiting jobs, or closes them when the hall has no printer. Never throws. */
    void pass(String hall) {
        try {
            if (registry.configured(hall, DeviceKind.RECEIPT_PRINTER)) {
                flush(hall);
                return;
            }
            Instant now = time.instant();
            if (!now.isBefore(started.plus(settings.noPrinterGrace()))) {
                int closed = queue.closeWaiting(hall, claimant, PrintOutcome.NO_PRINTER,
                        now.minus(settings.noPrinterGrace()));
                if (closed > 0) {
                    LOG.info("Hall {} has no receipt printer configured: {} print jobs closed", hall, closed);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Printing the receipts of hall {} failed ({}); trying again later", hall, e.toString());
        }
    }

    /**
     * Prints the hall's waiting jobs in order, stopping at the first its printer does not take. A printed job is
     * completed together with the claim of the next one: one transaction a receipt while the queue is long.
     */
    private void flush(String hall) {
        if (printer(hall).isEmpty()) {
            return;
        }
        Optional<PrintJob> next = queue.claimNext(hall, claimant, settings.claim());
        while (next.isPresent()) {
            PrintJob job = next.get();
            Optional<BoundDevice<ReceiptPrinter>> printer = printer(hall);
            if (printer.isEmpty() || stopping || Thread.currentThread().isInterrupted()) {
                // the printer went, or the node stops, while the job was claimed: it waits again (counted as a try)
                queue.release(job.id(), claimant);
                return;
            }
            String device = printer.get().config().id();
            try {
                printer.get().driver().print(printer.get().config(), job.receipt(), job.receipt().reprint());
            } catch (RuntimeException e) {
                queue.release(job.id(), claimant);
                if (refusing.add(hall)) {
                    LOG.warn("Printer {} did not take receipt {} ({}); {} jobs wait, retrying", device,
                            job.receipt().number(), e.getMessage(), queue.waiting(hall));
                } else {
                    LOG.debug("Printer {} still does not take receipt {}: {}", device, job.receipt().number(),
                            e.getMessage());
                }
                return;
            }
            if (refusing.remove(hall)) {
                LOG.info("Printer {} prints again, from receipt {}", device, job.receipt().number());
            }
            PrintQueue.Handover handover;
            try {
                handover = queue.completeAndClaimNext(job.id(), claimant, PrintOutcome.PRINTED, device, hall,
                        settings.claim());
            } catch (RuntimeException e) {
                // the paper is out: its job must not stay claimed by us, or our next pass would print it again
                try {
                    completed(job, queue.complete(job.id(), claimant, PrintOutcome.PRINTED, device));
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
            completed(job, handover.completed());
            next = handover.next();
        }
    }

    private Optional<BoundDevice<ReceiptPrinter>> printer(String hall) {
        return registry.bound(hall, DeviceKind.RECEIPT_PRINTER, ReceiptPrinter.class);
    }

    private static void completed(PrintJob job, boolean completed) {
        if (!completed) {
            LOG.warn("Receipt {} was printed after its claim had expired; another node may print it as well",
                    job.receipt().number());
        }
    }

    /** How many receipts of {@code hall} wait for paper. */
    int waiting(String hall) {
        return queue.waiting(hall);
    }
}
