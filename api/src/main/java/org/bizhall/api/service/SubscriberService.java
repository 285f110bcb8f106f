package org.bizhall.api.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.customer.Customer;
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

    /**
     * As {@link #changeStatus(Msisdn, Set, SubscriberStatus, String)}, and sets the first date a formal cancellation
     * may be done: give it with {@code PENDING_CANCELLATION}, null otherwise (any other status clears it).
     */
    Subscriber changeStatus(Msisdn msisdn, Set<SubscriberStatus> from, SubscriberStatus status,
            LocalDate cancellableFrom, String orderId);

    /** Adds and removes feature words ({@link SubscriberFeatures}) under the row lock; audited. 404 unknown number. */
    Subscriber changeFeatures(Msisdn msisdn, Set<String> add, Set<String> remove, String orderId);

    /** Puts the number on another package (a catalogue code) under the row lock; audited. */
    Subscriber changePackage(Msisdn msisdn, String packageCode, String orderId);

    /**
     * Gives the number a new holder and paying account (ownership transfer) under the row lock; the old holder's
     * service password is cleared, since it was the old holder's. Audited with both holders masked.
     */
    Subscriber changeHolder(Msisdn msisdn, Customer holder, long accountId, String orderId);

    /** Replaces the contract facts that bind the package ({@link SubscriberCommitments}); audited. */
    Subscriber changeCommitments(Msisdn msisdn, Set<String> commitments, String orderId);

    /**
     * Subscribers in {@code status} whose status last changed before {@code changedBefore}, oldest change first: the
     * collection run's "suspended for arrears this long" and similar sweeps; {@code province} null for every province.
     */
    Page<Subscriber> inStatus(String province, SubscriberStatus status, OffsetDateTime changedBefore, int offset,
            int limit);

    Page<Subscriber> list(String province, int offset, int limit);
}
