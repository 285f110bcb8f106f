package org.bizhall.devices.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.service.Receipt;
import org.junit.Test;

/**
 * Rule "a printer that fails or is offline never fails or loses the payment": receipts go to the hall's printer from a
 * durable queue; a printer that fails, is missing or a node that restarts delays the paper and loses nothing.
 */
public class ReceiptPrintingTest {
    private static final ReceiptPrinting.Settings NEVER_CLOSE =
            new ReceiptPrinting.Settings(Duration.ofMinutes(2), Duration.ofDays(1));
    private final DeviceRegistryImpl registry = new DeviceRegistryImpl();
    private final Fixtures.MemoryPrintQueue queue = new Fixtures.MemoryPrintQueue();
    private ReceiptPrinting printing = start(NEVER_CLOSE);
    private final Fixtures.Printer printer = new Fixtures.Printer("escpos");

    private ReceiptPrinting start(ReceiptPrinting.Settings settings) {
        return new ReceiptPrinting(registry, queue, (ScheduledExecutorService) null, settings, Clock.systemUTC());
    }

    private void printerConfigured() {
        registry.addDevice(Fixtures.device("p1", "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos"));
    }

    /** A payment commits: its receipt's job is stored with it, then the listeners hear of the receipt. */
    private Receipt pay(String hall, int seq) {
        Receipt receipt = Fixtures.receipt(hall, seq);
        queue.enqueue(receipt);
        printing.receiptIssued(receipt);
        return receipt;
    }

    private static String number(int seq) {
        return "SN-XA-001-20261122-" + String.format("%06d", seq);
    }

    @Test
    public void aPrinterUninstalledBetweenTwoReceiptsLeavesTheNextOneWaitingUnclaimed_printerNeverLosesAPayment() {
        printerConfigured();
        Map<String, Object> driver = Fixtures.serviceProperties("escpos", 0);
        registry.addDriver(printer, driver);
        queue.enqueue(Fixtures.receipt("SN-XA-001", 1));
        queue.enqueue(Fixtures.receipt("SN-XA-001", 2));
        printer.afterPrint = () -> registry.removeDriver(printer, driver);
        printing.pass("SN-XA-001");
        assertEquals(List.of(number(1)), printer.printed);
        assertEquals("PRINTED", queue.state(number(1)));
        assertEquals("WAITING", queue.state(number(2)));
        assertFalse("claimed with the first one's completion, then given back", queue.claimed(number(2)));

        printer.afterPrint = () -> { };
        registry.addDriver(printer, driver);
        printing.retryAll();
        assertEquals(List.of(number(1), number(2)), printer.printed);
    }

    @Test
    public void aPrintedReceiptIsCompletedEvenWhenTheNextClaimFailsWithIt_printerNeverLosesAPayment() {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        queue.handoverFails = true;
        queue.enqueue(Fixtures.receipt("SN-XA-001", 1));
        queue.enqueue(Fixtures.receipt("SN-XA-001", 2));
        printing.pass("SN-XA-001");
        assertEquals(List.of(number(1)), printer.printed);
        assertEquals("completed on its own: the next pass must not print it again", "PRINTED",
                queue.state(number(1)));

        queue.handoverFails = false;
        printing.retryAll();
        assertEquals(List.of(number(1), number(2)), printer.printed);
        assertEquals("PRINTED", queue.state(number(2)));
    }

    @Test
    public void aReceiptGoesToItsHallsPrinter_hallDevicesPrinter() {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        pay("SN-XA-001", 1);
        assertEquals(List.of(number(1)), printer.printed);
        assertEquals("PRINTED", queue.state(number(1)));
    }

    @Test
    public void aReprintIsPrintedMarkedAsOne_hallDevicesPrinter() {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        Receipt r = Fixtures.receipt("SN-XA-001", 1);
        Receipt reprint = new Receipt(r.number(), r.hall(), r.operator(), r.orderId(), r.msisdn(), r.method(),
                r.lines(), r.totalFen(), r.tenderedFen(), r.changeFen(), r.issuedAt(), r.businessDate(), 1, true);
        queue.enqueue(reprint);
        printing.receiptIssued(reprint);
        assertEquals(List.of(number(1) + " 重打"), printer.printed);
    }

    @Test
    public void aFailingPrinterKeepsReceiptsWaitingAndPrintsThemInOrderWhenItReturns_printerNeverLosesAPayment() {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        printer.failing = true;
        pay("SN-XA-001", 1);
        pay("SN-XA-001", 2);
        assertTrue(printer.printed.isEmpty());
        assertEquals(2, printing.waiting("SN-XA-001"));
        printer.failing = false;
        printing.retryAll();
        assertEquals(List.of(number(1), number(2)), printer.printed);
        assertEquals(0, printing.waiting("SN-XA-001"));
    }

    @Test
    public void aPrinterRefusingOneReceiptStopsItsHallThereAndKeepsTheOrder_printerNeverLosesAPayment() {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        printer.jamOnce.add(number(2));
        for (int seq = 1; seq <= 3; seq++) {
            queue.enqueue(Fixtures.receipt("SN-XA-001", seq));
        }
        printing.retryAll();
        assertEquals("nothing after the refused receipt is printed before it", List.of(number(1)), printer.printed);
        assertEquals(2, printing.waiting("SN-XA-001"));
        printing.retryAll();
        assertEquals(List.of(number(1), number(2), number(3)), printer.printed);
    }

    @Test
    public void receiptsWaitingWhenANodeStopsArePrintedByTheNextStart_printerNeverLosesAPayment() {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        printer.failing = true;
        pay("SN-XA-001", 1);
        pay("SN-XA-001", 2);
        printing.deactivate();

        printer.failing = false;
        // the store outlives the node: a new instance over it prints what was left at its first pass
        printing = start(NEVER_CLOSE);
        printing.retryAll();
        assertEquals(List.of(number(1), number(2)), printer.printed);
        assertEquals(0, printing.waiting("SN-XA-001"));
    }

    @Test
    public void receiptsWaitForAPrinterWhoseDriverIsNotInstalledYet_printerNeverLosesAPayment() {
        printerConfigured();
        pay("SN-XA-001", 1);
        assertEquals(1, printing.waiting("SN-XA-001"));
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        printing.retryAll();
        assertEquals(List.of(number(1)), printer.printed);
    }

    @Test
    public void receiptsWaitWhileDeviceConfigurationsAreStillArrivingAfterAStart_printerNeverLosesAPayment() {
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        pay("SN-XA-001", 1);
        printing.retryAll();
        assertEquals("not closed as printerless within the grace", 1, printing.waiting("SN-XA-001"));
        printerConfigured();
        printing.retryAll();
        assertEquals(List.of(number(1)), printer.printed);
    }

    @Test
    public void aHallWithoutAPrinterHasItsJobsClosed_hallWithoutDeviceFallsBackToManual() {
        printing = start(new ReceiptPrinting.Settings(Duration.ofMinutes(2), Duration.ZERO));
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        Receipt r = pay("SN-XA-002", 1);
        printing.retryAll();
        assertEquals(0, printing.waiting("SN-XA-002"));
        assertEquals("NO_PRINTER", queue.state(r.number()));
        assertTrue(printer.printed.isEmpty());
    }

    @Test
    public void aJobAnotherNodeHasClaimedIsNotPrintedHereToo_twoNodesShareADatabase() {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        queue.enqueue(Fixtures.receipt("SN-XA-001", 1));
        queue.claimNext("SN-XA-001", "other-node", Duration.ofMinutes(2)).orElseThrow();
        printing.retryAll();
        assertTrue(printer.printed.isEmpty());
        assertEquals(1, printing.waiting("SN-XA-001"));
    }

    @Test
    public void anotherHallsPrinterNeverPrintsThisHallsReceipt() {
        registry.addDevice(Fixtures.device("p2", "SN-XA-002", DeviceKind.RECEIPT_PRINTER, "escpos"));
        printerConfigured();
        Fixtures.Printer other = new Fixtures.Printer("other");
        registry.addDriver(other, Fixtures.serviceProperties("other", 0));
        pay("SN-XA-001", 1);
        assertTrue(other.printed.isEmpty());
        assertEquals(1, printing.waiting("SN-XA-001"));
    }

    /**
     * Receipts issued while their hall's pass waits for the printing thread join that pass: one pass prints them all
     * and asks the queue once more at its end, where a pass each asked once more after every receipt.
     */
    @Test
    public void receiptsIssuedWhileAPassWaitsJoinIt_hallDevicesPrinter() throws Exception {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
        try {
            printing = new ReceiptPrinting(registry, queue, thread, NEVER_CLOSE, Clock.systemUTC());
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch taken = new CountDownLatch(1);
            thread.execute(() -> {
                taken.countDown();
                try {
                    busy.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(taken.await(10, TimeUnit.SECONDS));
            for (int seq = 1; seq <= 3; seq++) {
                pay("SN-XA-001", seq);
            }
            assertEquals("one pass waits for the three receipts", 1, thread.getQueue().size());
            busy.countDown();
            awaitIdle(thread);
            assertEquals(List.of(number(1), number(2), number(3)), printer.printed);
            assertEquals("three jobs claimed, then one claim that found none", 4, queue.claims);

            pay("SN-XA-001", 4); // after the pass: a pass of its own
            awaitIdle(thread);
            assertEquals(List.of(number(1), number(2), number(3), number(4)), printer.printed);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    public void aStopWhileAReceiptIsPrintingLetsThePassGiveItsClaimBack_printerNeverLosesAPayment() throws Exception {
        printerConfigured();
        CountDownLatch printing = new CountDownLatch(1);
        CountDownLatch offline = new CountDownLatch(1);
        CountDownLatch offlineAnswered = new CountDownLatch(1);
        Fixtures.Printer slow = new Fixtures.Printer("escpos") {
            @Override
            public void print(DeviceConfig device, Receipt receipt, boolean reprint) {
                if (offline.getCount() == 0) {
                    super.print(device, receipt, reprint); // back again
                    return;
                }
                printing.countDown();
                // a socket write to a printer that went away: it does not heed an interrupt, it fails in its time
                boolean interrupted = false;
                while (true) {
                    try {
                        if (offline.await(10, TimeUnit.SECONDS)) {
                            break;
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                offlineAnswered.countDown();
                throw new DeviceException(DeviceStatus.OFFLINE, "no answer from " + device.address());
            }
        };
        registry.addDriver(slow, Fixtures.serviceProperties("escpos", 0));
        // as Derby does, the store fails a statement on an interrupted thread
        Fixtures.MemoryPrintQueue store = new Fixtures.MemoryPrintQueue() {
            @Override
            public synchronized void release(long job, String claimant) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("No current connection.");
                }
                super.release(job, claimant);
            }
        };
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
        ReceiptPrinting stopped = new ReceiptPrinting(registry, store, thread, NEVER_CLOSE, Clock.systemUTC());
        Receipt receipt = Fixtures.receipt("SN-XA-001", 1);
        store.enqueue(receipt);
        stopped.receiptIssued(receipt);
        assertTrue(printing.await(10, TimeUnit.SECONDS));

        Thread stopping = new Thread(stopped::deactivate);
        stopping.start();
        Thread.sleep(200); // the stop is under way while the printer has not answered
        offline.countDown();
        stopping.join(15_000);
        assertTrue(offlineAnswered.await(1, TimeUnit.SECONDS));

        assertFalse("the stopped instance holds no claim", store.claimed(receipt.number()));
        // the bundle started again prints it at once, the printer being back
        ReceiptPrinting restarted = new ReceiptPrinting(registry, store, (ScheduledExecutorService) null, NEVER_CLOSE,
                Clock.systemUTC());
        restarted.pass("SN-XA-001");
        assertEquals(List.of(receipt.number()), slow.printed);
    }

    private static void awaitIdle(ScheduledThreadPoolExecutor thread) throws Exception {
        thread.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }
}
