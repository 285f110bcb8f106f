package org.bizhall.testing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.DeskPhoneService;
import org.bizhall.api.counter.DeviceUnavailableException;
import org.bizhall.api.counter.TerminalRegistration;
import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.DeskPhoneRegistration;
import org.bizhall.api.device.Device;
import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.DeviceTestResult;
import org.bizhall.api.device.TdDeskPhone;
import org.bizhall.api.hall.Caller;

/**
 * TD desk phones for procedure tests: a {@link DeviceRegistry} that knows the desk phones added with {@link #add}, and
 * the {@link DeskPhoneService} that registers through them as {@code bizhall-devices} does (404 unknown device, staff of
 * the device's hall only, 422 {@code DEVICE_KIND_MISMATCH} never arises here). The terminal-management port accepts a
 * registration unless {@link #portRefuses} is set; a device marked {@link #offline} answers 503
 * {@code DEVICE_UNAVAILABLE}. Every registration the port answered is kept in {@link #registrations()}.
 */
public final class InMemoryDeskPhones implements DeviceRegistry, DeskPhoneService {
    private final List<DeviceConfig> phones = new ArrayList<>();
    private final List<TerminalRegistration> registrations = new ArrayList<>();
    /** The port refuses every registration. */
    public boolean portRefuses;
    /** The desk phones do not answer. */
    public boolean offline;

    /** A TD desk phone {@code id} in {@code hall}, with a driver bound. */
    public InMemoryDeskPhones add(String id, String hall) {
        phones.add(new DeviceConfig(id, hall, DeviceKind.TD_DESK_PHONE, "simulator", null, Map.of()));
        return this;
    }

    public List<TerminalRegistration> registrations() {
        return List.copyOf(registrations);
    }

    @Override
    public List<Device> devices(String hall) {
        return phones.stream().filter(p -> hall == null || hall.equals(p.hall())).map(InMemoryDeskPhones::device)
                .toList();
    }

    @Override
    public Optional<Device> find(String id) {
        return phones.stream().filter(p -> p.id().equals(id)).findFirst().map(InMemoryDeskPhones::device);
    }

    @Override
    public DeviceTestResult test(String id) {
        return new DeviceTestResult(offline ? DeviceStatus.OFFLINE : DeviceStatus.ONLINE, null);
    }

    @Override
    public <T extends DeviceDriver> Optional<BoundDevice<T>> bound(String hall, DeviceKind kind, Class<T> type) {
        if (kind != DeviceKind.TD_DESK_PHONE || !type.isAssignableFrom(TdDeskPhone.class)) {
            return Optional.empty();
        }
        return phones.stream().filter(p -> p.hall().equals(hall)).findFirst()
                .map(p -> new BoundDevice<>(p, type.cast(new Port())));
    }

    @Override
    public TerminalRegistration register(Caller caller, String deviceId, String manufacturer, String terminalType,
            String model, String msisdn) {
        DeviceConfig phone = phones.stream().filter(p -> p.id().equals(deviceId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("DEVICE_NOT_FOUND", "there is no such device"));
        caller.requireHall(phone.hall());
        if (offline) {
            throw new DeviceUnavailableException(DeviceKind.TD_DESK_PHONE, "the desk phone does not answer");
        }
        DeskPhoneRegistration answer = new Port().register(phone, manufacturer, terminalType, model, msisdn);
        TerminalRegistration registration = new TerminalRegistration(phone.id(), phone.hall(), manufacturer,
                terminalType, model, msisdn, answer.accepted(), caller.user(), OffsetDateTime.now());
        registrations.add(registration);
        return registration;
    }

    private static Device device(DeviceConfig p) {
        return new Device(p.id(), p.hall(), p.kind(), p.driver(), true, DeviceStatus.ONLINE, null);
    }

    /** The terminal-management port behind every desk phone here. */
    private final class Port implements TdDeskPhone {
        @Override
        public String id() {
            return "simulator";
        }

        @Override
        public DeviceKind kind() {
            return DeviceKind.TD_DESK_PHONE;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of();
        }

        @Override
        public DeviceStatus status(DeviceConfig device) {
            return offline ? DeviceStatus.OFFLINE : DeviceStatus.ONLINE;
        }

        @Override
        public DeviceTestResult test(DeviceConfig device) {
            return new DeviceTestResult(status(device), null);
        }

        @Override
        public DeskPhoneRegistration register(DeviceConfig device, String manufacturer, String terminalType,
                String model, String msisdn) {
            return new DeskPhoneRegistration(manufacturer, terminalType, model, msisdn, !portRefuses);
        }
    }
}
