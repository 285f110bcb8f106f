package org.bizhall.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.bizhall.api.customer.Customer;
import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.CashKiosk;
import org.bizhall.api.device.CashReport;
import org.bizhall.api.device.Device;
import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.DeviceTestResult;
import org.bizhall.api.device.IdCardReader;

/** A device registry holding the devices a test binds, with a reader and a kiosk driver whose answers it sets. */
final class FakeDevices implements DeviceRegistry {
    private final Map<String, BoundDevice<? extends DeviceDriver>> bound = new LinkedHashMap<>();

    /** Binds a reader in {@code hall} that answers with what {@code read} gives (or throws). */
    Reader reader(String hall, Function<DeviceConfig, Customer> read) {
        Reader reader = new Reader(read);
        bound.put(hall + "-reader", new BoundDevice<>(config(hall + "-reader", hall, DeviceKind.ID_CARD_READER), reader));
        return reader;
    }

    /** Binds a kiosk in {@code hall} taking notes of {@code acceptedFen} and pushing back the others. */
    Kiosk kiosk(String hall, Set<Long> acceptedFen) {
        Kiosk kiosk = new Kiosk(acceptedFen);
        bound.put(hall + "-kiosk", new BoundDevice<>(config(hall + "-kiosk", hall, DeviceKind.CASH_KIOSK), kiosk));
        return kiosk;
    }

    private static DeviceConfig config(String id, String hall, DeviceKind kind) {
        return new DeviceConfig(id, hall, kind, "fake", null, Map.of());
    }

    @Override
    public List<Device> devices(String hall) {
        return bound.values().stream().map(BoundDevice::config).filter(c -> hall == null || hall.equals(c.hall()))
                .map(c -> new Device(c.id(), c.hall(), c.kind(), c.driver(), true, DeviceStatus.ONLINE, null))
                .toList();
    }

    @Override
    public Optional<Device> find(String id) {
        return devices(null).stream().filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public DeviceTestResult test(String id) {
        return DeviceTestResult.online("fake");
    }

    @Override
    public <T extends DeviceDriver> Optional<BoundDevice<T>> bound(String hall, DeviceKind kind, Class<T> type) {
        for (BoundDevice<? extends DeviceDriver> device : bound.values()) {
            if (device.config().hall().equals(hall) && device.config().kind() == kind
                    && type.isInstance(device.driver())) {
                return Optional.of(new BoundDevice<>(device.config(), type.cast(device.driver())));
            }
        }
        return Optional.empty();
    }

    private abstract static class Driver implements DeviceDriver {
        @Override
        public String id() {
            return "fake";
        }

        @Override
        public Set<String> capabilities() {
            return Set.of();
        }

        @Override
        public DeviceStatus status(DeviceConfig device) {
            return DeviceStatus.ONLINE;
        }

        @Override
        public DeviceTestResult test(DeviceConfig device) {
            return DeviceTestResult.online("fake");
        }
    }

    static final class Reader extends Driver implements IdCardReader {
        private final Function<DeviceConfig, Customer> read;
        int reads;

        Reader(Function<DeviceConfig, Customer> read) {
            this.read = read;
        }

        @Override
        public DeviceKind kind() {
            return DeviceKind.ID_CARD_READER;
        }

        @Override
        public Customer readIdentity(DeviceConfig device) {
            reads++;
            return read.apply(device);
        }
    }

    static final class Kiosk extends Driver implements CashKiosk {
        private final Set<Long> acceptedFen;
        final List<List<Long>> sessions = new ArrayList<>();
        RuntimeException failure;

        Kiosk(Set<Long> acceptedFen) {
            this.acceptedFen = acceptedFen;
        }

        @Override
        public DeviceKind kind() {
            return DeviceKind.CASH_KIOSK;
        }

        @Override
        public Set<Long> denominationsFen(DeviceConfig device) {
            return acceptedFen;
        }

        @Override
        public CashReport accept(DeviceConfig device, List<Long> insertedFen) {
            sessions.add(List.copyOf(insertedFen));
            if (failure != null) {
                throw failure;
            }
            List<Long> accepted = new ArrayList<>();
            List<Long> returned = new ArrayList<>();
            for (Long note : insertedFen) {
                (acceptedFen.contains(note) ? accepted : returned).add(note);
            }
            return new CashReport(accepted, returned);
        }
    }
}
