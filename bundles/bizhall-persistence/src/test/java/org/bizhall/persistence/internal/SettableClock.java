package org.bizhall.persistence.internal;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.bizhall.api.service.BusinessClock;

/** A business clock tests move by hand. */
final class SettableClock implements BusinessClock {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private volatile OffsetDateTime now;

    SettableClock(OffsetDateTime now) {
        this.now = now;
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
        return true;
    }

    @Override
    public void moveTo(OffsetDateTime now) {
        this.now = now;
    }

    void plusMinutes(long minutes) {
        now = now.plusMinutes(minutes);
    }
}
