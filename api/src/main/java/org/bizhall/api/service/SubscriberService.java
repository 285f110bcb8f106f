package org.bizhall.api.service;

import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.osgi.annotation.versioning.ProviderType;

/** Subscribers: registration, status, holder confirmation without revealing the holder. */
@ProviderType
public interface SubscriberService {
    Optional<Subscriber> find(Msisdn msisdn);

    /** Registers an ACTIVE subscriber; 409 {@code SUBSCRIBER_EXISTS} when the number is already in service. */
    Subscriber register(NewSubscriber subscriber);

    /** Whether {@code name} is the holder's name; the name itself never leaves the service. */
    boolean holderMatches(Msisdn msisdn, String name);

    /**
     * Moves the number to {@code status} under its row lock, provided it is still in one of {@code from} (what the
     * caller checked); otherwise 409 {@code SUBSCRIBER_STATUS_CHANGED}, so two orders deciding on the same number at
     * once cannot undo each other (a loss report overwritten by an arrears suspension, say). 404
     * {@code SUBSCRIBER_NOT_FOUND} for an unknown number.
     */
    Subscriber changeStatus(Msisdn msisdn, Set<SubscriberStatus> from, SubscriberStatus status, String orderId);

    Page<Subscriber> list(String province, int offset, int limit);
}
