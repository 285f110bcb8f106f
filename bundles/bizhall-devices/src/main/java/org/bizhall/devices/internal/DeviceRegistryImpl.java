package org.bizhall.devices.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.Device;
import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.DeviceTestResult;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds configured devices to driver services on every call, like a handler-factory whiteboard: a device is bound to
 * the highest-ranked driver whose id ({@value DeviceDriver#DRIVER_PROPERTY}) and kind match its configuration.
 * Drivers are kept per service registration, never per id, so replacing a driver bundle by another with the same id
 * never leaves a gap. A driver that throws makes its device {@link DeviceStatus#ERROR}, never the registry fail.
 */
@Component(service = {DeviceRegistry.class, DeviceRegistryImpl.class})
public class DeviceRegistryImpl implements DeviceRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistryImpl.class);
    static final String UNBOUND_DETAIL = "no driver %s for %s is installed";

    /** A driver service with the properties it was registered with. */
    record DriverEntry(DeviceDriver driver, String id, int ranking, long serviceId) {
    }

    private final Map<Long, DriverEntry> drivers = new ConcurrentHashMap<>();
    private final Map<ConfiguredDevice, DeviceConfig> configured = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(DeviceDriver driver, Map<String, Object> properties) {
        Object id = properties.get(DeviceDriver.DRIVER_PROPERTY);
        long serviceId = ((Number) properties.get(Constants.SERVICE_ID)).longValue();
        String driverId = id == null ? driver.id() : id.toString();
        drivers.put(serviceId, new DriverEntry(driver, driverId, ranking(properties), serviceId));
        LOG.info("Device driver {} ({}) available", driverId, driver.kind());
    }

    void removeDriver(DeviceDriver driver, Map<String, Object> properties) {
        DriverEntry gone = drivers.remove(((Number) properties.get(Constants.SERVICE_ID)).longValue());
        if (gone != null) {
            LOG.info("Device driver {} ({}) gone", gone.id(), driver.kind());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDevice(ConfiguredDevice device) {
        if (device.config() != null) {
            configured.put(device, device.config());
        }
    }

    void removeDevice(ConfiguredDevice device) {
        configured.remove(device);
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    private List<DeviceConfig> configs() {
        List<DeviceConfig> all = new ArrayList<>(configured.values());
        all.sort(Comparator.comparing(DeviceConfig::hall).thenComparing(DeviceConfig::id));
        return all;
    }

    /** The driver a device is bound to now: same id and kind, highest ranking, then oldest registration. */
    Optional<DeviceDriver> driverOf(DeviceConfig config) {
        return drivers.values().stream()
                .filter(d -> d.id().equals(config.driver()) && d.driver().kind() == config.kind())
                .min(Comparator.comparingInt(DriverEntry::ranking).reversed().thenComparingLong(DriverEntry::serviceId))
                .map(DriverEntry::driver);
    }

    @Override
    public List<Device> devices(String hall) {
        return configs().stream().filter(c -> hall == null || hall.equals(c.hall())).map(this::describe).toList();
    }

    @Override
    public Optional<Device> find(String id) {
        return config(id).map(this::describe);
    }

    private Optional<DeviceConfig> config(String id) {
        return configs().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    private Device describe(DeviceConfig config) {
        Optional<DeviceDriver> driver = driverOf(config);
        if (driver.isEmpty()) {
            return new Device(config.id(), config.hall(), config.kind(), config.driver(), false, DeviceStatus.OFFLINE,
                    String.format(UNBOUND_DETAIL, config.driver(), config.kind()));
        }
        DeviceStatus status;
        try {
            status = Objects.requireNonNullElse(driver.get().status(config), DeviceStatus.ERROR);
        } catch (RuntimeException e) {
            LOG.warn("Driver {} failed reporting the status of device {}: {}", config.driver(), config.id(), e.toString());
            status = DeviceStatus.ERROR;
        }
        return new Device(config.id(), config.hall(), config.kind(), config.driver(), true, status, null);
    }

    @Override
    public DeviceTestResult test(String id) {
        DeviceConfig config = config(id)
                .orElseThrow(() -> ProblemException.notFound("DEVICE_NOT_FOUND", "there is no such device"));
        Optional<DeviceDriver> driver = driverOf(config);
        if (driver.isEmpty()) {
            return DeviceTestResult.offline(String.format(UNBOUND_DETAIL, config.driver(), config.kind()));
        }
        try {
            DeviceTestResult result = driver.get().test(config);
            return result == null ? DeviceTestResult.error("the driver gave no test result") : result;
        } catch (RuntimeException e) {
            LOG.warn("Driver {} failed testing device {}: {}", config.driver(), config.id(), e.toString());
            return DeviceTestResult.error("the driver failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public <T extends DeviceDriver> Optional<BoundDevice<T>> bound(String hall, DeviceKind kind, Class<T> type) {
        for (DeviceConfig config : configs()) {
            if (config.kind() == kind && config.hall().equals(hall)) {
                Optional<DeviceDriver> driver = driverOf(config);
                if (driver.isPresent() && type.isInstance(driver.get())) {
                    return Optional.of(new BoundDevice<>(config, type.cast(driver.get())));
                }
            }
        }
        return Optional.empty();
    }

    /** The device {@code id} with the driver bound to it now, when that driver is a {@code type}. */
    <T extends DeviceDriver> Optional<BoundDevice<T>> boundDevice(String id, Class<T> type) {
        return config(id).flatMap(config -> driverOf(config).filter(type::isInstance)
                .map(driver -> new BoundDevice<>(config, type.cast(driver))));
    }

    /** Whether {@code hall} has a device of {@code kind} configured at all, bound or not. */
    boolean configured(String hall, DeviceKind kind) {
        return configs().stream().anyMatch(c -> c.kind() == kind && c.hall().equals(hall));
    }
}
