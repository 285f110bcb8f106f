package org.bizhall.api.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.bizhall.api.customer.Customer;

/**
 * A mobile number in service, its holder (unmasked: mask before it leaves the system), package and account.
 * {@code features} are words such as {@link SubscriberFeatures#INTL_ROAMING}; {@code commitments} the contract facts
 * that bind the package ({@link SubscriberCommitments}); {@code cancellableFrom} is the first business date a
 * formal cancellation may be done, set only while the number is {@code PENDING_CANCELLATION}; {@code statusSince} when
 * the status last changed (business time).
 */
public record Subscriber(String msisdn, String province, String hall, SubscriberStatus status, Customer holder,
        String packageCode, List<String> features, Set<String> categories, long accountId, boolean servicePasswordSet,
        OffsetDateTime openedAt, LocalDate cancellableFrom, OffsetDateTime statusSince, Set<String> commitments) {
    public Subscriber {
        features = List.copyOf(features);
        categories = Set.copyOf(categories);
        commitments = commitments == null ? Set.of() : Set.copyOf(commitments);
        statusSince = statusSince == null ? openedAt : statusSince;
    }

    /** A subscriber without commitments whose status has not changed since it was opened. */
    public Subscriber(String msisdn, String province, String hall, SubscriberStatus status, Customer holder,
            String packageCode, List<String> features, Set<String> categories, long accountId,
            boolean servicePasswordSet, OffsetDateTime openedAt) {
        this(msisdn, province, hall, status, holder, packageCode, features, categories, accountId, servicePasswordSet,
                openedAt, null, openedAt, Set.of());
    }

    /** Whether the subscriber has {@code feature}. */
    public boolean has(String feature) {
        return features.contains(feature);
    }

    /** This subscriber in {@code status} since {@code at}; {@code cancellableFrom} as given (null unless pending). */
    public Subscriber withStatus(SubscriberStatus status, LocalDate cancellableFrom, OffsetDateTime at) {
        return new Subscriber(msisdn, province, hall, status, holder, packageCode, features, categories, accountId,
                servicePasswordSet, openedAt, cancellableFrom, at, commitments);
    }

    public Subscriber withFeatures(List<String> features) {
        return new Subscriber(msisdn, province, hall, status, holder, packageCode, features, categories, accountId,
                servicePasswordSet, openedAt, cancellableFrom, statusSince, commitments);
    }

    public Subscriber withPackage(String packageCode) {
        return new Subscriber(msisdn, province, hall, status, holder, packageCode, features, categories, accountId,
                servicePasswordSet, openedAt, cancellableFrom, statusSince, commitments);
    }

    /** The number under a new holder and account; a new holder has no service password yet. */
    public Subscriber withHolder(Customer holder, long accountId) {
        return new Subscriber(msisdn, province, hall, status, holder, packageCode, features, categories, accountId,
                false, openedAt, cancellableFrom, statusSince, commitments);
    }

    public Subscriber withCommitments(Set<String> commitments) {
        return new Subscriber(msisdn, province, hall, status, holder, packageCode, features, categories, accountId,
                servicePasswordSet, openedAt, cancellableFrom, statusSince, commitments);
    }

    public Subscriber withCategories(Set<String> categories) {
        return new Subscriber(msisdn, province, hall, status, holder, packageCode, features, categories, accountId,
                servicePasswordSet, openedAt, cancellableFrom, statusSince, commitments);
    }
}
