package org.bizhall.testing;

import static org.junit.Assert.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;

import org.bizhall.api.common.Msisdn;
import org.junit.Test;

/** The fake keeps the package history the store keeps, so billing's rule tests can read what a month's package was. */
public class InMemorySubscribersTest {
    @Test
    public void everyPackageChangeIsKeptWithItsTime() {
        SettableClock clock = SettableClock.at("2026-12-01T00:00:10+08:00");
        InMemorySubscribers subscribers = new InMemorySubscribers(clock);
        subscribers.add("13891800001", "SN", "SN-XA-001", 1);
        subscribers.changePackage(new Msisdn("13891800001"), "GOTONE-128", "order-1");
        clock.set(OffsetDateTime.parse("2027-01-01T00:00:10+08:00"));
        subscribers.changePackage(new Msisdn("13891800001"), "MZONE-18", "order-2");
        assertEquals(List.of(
                new InMemorySubscribers.PackageChange("13891800001", "GOTONE-88", "GOTONE-128",
                        OffsetDateTime.parse("2026-12-01T00:00:10+08:00"), "order-1"),
                new InMemorySubscribers.PackageChange("13891800001", "GOTONE-128", "MZONE-18",
                        OffsetDateTime.parse("2027-01-01T00:00:10+08:00"), "order-2")),
                subscribers.packageChanges());
        assertEquals("MZONE-18", subscribers.find(new Msisdn("13891800001")).orElseThrow().packageCode());
    }

    @Test
    public void aRolledBackChangeLeavesNoHistory() {
        InMemorySubscribers subscribers = new InMemorySubscribers();
        subscribers.add("13891800001", "SN", "SN-XA-001", 1);
        Object before = subscribers.snapshot();
        subscribers.changePackage(new Msisdn("13891800001"), "GOTONE-128", "order-1");
        subscribers.restore(before);
        assertEquals(List.of(), subscribers.packageChanges());
        assertEquals("GOTONE-88", subscribers.find(new Msisdn("13891800001")).orElseThrow().packageCode());
    }
}
