package org.bizhall.core.internal.clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Dictionary;
import java.util.Hashtable;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.BusinessClock;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business clock: system time plus a configured offset, in the configured zone. Moving it writes the new offset
 * back to its configuration, so a moved clock stays moved across restarts (Karaf saves it to
 * {@code etc/org.bizhall.clock.cfg}).
 */
@Component(service = BusinessClock.class, configurationPid = ConfiguredBusinessClock.PID)
@Designate(ocd = ClockConfig.class)
public class ConfiguredBusinessClock implements BusinessClock {
    static final String PID = "org.bizhall.clock";
    static final String OFFSET_MILLIS = "offsetMillis";

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredBusinessClock.class);

    /** One immutable snapshot, so a reader never sees the zone of one configuration with the offset of another. */
    private record Settings(ZoneId zone, boolean adjustable, long offsetMillis) {
    }

    private final Clock system;
    private volatile Settings settings = new Settings(ZoneId.of("Asia/Shanghai"), false, 0L);

    @Reference
    ConfigurationAdmin configurationAdmin;

    public ConfiguredBusinessClock() {
        this(Clock.systemUTC());
    }

    ConfiguredBusinessClock(Clock system) {
        this.system = system;
    }

    @Activate
    @Modified
    void configure(ClockConfig config) {
        ZoneId zone;
        try {
            zone = ZoneId.of(config.zone().trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(PID + ": zone '" + config.zone() + "' is not a time zone", e);
        }
        Settings next = new Settings(zone, config.adjustable(), config.offsetMillis());
        if (next.offsetMillis() != 0 && !next.adjustable()) {
            LOG.warn("{}: offsetMillis={} is set on a clock that is not adjustable", PID, next.offsetMillis());
        }
        settings = next;
    }

    @Override
    public OffsetDateTime now() {
        Settings s = settings;
        return OffsetDateTime.ofInstant(system.instant().plusMillis(s.offsetMillis()), s.zone());
    }

    @Override
    public ZoneId zone() {
        return settings.zone();
    }

    @Override
    public boolean adjustable() {
        return settings.adjustable();
    }

    @Override
    public void moveTo(OffsetDateTime now) {
        Settings s = settings;
        if (!s.adjustable()) {
            throw ProblemException.notFound("NOT_FOUND", "the business clock is not adjustable");
        }
        if (now == null) {
            throw ProblemException.badRequest("CLOCK_TIME_MISSING", "now is required", "now");
        }
        long offset = Duration.between(system.instant(), now.toInstant()).toMillis();
        persist(s, offset);
        settings = new Settings(s.zone(), s.adjustable(), offset);
        LOG.info("business clock moved to {} (offset {} ms)", now, offset);
    }

    /** Writes the offset first: a clock that moved but could not record it would jump back at the next restart. */
    private void persist(Settings current, long offset) {
        try {
            Configuration configuration = configurationAdmin.getConfiguration(PID, "?");
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                properties = new Hashtable<>();
                properties.put("zone", current.zone().getId());
                properties.put("adjustable", current.adjustable());
            }
            properties.put(OFFSET_MILLIS, offset);
            configuration.update(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("the business clock offset could not be saved", e);
        }
    }
}
