package org.bizhall.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.CreditCode;
import org.bizhall.api.common.Masking;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.ResidentId;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.CustomerCategories;
import org.bizhall.api.service.CustomerCategorySetting;
import org.bizhall.api.service.Subscriber;

/**
 * Customer categories in memory with the service's semantics: roles (manager, backoffice), refusal codes, NORMAL
 * dropped beside another category and left when none is, and the categories written to the subscribers of the
 * customer in the caller's province when built with an {@link InMemorySubscribers}. {@link #put} sets them directly,
 * as a customer categorised before the test.
 */
public final class InMemoryCustomerCategories implements CustomerCategories {
    private final Map<String, Set<String>> byCustomer = new LinkedHashMap<>();
    private final InMemorySubscribers subscribers;
    private final BusinessClock clock;

    public InMemoryCustomerCategories() {
        this(null, new SettableClock());
    }

    public InMemoryCustomerCategories(InMemorySubscribers subscribers, BusinessClock clock) {
        this.subscribers = subscribers;
        this.clock = clock;
    }

    /** Sets a customer's categories as they were before the test (no role check, no audit). */
    public InMemoryCustomerCategories put(String province, IdType idType, String idNumber, String... categories) {
        byCustomer.put(key(province, idType, idNumber), new LinkedHashSet<>(List.of(categories)));
        return this;
    }

    @Override
    public Set<String> of(String province, IdType idType, String idNumber) {
        if (province == null || idType == null || idNumber == null) {
            return Set.of(NORMAL);
        }
        return Set.copyOf(byCustomer.getOrDefault(key(province, idType, idNumber.trim()), Set.of(NORMAL)));
    }

    @Override
    public CustomerCategorySetting set(Caller caller, IdType idType, String idNumber, Set<String> categories,
            String reason) {
        caller.requireRole(Role.MANAGER, Role.BACKOFFICE);
        if (idType == null) {
            throw ProblemException.badRequest("ID_TYPE_MISSING", "idType is required", "idType");
        }
        if (idNumber == null || idNumber.isBlank()) {
            throw ProblemException.badRequest("ID_NUMBER_MISSING", "idNumber is required", "idNumber");
        }
        String number = switch (idType) {
            case ID_CARD -> ResidentId.validate(idNumber, "idNumber");
            case BUSINESS_LICENCE -> CreditCode.validate(idNumber, "idNumber");
            default -> idNumber.trim();
        };
        if (categories == null) {
            throw ProblemException.badRequest("CATEGORIES_MISSING", "categories is required", "categories");
        }
        for (String word : categories) {
            if (word == null || !ALL.contains(word)) {
                throw ProblemException.badRequest("CATEGORY_INVALID", "categories are words of " + ALL, "categories");
            }
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("REASON_MISSING", "a change of categories says why", "reason");
        }
        List<String> words = new ArrayList<>();
        for (String word : ALL) {
            if (categories.contains(word) && !NORMAL.equals(word)) {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            words.add(NORMAL);
        }
        byCustomer.put(key(caller.province(), idType, number), new LinkedHashSet<>(words));
        int changed = 0;
        if (subscribers != null) {
            for (Subscriber s : subscribers.all()) {
                if (caller.province().equals(s.province()) && s.holder() != null && s.holder().idType() == idType
                        && number.equals(s.holder().idNumber())) {
                    subscribers.add(s.withCategories(new LinkedHashSet<>(words)));
                    changed++;
                }
            }
        }
        return new CustomerCategorySetting(caller.province(), idType, Masking.idNumber(number), words, changed,
                caller.user(), clock.now(), reason.strip());
    }

    private static String key(String province, IdType idType, String idNumber) {
        return province + "|" + idType + "|" + idNumber;
    }
}
