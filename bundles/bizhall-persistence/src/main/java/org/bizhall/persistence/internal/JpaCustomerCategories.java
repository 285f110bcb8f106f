package org.bizhall.persistence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;

import org.bizhall.api.common.CreditCode;
import org.bizhall.api.common.Masking;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.ResidentId;
import org.bizhall.api.common.TextLimits;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.CustomerCategories;
import org.bizhall.api.service.CustomerCategorySetting;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Customer categories (rulebook §14) in {@code customer_categories}, one row per customer identity and province, and
 * a copy on every subscriber of that customer there ({@code subscribers.categories}) written in the same transaction;
 * {@link JpaSubscriberService} copies them onto a subscriber registered later or taken over by the customer. Keeping
 * the copy makes every read of a subscriber (the queue's VIP routing, billing runs, the HTTP view) a plain row read.
 */
@Component(service = CustomerCategories.class)
public class JpaCustomerCategories implements CustomerCategories {
    @Reference(service = TransactionScopedTemplate.class)
    TypedJpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    AuditLog audit;
    @Reference
    SchemaReady schema;

    private static final String CATEGORIES = "SELECT categories FROM customer_categories WHERE province = ?"
            + " AND id_type = ? AND id_number = ?";

    @Override
    public Set<String> of(String province, IdType idType, String idNumber) {
        if (province == null || idType == null || idNumber == null) {
            return Set.of(NORMAL);
        }
        String number = idNumber.trim();
        return Tx.call(jpa, em -> new LinkedHashSet<>(Codec.fromCommaList(remembered(em, province, idType, number))));
    }

    /**
     * {@link #storedList}, read once a transaction: at a submission the engine (the order's priority) and the procedure
     * (a rule such as the blacklist's) both ask, nearly always for a row that is not there. A change of the customer's
     * categories in the same transaction ({@link #set}) holds the row as an entity, which is asked first.
     */
    private String remembered(EntityManager em, String province, IdType idType, String number) {
        CustomerCategoryEntity.Key key = new CustomerCategoryEntity.Key(province, idType, number);
        Map<Object, Object> memo = jpa.transactionMemo();
        if (memo == null || Tx.managed(em, CustomerCategoryEntity.class, key) != null) {
            return storedList(em, province, idType, number);
        }
        Object known = memo.get(key);
        if (known == null) {
            known = storedList(em, province, idType, number);
            memo.put(key, known);
        }
        return (String) known;
    }

    /** The categories kept for a customer, as the comma list a subscriber row carries; NORMAL when none were set. */
    static String storedList(EntityManager em, String province, IdType idType, String idNumber) {
        if (province == null || idType == null || idNumber == null) {
            return NORMAL;
        }
        CustomerCategoryEntity known = Tx.managed(em, CustomerCategoryEntity.class,
                new CustomerCategoryEntity.Key(province, idType, idNumber));
        if (known != null) {
            return known.categories;
        }
        // read on every opening, for most customers a row that is not there: a statement, not an entity load
        return Jdbc.one(em, CATEGORIES, s -> {
            s.setString(1, province);
            s.setString(2, idType.name());
            s.setString(3, idNumber);
        }, rs -> rs.getString(1)).orElse(NORMAL);
    }

    @Override
    public CustomerCategorySetting set(Caller caller, IdType idType, String idNumber, Set<String> categories,
            String reason) {
        caller.requireRole(Role.MANAGER, Role.BACKOFFICE);
        String number = number(idType, idNumber);
        List<String> words = normalised(categories);
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("REASON_MISSING", "a change of categories says why", "reason");
        }
        String why = TextLimits.bounded(reason, TextLimits.NOTE, "reason").strip();
        String province = caller.province();
        String list = Codec.commaList(words);
        Instant now = clock.now().toInstant();
        return Tx.call(jpa, em -> {
            CustomerCategoryEntity.Key key = new CustomerCategoryEntity.Key(province, idType, number);
            CustomerCategoryEntity e = em.find(CustomerCategoryEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
            String before = e == null ? NORMAL : e.categories;
            boolean first = e == null;
            if (first) {
                e = new CustomerCategoryEntity();
                e.province = province;
                e.idType = idType;
                e.idNumber = number;
            }
            e.categories = list;
            e.reason = why;
            e.changedBy = Codec.truncate(caller.user(), 64);
            e.changedAt = now;
            if (first) {
                em.persist(e);
            }
            try {
                em.flush();
            } catch (PersistenceException raced) {
                // another change of this customer's categories inserted the row first; this transaction is now
                // rollback-only, and the caller reads the categories set and decides again
                throw ProblemException.conflict("CUSTOMER_CATEGORIES_CHANGED",
                        "the customer's categories were changed at the same moment; read them and set them again");
            }
            int subscribers = em.createQuery("update SubscriberEntity s set s.categories = :c, s.updatedAt = :now"
                    + " where s.province = :p and s.holderIdType = :t and s.holderIdNumber = :n")
                    .setParameter("c", list).setParameter("now", now).setParameter("p", province)
                    .setParameter("t", idType).setParameter("n", number).executeUpdate();
            String masked = Masking.idNumber(number);
            audit.record(caller.user(), "CUSTOMER_CATEGORIES_CHANGED", null, idType + " " + masked, null,
                    "[" + before + "] -> [" + list + "] on " + subscribers + " subscriber(s); reason: " + why);
            return new CustomerCategorySetting(province, idType, masked, words, subscribers, caller.user(),
                    Codec.time(now, clock.zone()), why);
        });
    }

    /** The identity number as subscribers keep it (the opening stores the validated form). */
    static String number(IdType idType, String idNumber) {
        if (idType == null) {
            throw ProblemException.badRequest("ID_TYPE_MISSING", "idType is required", "idType");
        }
        if (idNumber == null || idNumber.isBlank()) {
            throw ProblemException.badRequest("ID_NUMBER_MISSING", "idNumber is required", "idNumber");
        }
        TextLimits.bounded(idNumber, TextLimits.ID_NUMBER, "idNumber");
        return switch (idType) {
            case ID_CARD -> ResidentId.validate(idNumber, "idNumber");
            case BUSINESS_LICENCE -> CreditCode.validate(idNumber, "idNumber");
            default -> idNumber.trim();
        };
    }

    /**
     * Known words only, each once, in {@link #ALL} order; {@code NORMAL} goes when another category is set and is what
     * is left when none is.
     */
    static List<String> normalised(Set<String> categories) {
        if (categories == null) {
            throw ProblemException.badRequest("CATEGORIES_MISSING", "categories is required (a list, [] for NORMAL)",
                    "categories");
        }
        for (String word : categories) {
            if (word == null || !ALL.contains(word)) {
                throw ProblemException.badRequest("CATEGORY_INVALID", "categories are words of " + ALL, "categories");
            }
        }
        List<String> words = new ArrayList<>();
        for (String word : ALL) {
            if (categories.contains(word) && !NORMAL.equals(word)) {
                words.add(word);
            }
        }
        return words.isEmpty() ? List.of(NORMAL) : words;
    }
}
