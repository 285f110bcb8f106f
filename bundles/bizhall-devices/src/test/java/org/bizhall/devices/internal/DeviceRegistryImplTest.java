package org.bizhall.devices.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.device.Device;
import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.ReceiptPrinter;
import org.junit.Test;

/** Rules "Hall devices": each model is a driver that can be installed and removed at runtime; an unbound device says so. */
public class DeviceRegistryImplTest {
    private final DeviceRegistryImpl registry = new DeviceRegistryImpl();

    @Test
    public void configuredDeviceBindsToTheDriverNamedInItsConfiguration_hallDevices() {
        registry.addDevice(Fixtures.device("p1", "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos"));
        Fixtures.Printer escpos = new Fixtures.Printer("escpos");
        registry.addDriver(escpos, Fixtures.serviceProperties("escpos", 0));
        Device device = registry.find("p1").orElseThrow();
        assertTrue(device.bound());
        assertEquals("escpos", device.driver());
        assertEquals(DeviceStatus.ONLINE, device.status());
        assertSame(escpos, registry.bound("SN-XA-001", DeviceKind.RECEIPT_PRINTER, ReceiptPrinter.class)
                .orElseThrow().driver());
    }

    @Test
    public void deviceWithoutItsDriverIsShownUnboundAndOffline_hallDevices() {
        registry.addDevice(Fixtures.device("p1", "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos"));
        Device device = registry.find("p1").orElseThrow();
        assertFalse(device.bound());
        assertEquals(DeviceStatus.OFFLINE, device.status());
        assertEquals("escpos", device.driver());
        assertEquals("no driver escpos for RECEIPT_PRINTER is installed", device.detail());
        assertEquals(DeviceStatus.OFFLINE, registry.test("p1").status());
        assertTrue(registry.bound("SN-XA-001", DeviceKind.RECEIPT_PRINTER, ReceiptPrinter.class).isEmpty());
    }

    @Test
    public void removingTheDriverBundleUnbindsTheDevice_hallDevices() {
        registry.addDevice(Fixtures.device("p1", "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos"));
        Fixtures.Printer escpos = new Fixtures.Printer("escpos");
        Map<String, Object> props = Fixtures.serviceProperties("escpos", 0);
        registry.addDriver(escpos, props);
        registry.removeDriver(escpos, props);
        assertFalse(registry.find("p1").orElseThrow().bound());
    }

    @Test
    public void replacingADriverByAnotherWithTheSameIdNeverLeavesTheDeviceUnbound_hallDevices() {
        registry.addDevice(Fixtures.device("p1", "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos"));
        Fixtures.Printer v1 = new Fixtures.Printer("escpos");
        Map<String, Object> p1 = Fixtures.serviceProperties("escpos", 0);
        registry.addDriver(v1, p1);
        Fixtures.Printer v2 = new Fixtures.Printer("escpos");
        registry.addDriver(v2, Fixtures.serviceProperties("escpos", 10));
        assertSame("the higher ranked one serves", v2,
                registry.bound("SN-XA-001", DeviceKind.RECEIPT_PRINTER, ReceiptPrinter.class).orElseThrow().driver());
        registry.removeDriver(v1, p1);
        assertTrue(registry.find("p1").orElseThrow().bound());
    }

    @Test
    public void aDriverOfAnotherKindDoesNotBind_hallDevices() {
        registry.addDevice(Fixtures.device("r1", "SN-XA-001", DeviceKind.ID_CARD_READER, "escpos"));
        registry.addDriver(new Fixtures.Printer("escpos"), Fixtures.serviceProperties("escpos", 0));
        assertFalse(registry.find("r1").orElseThrow().bound());
    }

    @Test
    public void aFailingDriverMakesItsDeviceErrorNotTheList_hallDevices() {
        registry.addDevice(Fixtures.device("p1", "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos"));
        Fixtures.Printer escpos = new Fixtures.Printer("escpos") {
            @Override
            public DeviceStatus status(org.bizhall.api.device.DeviceConfig device) {
                throw new IllegalStateException("driver bug");
            }
        };
        registry.addDriver(escpos, Fixtures.serviceProperties("escpos", 0));
        assertEquals(DeviceStatus.ERROR, registry.devices(null).get(0).status());
        escpos.failing = true;
        assertEquals(DeviceStatus.ERROR, registry.test("p1").status());
    }

    @Test
    public void listsAHallsDevicesOrAllOrderedByHallAndId() {
        registry.addDevice(Fixtures.device("b", "SN-XA-002", DeviceKind.QUEUE_MACHINE, "sim"));
        registry.addDevice(Fixtures.device("z", "SN-XA-001", DeviceKind.QUEUE_MACHINE, "sim"));
        registry.addDevice(Fixtures.device("a", "SN-XA-001", DeviceKind.RATING_PAD, "sim"));
        assertEquals(List.of("a", "z", "b"), registry.devices(null).stream().map(Device::id).toList());
        assertEquals(List.of("b"), registry.devices("SN-XA-002").stream().map(Device::id).toList());
    }

    @Test
    public void testingAnUnknownDeviceIs404() {
        try {
            registry.test("nope");
            fail();
        } catch (ProblemException e) {
            assertEquals(404, e.status());
            assertEquals("DEVICE_NOT_FOUND", e.code());
        }
    }

    @Test
    public void theConfigurationNameIsTheIdAndOtherPropertiesAreDriverSettings() {
        Map<String, Object> p = new HashMap<>();
        p.put("service.pid", "org.bizhall.device~SN-XA-001-printer");
        p.put("felix.fileinstall.filename", "file:/etc/org.bizhall.device-SN-XA-001-printer.cfg");
        p.put("hall", "SN-XA-001");
        p.put("kind", "receipt_printer");
        p.put("driver", "escpos");
        p.put("address", "127.0.0.1:9100");
        p.put("timeout.ms", "500");
        var config = new ConfiguredDevice(p).config();
        assertEquals("SN-XA-001-printer", config.id());
        assertEquals(DeviceKind.RECEIPT_PRINTER, config.kind());
        assertEquals("127.0.0.1:9100", config.address());
        assertEquals(Map.of("timeout.ms", "500"), config.settings());
    }

    @Test
    public void anIncompleteConfigurationIsIgnored() {
        Map<String, Object> p = new HashMap<>();
        p.put("service.pid", "org.bizhall.device~x");
        p.put("hall", "SN-XA-001");
        p.put("kind", "TOASTER");
        p.put("driver", "sim");
        ConfiguredDevice device = new ConfiguredDevice(p);
        assertNull(device.config());
        registry.addDevice(device);
        assertTrue(registry.devices(null).isEmpty());
    }

    /** A printer whose status waits until the test lets it answer. */
    private static final class HangingPrinter extends Fixtures.Printer {
        final CountDownLatch answer = new CountDownLatch(1);
        final AtomicInteger asked = new AtomicInteger();

        HangingPrinter(String id) {
            super(id);
        }

        @Override
        public DeviceStatus status(DeviceConfig device) {
            asked.incrementAndGet();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DeviceStatus.ONLINE;
        }
    }

    @Test(timeout = 60_000)
    public void aDeviceWhoseDriverHangsDoesNotHoldUpTheListing_hallDevices() throws Exception {
        registry.statusTiming(0, 200);
        HangingPrinter hanging = new HangingPrinter("escpos");
        registry.addDevice(Fixtures.device("p1", "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos"));
        registry.addDevice(Fixtures.device("q1", "SN-XA-001", DeviceKind.QUEUE_MACHINE, "sim"));
        registry.addDriver(hanging, Fixtures.serviceProperties("escpos", 0));
        try {
            List<Device> listed = registry.devices("SN-XA-001");
            assertEquals(List.of("p1", "q1"), listed.stream().map(Device::id).toList());
            Device p1 = listed.get(0);
            assertTrue(p1.bound());
            assertEquals(DeviceStatus.OFFLINE, p1.status());
            assertEquals("the driver did not answer within 200 ms", p1.detail());
            assertEquals(DeviceStatus.OFFLINE, registry.find("p1").orElseThrow().status());
            assertEquals("a driver still busy with a device is not asked again", 1, hanging.asked.get());
        } finally {
            hanging.answer.countDown();
        }
        registry.statusTiming(0, 30_000);
        Device answered = registry.find("p1").orElseThrow();
        assertEquals(DeviceStatus.ONLINE, answered.status());
        assertNull(answered.detail());
    }

    @Test(timeout = 60_000)
    public void everyDevicesDriverIsAskedAtOnceSoManySlowDevicesCostOneWait_hallDevices() {
        int devices = 6;
        CountDownLatch allAsked = new CountDownLatch(devices);
        Fixtures.Printer slow = new Fixtures.Printer("escpos") {
            @Override
            public DeviceStatus status(DeviceConfig device) {
                allAsked.countDown();
                try {
                    // answers only once every device has been asked: asking one after another never gets here
                    return allAsked.await(20, TimeUnit.SECONDS) ? DeviceStatus.ONLINE : DeviceStatus.ERROR;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return DeviceStatus.ERROR;
                }
            }
        };
        for (int i = 0; i < devices; i++) {
            registry.addDevice(Fixtures.device("p" + i, "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos"));
        }
        registry.addDriver(slow, Fixtures.serviceProperties("escpos", 0));
        registry.statusTiming(0, 30_000);
        for (Device d : registry.devices(null)) {
            assertEquals(d.id(), DeviceStatus.ONLINE, d.status());
        }
    }

    @Test
    public void aStatusIsReusedWithinTheCacheTimeAndTestsStayLive_hallDevices() {
        AtomicInteger asked = new AtomicInteger();
        Fixtures.Printer counting = new Fixtures.Printer("escpos") {
            @Override
            public DeviceStatus status(DeviceConfig device) {
                asked.incrementAndGet();
                return super.status(device);
            }
        };
        registry.statusTiming(3_600_000, 30_000);
        registry.addDevice(Fixtures.device("p1", "SN-XA-001", DeviceKind.RECEIPT_PRINTER, "escpos"));
        registry.addDriver(counting, Fixtures.serviceProperties("escpos", 0));
        assertEquals(DeviceStatus.ONLINE, registry.devices(null).get(0).status());
        assertEquals(DeviceStatus.ONLINE, registry.devices(null).get(0).status());
        assertEquals(1, asked.get());
        counting.failing = true;
        assertEquals("a test asks the device", DeviceStatus.ERROR, registry.test("p1").status());
        assertEquals("and what it found is the status listed", DeviceStatus.ERROR, registry.devices(null).get(0).status());
    }
}
