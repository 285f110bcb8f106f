package org.bizhall.device.simulators.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.ReceiptPrinter;
import org.bizhall.api.service.Receipt;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A receipt printer that keeps what it printed, per device, instead of paper. */
@Component(service = {ReceiptPrinter.class, DeviceDriver.class}, property = Simulator.DRIVER)
public class SimulatedReceiptPrinter extends Simulator implements ReceiptPrinter {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedReceiptPrinter.class);
    /** The most a device keeps; older printouts are forgotten, as paper leaves a real printer. */
    static final int KEPT = 200;

    /** One printout: the receipt number, its total and whether it was marked a reprint (重打). */
    public record Printout(String number, long totalFen, boolean reprint) {
    }

    private final Map<String, List<Printout>> printed = new ConcurrentHashMap<>();

    public SimulatedReceiptPrinter() {
        super(DeviceKind.RECEIPT_PRINTER, "RECEIPT", "INVOICE", "REPRINT_MARK");
    }

    @Override
    public void print(DeviceConfig device, Receipt receipt, boolean reprint) {
        requireOnline(device);
        List<Printout> paper = printed.computeIfAbsent(device.id(), id -> new CopyOnWriteArrayList<>());
        paper.add(new Printout(receipt.number(), receipt.totalFen(), reprint));
        if (paper.size() > KEPT) {
            paper.remove(0);
        }
        LOG.info("Simulated printer {} printed receipt {}{}", device.id(), receipt.number(), reprint ? " (重打)" : "");
    }

    /** What {@code deviceId} printed, oldest first. */
    public List<Printout> printed(String deviceId) {
        return List.copyOf(printed.getOrDefault(deviceId, List.of()));
    }
}
