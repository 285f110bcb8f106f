package org.bizhall.device.printer.escpos.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;

import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.DeviceTestResult;
import org.bizhall.api.device.ReceiptPrinter;
import org.bizhall.api.service.Receipt;
import org.osgi.service.component.annotations.Component;

/**
 * Network receipt printers speaking ESC/POS on a raw TCP port (9100 style). The device's {@code address} is
 * {@code host[:port]}; settings {@code timeout.ms} (connect and write, default 3000), {@code columns} (32 for 58 mm
 * paper, 48 for 80 mm) and {@code title} (the heading). Every call opens its own connection, so a printer that was
 * switched off and on again needs nothing from this side.
 */
@Component(service = {ReceiptPrinter.class, DeviceDriver.class}, property = EscPosPrinter.DRIVER)
public class EscPosPrinter implements ReceiptPrinter {
    static final String ID = "escpos";
    static final String DRIVER = DeviceDriver.DRIVER_PROPERTY + "=" + ID;
    static final int DEFAULT_PORT = 9100;
    static final String DEFAULT_TITLE = "营业厅收据";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.RECEIPT_PRINTER;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("ESC_POS", "GB18030", "CUT", "REPRINT_MARK");
    }

    @Override
    public DeviceStatus status(DeviceConfig device) {
        try (Socket socket = connect(device)) {
            return DeviceStatus.ONLINE;
        } catch (IOException | IllegalArgumentException e) {
            return DeviceStatus.OFFLINE;
        }
    }

    @Override
    public DeviceTestResult test(DeviceConfig device) {
        try {
            send(device, ReceiptLayout.testPage(device.id(), device.setting("title", DEFAULT_TITLE), columns(device)));
            return DeviceTestResult.online("test page sent to " + device.address());
        } catch (DeviceException e) {
            return new DeviceTestResult(e.status(), e.getMessage());
        }
    }

    @Override
    public void print(DeviceConfig device, Receipt receipt, boolean reprint) {
        send(device, ReceiptLayout.receipt(receipt, reprint, device.setting("title", DEFAULT_TITLE), columns(device)));
    }

    private static int columns(DeviceConfig device) {
        try {
            return Integer.parseInt(device.setting("columns", "32"));
        } catch (NumberFormatException e) {
            return 32;
        }
    }

    private static int timeout(DeviceConfig device) {
        try {
            return Math.max(100, Integer.parseInt(device.setting("timeout.ms", "3000")));
        } catch (NumberFormatException e) {
            return 3000;
        }
    }

    private static void send(DeviceConfig device, byte[] bytes) {
        try (Socket socket = connect(device)) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
        } catch (IllegalArgumentException e) {
            throw new DeviceException(DeviceStatus.ERROR, "the printer address is not host[:port]: " + device.address(), e);
        } catch (IOException e) {
            throw new DeviceException(DeviceStatus.OFFLINE, "printer " + device.address() + " unreachable: " + e.getMessage(), e);
        }
    }

    private static Socket connect(DeviceConfig device) throws IOException {
        InetSocketAddress address = address(device.address());
        Socket socket = new Socket();
        try {
            int timeout = timeout(device);
            socket.connect(address, timeout);
            socket.setSoTimeout(timeout);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static InetSocketAddress address(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("no address");
        }
        String text = address.trim();
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return new InetSocketAddress(text, DEFAULT_PORT);
        }
        int port = Integer.parseInt(text.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        return new InetSocketAddress(text.substring(0, colon), port);
    }
}
