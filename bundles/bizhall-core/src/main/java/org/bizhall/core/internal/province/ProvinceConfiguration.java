package org.bizhall.core.internal.province;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance per factory configuration of {@code org.bizhall.province}. {@code config:edit} lands in
 * {@link #configure} without re-registration, so {@link ProvinceRegistry} answers the new values on the next call.
 */
@Component(service = ProvinceConfiguration.class, immediate = true, configurationPid = ProvinceConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ProvinceConfiguration {
    public static final String FACTORY_PID = "org.bizhall.province";

    private static final Logger LOG = LoggerFactory.getLogger(ProvinceConfiguration.class);

    private volatile ProvinceValues values;
    private volatile String pid = "";

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        ProvinceValues next = ProvinceValues.fromConfiguration(properties);
        for (String problem : next.invalid()) {
            LOG.error("{}: {}; reading it fails until the configuration is corrected", properties.get("service.pid"), problem);
        }
        Object servicePid = properties.get("service.pid");
        pid = servicePid == null ? "" : servicePid.toString();
        values = next;
    }

    ProvinceValues values() {
        return values;
    }

    /** The configuration's PID; orders configurations that name the same province. */
    String pid() {
        return pid;
    }
}
