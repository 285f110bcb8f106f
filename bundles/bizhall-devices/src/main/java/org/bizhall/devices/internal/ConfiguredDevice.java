package org.bizhall.devices.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceKind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured device, a component instance per factory configuration {@code org.bizhall.device}. A configuration
 * missing its hall, kind or driver is logged and ignored; editing one re-creates the instance, and the registry picks
 * the new settings up.
 */
@Component(service = ConfiguredDevice.class, configurationPid = ConfiguredDevice.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DeviceConfiguration.class, factory = true)
public class ConfiguredDevice {
    static final String FACTORY_PID = "org.bizhall.device";
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredDevice.class);
    private static final Set<String> OWN = Set.of("id", "hall", "kind", "driver", "address");

    private final DeviceConfig config;

    @Activate
    public ConfiguredDevice(Map<String, Object> properties) {
        this.config = parse(properties);
        if (config == null) {
            LOG.warn("Device configuration {} lacks a hall, a valid kind or a driver; ignored", properties.get("service.pid"));
        }
    }

    /** The device, or null when the configuration is incomplete. */
    DeviceConfig config() {
        return config;
    }

    static DeviceConfig parse(Map<String, Object> properties) {
        String hall = text(properties.get("hall"));
        String driver = text(properties.get("driver"));
        DeviceKind kind = kind(text(properties.get("kind")));
        String id = text(properties.get("id"));
        if (id == null) {
            id = nameOf(text(properties.get("service.pid")));
        }
        if (hall == null || driver == null || kind == null || id == null) {
            return null;
        }
        Map<String, String> settings = new HashMap<>();
        properties.forEach((key, value) -> {
            if (!OWN.contains(key) && !key.startsWith("service.") && !key.startsWith("component.")
                    && !key.startsWith("felix.") && value != null) {
                settings.put(key, value.toString());
            }
        });
        return new DeviceConfig(id, hall, kind, driver, text(properties.get("address")), settings);
    }

    /** {@code org.bizhall.device~printer-1} (a named factory configuration) gives {@code printer-1}. */
    static String nameOf(String pid) {
        if (pid == null) {
            return null;
        }
        int tilde = pid.lastIndexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }

    private static DeviceKind kind(String value) {
        if (value == null) {
            return null;
        }
        try {
            return DeviceKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
