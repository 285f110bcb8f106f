package org.bizhall.api.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.bizhall.api.customer.Customer;

/** A mobile number in service, its holder (unmasked: mask before it leaves the system), package and account. */
public record Subscriber(String msisdn, String province, String hall, SubscriberStatus status, Customer holder,
        String packageCode, List<String> features, Set<String> categories, long accountId, boolean servicePasswordSet,
        OffsetDateTime openedAt) {
    public Subscriber {
        features = List.copyOf(features);
        categories = Set.copyOf(categories);
    }
}
