package org.bizhall.procedure.opening.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/** Subscribers in memory; keeps only whether a password was given, as the real service keeps only its hash. */
final class FakeSubscribers implements SubscriberService {
    private final Map<String, Subscriber> subscribers = new LinkedHashMap<>();
    final Map<String, String> passwordsGiven = new LinkedHashMap<>();

    @Override
    public Optional<Subscriber> find(Msisdn msisdn) {
        return Optional.ofNullable(subscribers.get(msisdn.value()));
    }

    @Override
    public Subscriber register(NewSubscriber s) {
        if (subscribers.containsKey(s.msisdn())) {
            throw ProblemException.conflict("SUBSCRIBER_EXISTS", "the number is already in service");
        }
        Subscriber subscriber = new Subscriber(s.msisdn(), s.province(), s.hall(), SubscriberStatus.ACTIVE, s.holder(),
                s.packageCode(), s.features(), Set.of(), s.accountId(), s.servicePassword() != null, null);
        subscribers.put(s.msisdn(), subscriber);
        if (s.servicePassword() != null) {
            passwordsGiven.put(s.msisdn(), s.servicePassword());
        }
        return subscriber;
    }

    @Override
    public boolean holderMatches(Msisdn msisdn, String name) {
        return find(msisdn).map(s -> s.holder().name().equals(name)).orElse(false);
    }

    @Override
    public Subscriber changeStatus(Msisdn msisdn, Set<SubscriberStatus> from, SubscriberStatus status,
            String orderId) {
        Subscriber s = find(msisdn).orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_UNKNOWN", "no subscriber"));
            if (!from.contains(s.status())) {
                throw ProblemException.conflict("SUBSCRIBER_STATUS_CHANGED", "the number is " + s.status() + " now");
            }
        Subscriber changed = new Subscriber(s.msisdn(), s.province(), s.hall(), status, s.holder(), s.packageCode(),
                s.features(), s.categories(), s.accountId(), s.servicePasswordSet(), s.openedAt());
        subscribers.put(s.msisdn(), changed);
        return changed;
    }

    @Override
    public Page<Subscriber> list(String province, int offset, int limit) {
        var mine = subscribers.values().stream().filter(s -> s.province().equals(province)).toList();
        return new Page<>(mine.stream().skip(offset).limit(limit).toList(), mine.size());
    }

    int count() {
        return subscribers.size();
    }
}
