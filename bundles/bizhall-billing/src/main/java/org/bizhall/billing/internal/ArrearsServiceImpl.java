package org.bizhall.billing.internal;

import java.util.ArrayList;
import java.util.List;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.ArrearsService;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.platform.billing.BillingStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A number's arrears, computed from its account's ledger by {@link ArrearsCalculator}. */
@Component(service = ArrearsService.class)
public class ArrearsServiceImpl implements ArrearsService {
    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final BillingStore store;
    private final BusinessClock clock;

    @Activate
    public ArrearsServiceImpl(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference BillingStore store, @Reference BusinessClock clock) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Arrears of(Caller caller, Msisdn msisdn) {
        Subscriber subscriber = subscribers.find(msisdn)
                .orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number"));
        if (caller != null) {
            caller.requireProvince(subscriber.province());
        }
        return of(subscriber);
    }

    Arrears of(Subscriber subscriber) {
        List<LedgerEntry> entries = new ArrayList<>();
        int offset = 0;
        while (true) {
            Page<LedgerEntry> page = accounts.ledger(subscriber.accountId(), offset, Page.MAX_LIMIT);
            entries.addAll(page.items());
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        return ArrearsCalculator.compute(subscriber.msisdn(), subscriber.accountId(), entries,
                store.chargeMonths(subscriber.accountId()), clock.month(), clock.zone());
    }
}
