package org.bizhall.shell.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.junit.Test;

/** Rulebook §3: {@code hall:subscriber} shows a pending cancellation's first formal-cancellation date. */
public class SubscriberOutputTest {
    private static final OffsetDateTime OPENED = OffsetDateTime.parse("2026-09-01T10:00:00+08:00");
    private static final Customer HOLDER = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD,
            "11010519491231002X", null);

    private static String printed(Subscriber subscriber) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SubscriberCommand.print(subscriber, Optional.empty(), Optional.empty(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void rules3_pendingCancellationShowsCancellableFrom() {
        Subscriber active = new Subscriber("13891800001", "SN", "SN-XA-001", SubscriberStatus.ACTIVE, HOLDER,
                "GOTONE-88", List.of(), Set.of("NORMAL"), 1, false, OPENED);
        assertFalse(printed(active), printed(active).contains("Cancellable"));

        Subscriber pending = active.withStatus(SubscriberStatus.PENDING_CANCELLATION, LocalDate.parse("2027-03-10"),
                OffsetDateTime.parse("2026-12-10T10:00:00+08:00"));
        String out = printed(pending);
        assertTrue(out, out.contains("PENDING_CANCELLATION since"));
        assertTrue(out, out.lines().anyMatch(l -> l.startsWith("Cancellable") && l.contains("2027-03-10")));
        assertFalse("the holder's ID stays masked", out.contains("11010519491231002X"));
    }
}
