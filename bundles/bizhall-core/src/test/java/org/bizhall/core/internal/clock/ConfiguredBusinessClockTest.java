package org.bizhall.core.internal.clock;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.bizhall.api.common.ProblemException;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ConfiguredBusinessClockTest {
    private static final Instant SYSTEM_NOW = Instant.parse("2026-11-20T02:00:00Z");

    @Rule
    public final TemporaryFolder data = new TemporaryFolder();

    private ConfiguredBusinessClock clock;
    private Path kept;

    private ConfiguredBusinessClock started(ClockConfig config) {
        ConfiguredBusinessClock started = new ConfiguredBusinessClock(Clock.fixed(SYSTEM_NOW, ZoneOffset.UTC));
        started.apply(kept, config);
        return started;
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
        kept = data.getRoot().toPath().resolve("bundle-data").resolve(ConfiguredBusinessClock.MOVED_FILE);
        clock = new ConfiguredBusinessClock(Clock.fixed(SYSTEM_NOW, ZoneOffset.UTC));
    }

    @Test
    public void nowIsSystemTimePlusOffsetInTheBusinessZone() {
        clock.apply(kept, config("Asia/Shanghai", false, 3_600_000L));

        OffsetDateTime now = clock.now();
        assertEquals(SYSTEM_NOW.plusSeconds(3600), now.toInstant());
        assertEquals(ZoneOffset.ofHours(8), now.getOffset());
        assertEquals(ZoneId.of("Asia/Shanghai"), clock.zone());
        assertEquals("2026-11-20", clock.today().toString());
    }

    @Test
    public void businessDateFollowsShanghaiNotUtc() {
        // 17:00 UTC is already the next day in Shanghai
        clock.apply(kept, config("Asia/Shanghai", false, 15 * 3_600_000L));

        assertEquals("2026-11-21", clock.today().toString());
    }

    @Test
    public void clockThatIsNotAdjustableRefusesToMoveAndStaysPut() {
        clock.apply(kept, config("Asia/Shanghai", false, 0));

        ProblemException e = assertThrows(ProblemException.class,
                () -> clock.moveTo(OffsetDateTime.parse("2027-01-01T09:00:00+08:00")));
        assertEquals(404, e.status());
        assertEquals("NOT_FOUND", e.code());
        assertEquals("the business clock is not adjustable", e.detail());
        assertFalse(clock.adjustable());
        assertEquals(SYSTEM_NOW, clock.now().toInstant());
        assertFalse("nothing was written", Files.exists(kept));
    }

    @Test
    public void movedClockAnswersTheNewTimeAtOnceAndKeepsTheMoveInItsDataArea() throws Exception {
        clock.apply(kept, config("Asia/Shanghai", true, 0));

        OffsetDateTime target = OffsetDateTime.parse("2026-12-01T09:30:00+08:00");
        clock.moveTo(target);

        assertEquals(target.toInstant(), clock.now().toInstant());
        long expectedOffset = target.toInstant().toEpochMilli() - SYSTEM_NOW.toEpochMilli();
        assertTrue(Files.readString(kept).contains("offsetMillis=" + expectedOffset));
        assertFalse("written whole, then renamed into place", Files.exists(kept.resolveSibling(kept.getFileName() + ".next")));
    }

    @Test
    public void movedClockStaysMovedAcrossARestart() {
        clock.apply(kept, config("Asia/Shanghai", true, 0));
        OffsetDateTime target = OffsetDateTime.parse("2027-03-31T23:00:00+08:00");
        clock.moveTo(target);
        clock.moveTo(target.plusDays(1));

        assertEquals(target.plusDays(1).toInstant(), started(config("Asia/Shanghai", true, 0)).now().toInstant());
    }

    @Test
    public void anOffsetConfiguredAfterAMoveWinsOverTheMove() {
        clock.apply(kept, config("Asia/Shanghai", true, 0));
        clock.moveTo(OffsetDateTime.parse("2027-03-31T23:00:00+08:00"));

        ConfiguredBusinessClock edited = started(config("Asia/Shanghai", true, 3_600_000L));

        assertEquals(SYSTEM_NOW.plusSeconds(3600), edited.now().toInstant());
        assertEquals("and keeps winning at the next start", SYSTEM_NOW.plusSeconds(3600),
                started(config("Asia/Shanghai", true, 3_600_000L)).now().toInstant());
    }

    @Test
    public void aMoveKeptFromADemoDoesNotMoveAClockThatIsNoLongerAdjustable() {
        clock.apply(kept, config("Asia/Shanghai", true, 0));
        clock.moveTo(OffsetDateTime.parse("2027-03-31T23:00:00+08:00"));

        assertEquals(SYSTEM_NOW, started(config("Asia/Shanghai", false, 0)).now().toInstant());
    }

    @Test
    public void anUnreadableKeptMoveLeavesTheConfiguredOffset() throws Exception {
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, "offsetMillis=soon\n");

        assertEquals(SYSTEM_NOW.plusSeconds(60), started(config("Asia/Shanghai", true, 60_000L)).now().toInstant());
    }

    @Test
    public void unknownZoneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> clock.apply(kept, config("Mars/Olympus", false, 0)));
    }
}
