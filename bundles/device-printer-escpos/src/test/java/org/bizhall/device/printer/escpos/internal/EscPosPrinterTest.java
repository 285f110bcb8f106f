package org.bizhall.device.printer.escpos.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptLine;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The ESC/POS driver against a printer stand-in on loopback that decodes what it receives. */
public class EscPosPrinterTest {
    private static final Receipt RECEIPT = new Receipt("SN-XA-001-20261122-000042", "SN-XA-001", "op-sn", "o1",
            "13891800088", "CASH",
            List.of(new ReceiptLine("DEPOSIT", "过户押金", 20_000), new ReceiptLine("RENT", "全球通88元套餐首月", 8_800)),
            28_800, 30_000, 1_200, OffsetDateTime.of(2026, 11, 22, 10, 15, 0, 0, ZoneOffset.ofHours(8)),
            LocalDate.of(2026, 11, 22), 0, false);

    private final EscPosPrinter printer = new EscPosPrinter();
    private EscPosReceiver receiver;

    @Before
    public void start() throws Exception {
        receiver = new EscPosReceiver();
    }

    @After
    public void stop() throws Exception {
        receiver.close();
    }

    private DeviceConfig device(String address) {
        return new DeviceConfig("SN-XA-001-printer", "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos", address,
                Map.of("timeout.ms", "2000"));
    }

    @Test
    public void printsAReceiptWithChineseTextInGb18030AmountsAndNumber_hallDevicesPrinter() throws Exception {
        printer.print(device(receiver.address()), RECEIPT, false);
        EscPosReceiver.Job job = receiver.next();
        String text = job.text();
        assertTrue("reset first", job.initialised());
        assertTrue("cut at the end", job.cut());
        assertTrue(text, text.contains("营业厅收据"));
        int numberAt = job.lines().indexOf(job.lines().stream().filter(l -> l.startsWith("收据号")).findFirst().orElseThrow());
        assertTrue(text, job.lines().get(numberAt).endsWith("SN-XA-001-20261122-000042")
                || job.lines().get(numberAt + 1).endsWith("SN-XA-001-20261122-000042"));
        assertTrue(text, job.lines().stream().anyMatch(l -> l.startsWith("过户押金") && l.endsWith("200.00")));
        assertTrue(text, job.lines().stream().anyMatch(l -> l.startsWith("全球通88元套餐首月") && l.endsWith("88.00")));
        assertTrue(text, job.emphasised().stream().anyMatch(l -> l.startsWith("合计(元)") && l.endsWith("288.00")));
        assertTrue(text, job.lines().stream().anyMatch(l -> l.startsWith("实收(元)") && l.endsWith("300.00")));
        assertTrue(text, job.lines().stream().anyMatch(l -> l.startsWith("找零(元)") && l.endsWith("12.00")));
        assertTrue(text, job.lines().stream().anyMatch(l -> l.startsWith("时间") && l.endsWith("2026-11-22 10:15:00")));
        assertFalse("an original is not marked as a reprint", text.contains("重打"));
    }

    @Test
    public void aReprintSays重打_hallDevicesPrinter() throws Exception {
        Receipt again = new Receipt(RECEIPT.number(), RECEIPT.hall(), RECEIPT.operator(), RECEIPT.orderId(),
                RECEIPT.msisdn(), RECEIPT.method(), RECEIPT.lines(), RECEIPT.totalFen(), RECEIPT.tenderedFen(),
                RECEIPT.changeFen(), RECEIPT.issuedAt(), RECEIPT.businessDate(), 2, true);
        printer.print(device(receiver.address()), again, true);
        String text = receiver.next().text();
        assertTrue(text, text.contains("【重打】"));
        assertTrue(text, text.contains("重打 第2次"));
        assertTrue(text, text.contains("SN-XA-001-20261122-000042"));
    }

    @Test
    public void linesFitThePaperWidthCountingHanziAsTwoCells() throws Exception {
        printer.print(device(receiver.address()), RECEIPT, false);
        for (String line : receiver.next().lines()) {
            assertTrue(line, ReceiptLayout.width(line) <= 32 || line.startsWith("营业厅收据"));
        }
    }

    @Test
    public void aPrinterThatDoesNotAnswerIsOfflineAndTheJobFailsWithADeviceException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        DeviceConfig off = device("127.0.0.1:" + closedPort);
        assertEquals(DeviceStatus.OFFLINE, printer.status(off));
        assertEquals(DeviceStatus.OFFLINE, printer.test(off).status());
        try {
            printer.print(off, RECEIPT, false);
            fail();
        } catch (DeviceException e) {
            assertEquals(DeviceStatus.OFFLINE, e.status());
        }
    }

    @Test
    public void statusAndTestPageOfAReachablePrinter() throws Exception {
        DeviceConfig on = device(receiver.address());
        assertEquals(DeviceStatus.ONLINE, printer.status(on));
        receiver.next(); // the status probe's empty connection
        assertEquals(DeviceStatus.ONLINE, printer.test(on).status());
        String page = receiver.next().text();
        assertTrue(page, page.contains("打印测试") && page.contains("SN-XA-001-printer"));
    }

    @Test
    public void aMalformedAddressIsAnErrorNotAHang() {
        assertEquals(DeviceStatus.ERROR, printer.test(device("printer:notaport")).status());
        assertEquals(DeviceStatus.OFFLINE, printer.status(device(null)));
    }
}
