package org.bizhall.devices.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.service.Receipt;
import org.junit.Test;

/** Receipts go to the hall's printer; a printer that fails or is missing delays the paper and loses nothing. */
public class ReceiptPrintingTest {
    private final DeviceRegistryImpl registry = new DeviceRegistryImpl();
    private final ReceiptPrinting printing = new ReceiptPrinting(registry, (java.util.concurrent.ScheduledExecutorService) null);
    private final Fixtures.Printer printer = new Fixtures.Printer("escpos");

    private void printerConfigured() {
        registry.addDevice(Fixtures.device("p1", "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos"));
    }

    @Test
    public void aReceiptGoesToItsHallsPrinter_hallDevicesPrinter() {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        printing.receiptIssued(Fixtures.receipt("SN-XA-001", 1));
        assertEquals(List.of("SN-XA-001-20261122-000001"), printer.printed);
    }

    @Test
    public void aReprintIsPrintedMarkedAsOne_hallDevicesPrinter() {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        Receipt r = Fixtures.receipt("SN-XA-001", 1);
        printing.receiptIssued(new Receipt(r.number(), r.hall(), r.operator(), r.orderId(), r.msisdn(), r.method(),
                r.lines(), r.totalFen(), r.tenderedFen(), r.changeFen(), r.issuedAt(), r.businessDate(), 1, true));
        assertEquals(List.of("SN-XA-001-20261122-000001 重打"), printer.printed);
    }

    @Test
    public void aFailingPrinterQueuesReceiptsAndPrintsThemInOrderWhenItReturns_printerNeverLosesAPayment() {
        printerConfigured();
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        printer.failing = true;
        printing.receiptIssued(Fixtures.receipt("SN-XA-001", 1));
        printing.receiptIssued(Fixtures.receipt("SN-XA-001", 2));
        assertTrue(printer.printed.isEmpty());
        assertEquals(2, printing.waiting("SN-XA-001"));
        printer.failing = false;
        printing.retryAll();
        assertEquals(List.of("SN-XA-001-20261122-000001", "SN-XA-001-20261122-000002"), printer.printed);
        assertEquals(0, printing.waiting("SN-XA-001"));
    }

    @Test
    public void receiptsWaitForAPrinterWhoseDriverIsNotInstalledYet_printerNeverLosesAPayment() {
        printerConfigured();
        printing.receiptIssued(Fixtures.receipt("SN-XA-001", 1));
        assertEquals(1, printing.waiting("SN-XA-001"));
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        printing.retryAll();
        assertEquals(List.of("SN-XA-001-20261122-000001"), printer.printed);
    }

    @Test
    public void aHallWithoutAPrinterKeepsNoQueue_hallWithoutDeviceFallsBackToManual() {
        registry.addDriver(printer, Fixtures.serviceProperties("escpos", 0));
        printing.receiptIssued(Fixtures.receipt("SN-XA-002", 1));
        assertEquals(0, printing.waiting("SN-XA-002"));
        assertTrue(printer.printed.isEmpty());
    }

    @Test
    public void anotherHallsPrinterNeverPrintsThisHallsReceipt() {
        registry.addDevice(Fixtures.device("p2", "SN-XA-002", DeviceKind.RECEIPT_PRINTER, "escpos"));
        printerConfigured();
        Fixtures.Printer other = new Fixtures.Printer("other");
        registry.addDriver(other, Fixtures.serviceProperties("other", 0));
        printing.receiptIssued(Fixtures.receipt("SN-XA-001", 1));
        assertTrue(other.printed.isEmpty());
        assertEquals(1, printing.waiting("SN-XA-001"));
    }
}
