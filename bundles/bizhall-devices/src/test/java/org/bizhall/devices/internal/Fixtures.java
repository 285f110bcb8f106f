package org.bizhall.devices.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        volatile boolean failing;

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
            printed.add(receipt.number() + (reprint ? " 重打" : ""));
        }
    }
}
