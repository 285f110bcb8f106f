package org.bizhall.testing;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.BusinessClock;

/**
 * A business clock in the business zone that a test moves by hand. Adjustable unless the test says otherwise; a fixed
 * one refuses {@link #moveTo} with 404 {@code NOT_FOUND} as the configured clock does, while the test itself can still {@link #set} it.
 */
public final class SettableClock implements BusinessClock {
    /** The business zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The instant the tests of the bundles are written against when they do not say otherwise. */
    public static final OffsetDateTime DEFAULT_NOW = OffsetDateTime.parse("2026-11-10T10:00:00+08:00");

    private volatile OffsetDateTime now;
    private volatile boolean adjustable = true;

    public SettableClock() {
        this(DEFAULT_NOW);
    }

    public SettableClock(OffsetDateTime now) {
        this.now = now;
    }

    /** A clock at {@code now}, e.g. {@code SettableClock.at("2026-12-05T10:00:00+08:00")}. */
    public static SettableClock at(String now) {
        return new SettableClock(OffsetDateTime.parse(now));
    }

    @Override
    public OffsetDateTime now() {
        return now;
    }

    @Override
    public ZoneId zone() {
        return ZONE;
    }

    @Override
    public boolean adjustable() {
        return adjustable;
    }

    /** Whether {@link #moveTo} is allowed (a production clock configuration says {@code adjustable=false}). */
    public SettableClock setAdjustable(boolean adjustable) {
        this.adjustable = adjustable;
        return this;
    }

    @Override
    public void moveTo(OffsetDateTime now) {
        if (!adjustable) {
            throw ProblemException.notFound("NOT_FOUND", "the business clock is not adjustable");
        }
        this.now = now;
    }

    /** Sets the time whether or not the clock is adjustable: the test's hand, not a caller's request. */
    public SettableClock set(OffsetDateTime now) {
        this.now = now;
        return this;
    }

    public SettableClock plusMinutes(long minutes) {
        return set(now.plusMinutes(minutes));
    }

    public SettableClock plusDays(long days) {
        return set(now.plusDays(days));
    }
}
