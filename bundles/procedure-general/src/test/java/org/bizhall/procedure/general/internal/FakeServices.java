package org.bizhall.procedure.general.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.bizhall.api.customer.Customer;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestProvinceParams;

/**
 * The shared in-memory subscribers, ledger and audit trail, and SN's parameters of which the general services may
 * read only the SIM card fee.
 */
final class FakeServices {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-10T10:00:00+08:00");
    /** The account every subscriber of these tests pays from. */
    static final long ACCOUNT = 7;
    final SettableClock clock = new SettableClock(NOW);
    final InMemorySubscribers subscribers = new InMemorySubscribers(clock);
    final InMemoryAccounts accounts = new InMemoryAccounts(clock);
    final RecordingAuditLog audit = new RecordingAuditLog(clock);
    final TestProvinceParams params = new TestProvinceParams("SN").readableOnly(NationalParams.SIM_CARD_FEE_FEN);

    FakeServices() {
        accounts.seed(ACCOUNT, 0);
    }

    Subscriber add(String msisdn, String province, SubscriberStatus status, Customer holder) {
        return subscribers.add(new Subscriber(msisdn, province, "SN-XA-001", status, holder, "GOTONE-88", List.of(),
                Set.of("NORMAL"), ACCOUNT, false, NOW.minusMonths(3)));
    }

    SubscriberStatus status(String msisdn) {
        return subscribers.status(msisdn);
    }

    /** The audit trail as {@code "action subject amount detail"}. */
    List<String> audit() {
        return audit.lines(e -> e.action() + " " + e.subject() + " " + e.amountFen() + " " + e.detail());
    }
}
