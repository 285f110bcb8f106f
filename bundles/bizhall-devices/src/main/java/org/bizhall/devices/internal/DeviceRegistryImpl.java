package org.bizhall.devices.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * <p>
 * Listing devices stays fast however many devices are unreachable: a status is kept for {@code status.cache.ms} and
 * asked again on the first listing after that, every device's driver at once on a pool of its own, and a listing
 * waits at most {@code status.wait.ms} for the answers. A device whose driver has not answered by then shows its last
 * known status (or {@link DeviceStatus#OFFLINE}) with a detail saying so; its answer, when it comes, serves the next
 * listing. A driver stuck in a call holds one pool thread and is never asked twice at the same time. Tests stay live.
 */
@Component(service = {DeviceRegistry.class, DeviceRegistryImpl.class},
        property = {"status.cache.ms:Integer=5000", "status.wait.ms:Integer=1500", "status.threads:Integer=16"})
public class DeviceRegistryImpl implements DeviceRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistryImpl.class);
    static final String UNBOUND_DETAIL = "no driver %s for %s is installed";

    /** A driver service with the properties it was registered with. */
    record DriverEntry(DeviceDriver driver, String id, int ranking, long serviceId) {
    }

    static final String NO_ANSWER_DETAIL = "the driver did not answer within %d ms";
    static final String LAST_KNOWN_DETAIL = "the driver did not answer within %d ms; status as of %d s ago";

    /** Whose status is cached: a device's configuration as bound to one driver service. */
    private record StatusKey(DeviceConfig config, DeviceDriver driver) {
    }

    /** A status and when (System.nanoTime) the driver gave it. */
    private record Known(DeviceStatus status, long at) {
    }

    private final Map<Long, DriverEntry> drivers = new ConcurrentHashMap<>();
    private final Map<ConfiguredDevice, DeviceConfig> configured = new ConcurrentHashMap<>();
    private final Map<StatusKey, Known> known = new ConcurrentHashMap<>();
    private final Map<StatusKey, CompletableFuture<DeviceStatus>> asking = new ConcurrentHashMap<>();
    private volatile long cacheNanos = TimeUnit.SECONDS.toNanos(5);
    private volatile long waitMillis = 1500;
    private final ThreadPoolExecutor statusPool;

    public DeviceRegistryImpl() {
        this(16);
    }

    DeviceRegistryImpl(int threads) {
        AtomicInteger count = new AtomicInteger();
        statusPool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "bizhall-device-status-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        statusPool.allowCoreThreadTimeOut(true);
    }

    @Activate
    void activate(Map<String, Object> properties) {
        statusTiming(millis(properties.get("status.cache.ms"), 5000), millis(properties.get("status.wait.ms"), 1500));
        if (properties.get("status.threads") instanceof Number n && n.intValue() > 0) {
            int threads = n.intValue();
            if (threads > statusPool.getMaximumPoolSize()) {
                statusPool.setMaximumPoolSize(threads);
                statusPool.setCorePoolSize(threads);
            } else {
                statusPool.setCorePoolSize(threads);
                statusPool.setMaximumPoolSize(threads);
            }
        }
    }

    @Deactivate
    void deactivate() {
        // drivers stuck in a call keep their (daemon) threads until they return; nothing waits for them
        statusPool.shutdownNow();
    }

    /** How long a status is reused and how long a listing waits for drivers' answers. */
    void statusTiming(long cacheMillis, long waitMillis) {
        this.cacheNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, cacheMillis));
        this.waitMillis = Math.max(0, waitMillis);
    }

    private static long millis(Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }

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
        known.keySet().removeIf(k -> k.driver() == driver);
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
        DeviceConfig gone = configured.remove(device);
        if (gone != null && !configured.containsValue(gone)) {
            known.keySet().removeIf(k -> k.config().equals(gone));
        }
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
        return describe(configs().stream().filter(c -> hall == null || hall.equals(c.hall())).toList());
    }

    @Override
    public Optional<Device> find(String id) {
        return config(id).map(c -> describe(List.of(c)).get(0));
    }

    private Optional<DeviceConfig> config(String id) {
        return configs().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The devices with their statuses: cached ones as they are, the others asked all at once within the bound. */
    private List<Device> describe(List<DeviceConfig> configs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        List<Object> slots = new ArrayList<>(configs.size());
        for (DeviceConfig config : configs) {
            Optional<DeviceDriver> driver = driverOf(config);
            if (driver.isEmpty()) {
                slots.add(new Device(config.id(), config.hall(), config.kind(), config.driver(), false,
                        DeviceStatus.OFFLINE, String.format(UNBOUND_DETAIL, config.driver(), config.kind())));
                continue;
            }
            StatusKey key = new StatusKey(config, driver.get());
            Known cached = known.get(key);
            if (cached != null && System.nanoTime() - cached.at() < cacheNanos) {
                slots.add(bound(config, cached.status(), null));
            } else {
                slots.add(key);
            }
        }
        // asked in a second pass so that every driver is working before the first wait starts
        List<CompletableFuture<DeviceStatus>> asks = new ArrayList<>(slots.size());
        for (Object slot : slots) {
            asks.add(slot instanceof StatusKey key ? ask(key) : null);
        }
        List<Device> devices = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i) instanceof Device device) {
                devices.add(device);
            } else {
                devices.add(await((StatusKey) slots.get(i), asks.get(i), deadline));
            }
        }
        return devices;
    }

    private Device await(StatusKey key, CompletableFuture<DeviceStatus> ask, long deadline) {
        try {
            return bound(key.config(), ask.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException slow) {
            Known last = known.get(key);
            if (last == null) {
                return bound(key.config(), DeviceStatus.OFFLINE, String.format(NO_ANSWER_DETAIL, waitMillis));
            }
            long age = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - last.at());
            return bound(key.config(), last.status(), String.format(LAST_KNOWN_DETAIL, waitMillis, age));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return bound(key.config(), DeviceStatus.OFFLINE, String.format(NO_ANSWER_DETAIL, waitMillis));
        } catch (ExecutionException e) {
            return bound(key.config(), DeviceStatus.ERROR, null);
        }
    }

    private static Device bound(DeviceConfig config, DeviceStatus status, String detail) {
        return new Device(config.id(), config.hall(), config.kind(), config.driver(), true, status, detail);
    }

    /** The driver's answer for the device, asking it unless an ask is already running; it refreshes the cache. */
    private CompletableFuture<DeviceStatus> ask(StatusKey key) {
        CompletableFuture<DeviceStatus> mine = new CompletableFuture<>();
        CompletableFuture<DeviceStatus> running = asking.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        try {
            statusPool.execute(() -> {
                DeviceStatus status = status(key);
                known.put(key, new Known(status, System.nanoTime()));
                asking.remove(key, mine);
                mine.complete(status);
            });
        } catch (RejectedExecutionException stopping) {
            asking.remove(key, mine);
            mine.complete(DeviceStatus.OFFLINE);
        }
        return mine;
    }

    private static DeviceStatus status(StatusKey key) {
        DeviceConfig config = key.config();
        try {
            return Objects.requireNonNullElse(key.driver().status(config), DeviceStatus.ERROR);
        } catch (RuntimeException e) {
            LOG.warn("Driver {} failed reporting the status of device {}: {}", config.driver(), config.id(), e.toString());
            return DeviceStatus.ERROR;
        }
    }

    @Override
    public DeviceTestResult test(String id) {
        DeviceConfig config = config(id)
                .orElseThrow(() -> ProblemException.notFound("DEVICE_NOT_FOUND", "there is no such device"));
        Optional<DeviceDriver> driver = driverOf(config);
        if (driver.isEmpty()) {
            return DeviceTestResult.offline(String.format(UNBOUND_DETAIL, config.driver(), config.kind()));
        }
        DeviceTestResult result;
        try {
            result = driver.get().test(config);
            result = result == null ? DeviceTestResult.error("the driver gave no test result") : result;
        } catch (RuntimeException e) {
            LOG.warn("Driver {} failed testing device {}: {}", config.driver(), config.id(), e.toString());
            result = DeviceTestResult.error("the driver failed: " + e.getClass().getSimpleName());
        }
        // a live answer is the freshest status there is
        known.put(new StatusKey(config, driver.get()), new Known(result.status(), System.nanoTime()));
        return result;
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
