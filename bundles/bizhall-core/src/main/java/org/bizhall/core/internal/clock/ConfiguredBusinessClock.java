package org.bizhall.core.internal.clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Properties;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.BusinessClock;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business clock: system time plus an offset, in the configured zone. The zone, whether the clock may move and a
 * starting offset come from configuration {@code org.bizhall.clock}; a move made through the API is kept in the
 * bundle's own data area, written whole and renamed into place, so a moved clock stays moved across restarts. It is
 * not written back into the configuration: Karaf's file install would rewrite {@code etc/org.bizhall.clock.cfg} in
 * place at every move, and its watcher, reading the file half rewritten, once emptied the configuration (the clock no
 * longer adjustable, its offset lost). An operator who edits {@code offsetMillis} in the file after a move wins: the
 * kept move records the offset configured when it was made, and counts only while that is still the configured one.
 */
@Component(service = BusinessClock.class, configurationPid = ConfiguredBusinessClock.PID)
@Designate(ocd = ClockConfig.class)
public class ConfiguredBusinessClock implements BusinessClock {
    static final String PID = "org.bizhall.clock";
    static final String OFFSET_MILLIS = "offsetMillis";
    /** In the data file: the offset configured when the clock was moved (the move counts while it is unchanged). */
    static final String CONFIGURED_OFFSET_MILLIS = "configuredOffsetMillis";
    static final String MOVED_FILE = "business-clock.properties";

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredBusinessClock.class);

    /** One immutable snapshot, so a reader never sees the zone of one configuration with the offset of another. */
    private record Settings(ZoneId zone, boolean adjustable, long offsetMillis) {
    }

    private final Clock system;
    private volatile Settings settings = new Settings(ZoneId.of("Asia/Shanghai"), false, 0L);

    /** Where a move is kept; null outside a framework (nothing kept). */
    private volatile Path movedFile;
    private volatile long configuredOffsetMillis;

    public ConfiguredBusinessClock() {
        this(Clock.systemUTC());
    }

    ConfiguredBusinessClock(Clock system) {
        this.system = system;
    }

    @Activate
    @Modified
    void configure(BundleContext context, ClockConfig config) {
        java.io.File data = context == null ? null : context.getDataFile(MOVED_FILE);
        apply(data == null ? null : data.toPath(), config);
    }

    /** The configuration, a move kept in {@code keptMoves} (null: none kept) over its offset. */
    void apply(Path keptMoves, ClockConfig config) {
        movedFile = keptMoves;
        ZoneId zone;
        try {
            zone = ZoneId.of(config.zone().trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(PID + ": zone '" + config.zone() + "' is not a time zone", e);
        }
        configuredOffsetMillis = config.offsetMillis();
        long offset = keptMove(config.offsetMillis());
        Settings next = new Settings(zone, config.adjustable(), config.adjustable() ? offset : config.offsetMillis());
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
        Path file = movedFile;
        if (file == null) {
            return;
        }
        Properties kept = new Properties();
        kept.setProperty(OFFSET_MILLIS, Long.toString(offset));
        kept.setProperty(CONFIGURED_OFFSET_MILLIS, Long.toString(configuredOffsetMillis));
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            try (var out = Files.newBufferedWriter(next, StandardCharsets.ISO_8859_1)) {
                kept.store(out, "the business clock as last moved (zone " + current.zone() + ")");
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the business clock offset could not be saved", e);
        }
    }

    /** The offset of the last move, while {@code configured} is still what it was made over; else {@code configured}. */
    private long keptMove(long configured) {
        Path file = movedFile;
        if (file == null || !Files.isRegularFile(file)) {
            return configured;
        }
        Properties kept = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            kept.load(in);
            if (Long.parseLong(kept.getProperty(CONFIGURED_OFFSET_MILLIS, "x")) != configured) {
                LOG.info("{}: offsetMillis={} configured since the clock was last moved; the move is dropped", PID,
                        configured);
                Files.deleteIfExists(file);
                return configured;
            }
            return Long.parseLong(kept.getProperty(OFFSET_MILLIS, "x"));
        } catch (IOException | NumberFormatException e) {
            LOG.warn("{}: the kept move of the clock could not be read ({}); the configured offset applies", PID,
                    e.toString());
            return configured;
        }
    }
}
