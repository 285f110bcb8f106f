package org.bizhall.core.internal.clock;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Dictionary;
import java.util.Hashtable;

import org.bizhall.api.common.ProblemException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.junit.Before;
import org.junit.Test;

public class ConfiguredBusinessClockTest {
    private static final Instant SYSTEM_NOW = Instant.parse("2026-11-20T02:00:00Z");

    private final Hashtable<String, Object> stored = new Hashtable<>();
    private ConfiguredBusinessClock clock;

    /** A configuration admin holding the one clock configuration in {@link #stored}. */
    private ConfigurationAdmin configurationAdmin() {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperties" -> stored.isEmpty() ? null : new Hashtable<>(stored);
                    case "update" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> given = (Dictionary<String, Object>) args[0];
                        stored.clear();
                        for (var keys = given.keys(); keys.hasMoreElements();) {
                            String key = keys.nextElement();
                            stored.put(key, given.get(key));
                        }
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConfiguration") && ConfiguredBusinessClock.PID.equals(args[0])) {
                        return configuration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ClockConfig config(String zone, boolean adjustable, long offsetMillis) {
        return new ClockConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ClockConfig.class;
            }

            @Override
            public String zone() {
                return zone;
            }

            @Override
            public boolean adjustable() {
                return adjustable;
            }

            @Override
            public long offsetMillis() {
                return offsetMillis;
            }
        };
    }

    @Before
    public void setUp() {
        clock = new ConfiguredBusinessClock(Clock.fixed(SYSTEM_NOW, ZoneOffset.UTC));
        clock.configurationAdmin = configurationAdmin();
    }

    @Test
    public void nowIsSystemTimePlusOffsetInTheBusinessZone() {
        clock.configure(config("Asia/Shanghai", false, 3_600_000L));

        OffsetDateTime now = clock.now();
        assertEquals(SYSTEM_NOW.plusSeconds(3600), now.toInstant());
        assertEquals(ZoneOffset.ofHours(8), now.getOffset());
        assertEquals(ZoneId.of("Asia/Shanghai"), clock.zone());
        assertEquals("2026-11-20", clock.today().toString());
    }

    @Test
    public void businessDateFollowsShanghaiNotUtc() {
        // 17:00 UTC is already the next day in Shanghai
        clock.configure(config("Asia/Shanghai", false, 15 * 3_600_000L));

        assertEquals("2026-11-21", clock.today().toString());
    }

    @Test
    public void clockThatIsNotAdjustableRefusesToMoveAndStaysPut() {
        clock.configure(config("Asia/Shanghai", false, 0));

        ProblemException e = assertThrows(ProblemException.class,
                () -> clock.moveTo(OffsetDateTime.parse("2027-01-01T09:00:00+08:00")));
        assertEquals(404, e.status());
        assertEquals("NOT_FOUND", e.code());
        assertEquals("the business clock is not adjustable", e.detail());
        assertFalse(clock.adjustable());
        assertEquals(SYSTEM_NOW, clock.now().toInstant());
        assertTrue("nothing was written", stored.isEmpty());
    }

    @Test
    public void movedClockAnswersTheNewTimeAtOnceAndPersistsTheOffset() {
        stored.put("zone", "Asia/Shanghai");
        stored.put("adjustable", "true");
        stored.put("felix.fileinstall.filename", "file:/opt/bizhall/etc/org.bizhall.clock.cfg");
        clock.configure(config("Asia/Shanghai", true, 0));

        OffsetDateTime target = OffsetDateTime.parse("2026-12-01T09:30:00+08:00");
        clock.moveTo(target);

        assertEquals(target.toInstant(), clock.now().toInstant());
        long expectedOffset = target.toInstant().toEpochMilli() - SYSTEM_NOW.toEpochMilli();
        assertEquals(expectedOffset, stored.get("offsetMillis"));
        assertEquals("the rest of the configuration is kept", "true", stored.get("adjustable"));
        assertEquals("file:/opt/bizhall/etc/org.bizhall.clock.cfg", stored.get("felix.fileinstall.filename"));
    }

    @Test
    public void persistedOffsetSurvivesARestart() {
        clock.configure(config("Asia/Shanghai", true, 0));
        OffsetDateTime target = OffsetDateTime.parse("2027-03-31T23:00:00+08:00");
        clock.moveTo(target);

        ConfiguredBusinessClock restarted = new ConfiguredBusinessClock(Clock.fixed(SYSTEM_NOW, ZoneOffset.UTC));
        restarted.configure(config((String) stored.get("zone"), (Boolean) stored.get("adjustable"),
                (Long) stored.get("offsetMillis")));

        assertEquals(target.toInstant(), restarted.now().toInstant());
    }

    @Test
    public void unknownZoneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> clock.configure(config("Mars/Olympus", false, 0)));
    }
}
