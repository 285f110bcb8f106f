package org.bizhall.api.service;

import java.util.Optional;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;

/** Subscribers: registration, status, holder confirmation without revealing the holder. */
public interface SubscriberService {
    Optional<Subscriber> find(Msisdn msisdn);

    /** Registers an ACTIVE subscriber; 409 {@code SUBSCRIBER_EXISTS} when the number is already in service. */
    Subscriber register(NewSubscriber subscriber);

    /** Whether {@code name} is the holder's name; the name itself never leaves the service. */
    boolean holderMatches(Msisdn msisdn, String name);

    Subscriber changeStatus(Msisdn msisdn, SubscriberStatus status, String orderId);

    Page<Subscriber> list(String province, int offset, int limit);
}
