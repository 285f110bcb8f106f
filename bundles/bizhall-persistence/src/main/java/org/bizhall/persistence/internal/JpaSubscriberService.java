package org.bizhall.persistence.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.TextLimits;
import org.bizhall.api.common.Masking;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Subscribers in the {@code subscribers} table; the holder's name and ID stay inside this service. */
@Component(service = SubscriberService.class)
public class JpaSubscriberService implements SubscriberService {
    /** The category every new subscriber starts in. */
    static final String DEFAULT_CATEGORY = "NORMAL";

    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    AuditLog audit;
    @Reference
    SchemaReady schema;
    @Reference
    ServicePasswordHashing hashing;

    @Override
    public Optional<Subscriber> find(Msisdn msisdn) {
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(SubscriberEntity.class, msisdn.value())).map(this::toSubscriber));
    }

    @Override
    public Subscriber register(NewSubscriber s) {
        Msisdn msisdn = Msisdn.parse(s.msisdn(), "msisdn");
        if (s.province() == null || s.holder() == null) {
            throw ProblemException.badRequest("SUBSCRIBER_INVALID", "a subscriber needs a province and a holder", "holder");
        }
        // hashing is slow on purpose; do it before the transaction takes any lock
        String hash = s.servicePassword() == null || s.servicePassword().isEmpty() ? null
                : hashing.hasher().hash(s.servicePassword());
        Instant now = clock.now().toInstant();
        Subscriber created = Tx.decide(jpa, em -> {
            SubscriberEntity previous = em.find(SubscriberEntity.class, msisdn.value());
            if (previous != null && previous.status != SubscriberStatus.CANCELLED) {
                return Tx.Outcome.refused(ProblemException.conflict("SUBSCRIBER_EXISTS", "the number is already in service"));
            }
            if (previous != null) {
                // a cancelled number back from quarantine: its former subscriber lives on in the audit trail and the
                // ledger of its own account, so the row is taken over by the new one
                audit.record(null, "SUBSCRIBER_REPLACED", s.orderId(), msisdn.value(), null,
                        "cancelled subscriber of account " + previous.accountId + " replaced");
                em.remove(previous);
                em.flush();
            }
            SubscriberEntity e = new SubscriberEntity();
            e.msisdn = msisdn.value();
            e.province = s.province();
            e.hallId = s.hall();
            e.status = SubscriberStatus.ACTIVE;
            Customer h = s.holder();
            // The edge refuses longer input; this guard keeps a caller that skipped it from failing at commit.
            TextLimits.bounded(h.name() == null ? null : h.name().trim(), TextLimits.NAME, "customer.name");
            TextLimits.bounded(h.idNumber(), TextLimits.ID_NUMBER, "customer.idNumber");
            TextLimits.bounded(h.address(), TextLimits.ADDRESS, "customer.address");
            e.holderType = h.type();
            e.holderName = h.name() == null ? null : h.name().trim();
            e.holderIdType = h.idType();
            e.holderIdNumber = h.idNumber();
            e.holderAddress = h.address();
            e.packageCode = s.packageCode();
            e.features = Codec.commaList(s.features() == null ? List.of() : s.features());
            // the customer's categories in this province (rulebook §14), NORMAL for a customer nobody categorised
            e.categories = JpaCustomerCategories.storedList(em, s.province(), h.idType(), h.idNumber());
            e.accountId = s.accountId();
            e.passwordHash = hash;
            e.openedAt = now;
            e.updatedAt = now;
            e.statusSince = now;
            e.orderId = s.orderId();
            em.persist(e);
            audit.record(null, "SUBSCRIBER_REGISTERED", s.orderId(), msisdn.value(), null, "package " + s.packageCode());
            return Tx.Outcome.ok(toSubscriber(e));
        });
        return created;
    }

    @Override
    public boolean holderMatches(Msisdn msisdn, String name) {
        SubscriberEntity e = Tx.call(jpa, em -> em.find(SubscriberEntity.class, msisdn.value()));
        if (e == null) {
            throw ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number");
        }
        return name != null && e.holderName != null && e.holderName.trim().equals(name.trim());
    }

    /** Whether {@code password} is the subscriber's service password; false when none is set. */
    boolean servicePasswordMatches(Msisdn msisdn, String password) {
        SubscriberEntity e = Tx.call(jpa, em -> em.find(SubscriberEntity.class, msisdn.value()));
        return e != null && hashing.hasher().verify(password, e.passwordHash).right();
    }

    @Override
    public Subscriber changeStatus(Msisdn msisdn, Set<SubscriberStatus> from, SubscriberStatus status, String orderId) {
        return changeStatus(msisdn, from, status, null, orderId);
    }

    @Override
    public Subscriber changeStatus(Msisdn msisdn, Set<SubscriberStatus> from, SubscriberStatus status,
            LocalDate cancellableFrom, String orderId) {
        if (status == null) {
            throw ProblemException.badRequest("STATUS_MISSING", "status is required", "status");
        }
        Set<SubscriberStatus> expected = Set.copyOf(from);
        Instant now = clock.now().toInstant();
        return Tx.decide(jpa, em -> {
            SubscriberEntity e = Tx.lockFresh(em, SubscriberEntity.class, msisdn.value());
            if (e == null) {
                return Tx.Outcome.refused(notFound());
            }
            SubscriberStatus before = e.status;
            if (!expected.contains(before)) {
                return Tx.Outcome.refused(ProblemException.conflict("SUBSCRIBER_STATUS_CHANGED",
                        "the number is " + before + " now; it changed while the request was decided"));
            }
            e.status = status;
            e.cancellableFrom = status == SubscriberStatus.PENDING_CANCELLATION ? cancellableFrom : null;
            e.statusSince = now;
            e.updatedAt = now;
            audit.record(null, "SUBSCRIBER_STATUS_CHANGED", orderId, msisdn.value(), null, before + " -> " + status
                    + (e.cancellableFrom == null ? "" : ", cancellable from " + e.cancellableFrom));
            return Tx.Outcome.ok(toSubscriber(e));
        });
    }

    @Override
    public Subscriber changeFeatures(Msisdn msisdn, Set<String> add, Set<String> remove, String orderId) {
        return update(msisdn, orderId, "SUBSCRIBER_FEATURES_CHANGED", e -> {
            LinkedHashSet<String> features = new LinkedHashSet<>(Codec.fromCommaList(e.features));
            features.removeAll(remove == null ? Set.of() : remove);
            features.addAll(add == null ? Set.of() : add);
            e.features = Codec.commaList(List.copyOf(features));
            return "+" + (add == null ? Set.of() : add) + " -" + (remove == null ? Set.of() : remove);
        });
    }

    @Override
    public Subscriber changePackage(Msisdn msisdn, String packageCode, String orderId) {
        if (packageCode == null || packageCode.isBlank()) {
            throw ProblemException.badRequest("PACKAGE_MISSING", "a package code is required", "package");
        }
        Instant now = clock.now().toInstant();
        return Tx.decide(jpa, em -> {
            SubscriberEntity e = Tx.lockFresh(em, SubscriberEntity.class, msisdn.value());
            if (e == null) {
                return Tx.Outcome.refused(notFound());
            }
            String before = e.packageCode;
            e.packageCode = packageCode;
            e.updatedAt = now;
            // what the number had until now: a billing run of a month that ended before this change charges it
            PackageChangeEntity change = new PackageChangeEntity();
            change.msisdn = e.msisdn;
            change.packageBefore = before;
            change.packageAfter = packageCode;
            change.changedAt = now;
            change.orderId = orderId;
            em.persist(change);
            audit.record(null, "SUBSCRIBER_PACKAGE_CHANGED", orderId, msisdn.value(), null, before + " -> " + packageCode);
            return Tx.Outcome.ok(toSubscriber(e));
        });
    }

    @Override
    public Subscriber changeHolder(Msisdn msisdn, Customer holder, long accountId, String orderId) {
        if (holder == null || holder.type() == null) {
            throw ProblemException.badRequest("SUBSCRIBER_INVALID", "a subscriber needs a holder", "holder");
        }
        TextLimits.bounded(holder.name() == null ? null : holder.name().trim(), TextLimits.NAME, "holder.name");
        TextLimits.bounded(holder.idNumber(), TextLimits.ID_NUMBER, "holder.idNumber");
        TextLimits.bounded(holder.address(), TextLimits.ADDRESS, "holder.address");
        return update(msisdn, orderId, "SUBSCRIBER_HOLDER_CHANGED", (em, e) -> {
            Customer before = new Customer(e.holderType, e.holderName, e.holderIdType, e.holderIdNumber, null);
            e.holderType = holder.type();
            e.holderName = holder.name() == null ? null : holder.name().trim();
            e.holderIdType = holder.idType();
            e.holderIdNumber = holder.idNumber();
            e.holderAddress = holder.address();
            long beforeAccount = e.accountId;
            e.accountId = accountId;
            // categories are the customer's (rulebook §14): the new holder's apply from now on
            e.categories = JpaCustomerCategories.storedList(em, e.province, holder.idType(), holder.idNumber());
            // the service password was the old holder's secret
            e.passwordHash = null;
            e.passwordFailures = 0;
            e.passwordLockedUntil = null;
            return Masking.name(before.name()) + "/" + Masking.idNumber(before.idNumber()) + " -> "
                    + Masking.name(holder.name()) + "/" + Masking.idNumber(holder.idNumber()) + ", account "
                    + beforeAccount + " -> " + accountId;
        });
    }

    @Override
    public Subscriber changeCommitments(Msisdn msisdn, Set<String> commitments, String orderId) {
        return update(msisdn, orderId, "SUBSCRIBER_COMMITMENTS_CHANGED", e -> {
            String before = e.commitments;
            e.commitments = Codec.commaList(commitments == null ? List.of() : List.copyOf(new java.util.TreeSet<>(commitments)));
            return "[" + before + "] -> [" + e.commitments + "]";
        });
    }

    @Override
    public Page<Subscriber> inStatus(String province, SubscriberStatus status, OffsetDateTime changedBefore, int offset,
            int limit) {
        int first = Math.max(offset, 0);
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : Math.min(limit, Page.MAX_LIMIT);
        String where = " where s.status = :status and s.statusSince < :before"
                + (province == null ? "" : " and s.province = :p");
        return Tx.call(jpa, em -> {
            var items = em.createQuery("select s from SubscriberEntity s" + where + " order by s.statusSince, s.msisdn",
                    SubscriberEntity.class);
            var count = em.createQuery("select count(s) from SubscriberEntity s" + where, Long.class);
            for (var q : List.of(items, count)) {
                q.setParameter("status", status).setParameter("before", changedBefore.toInstant());
                if (province != null) {
                    q.setParameter("p", province);
                }
            }
            List<Subscriber> page = items.setFirstResult(first).setMaxResults(max).getResultList().stream()
                    .map(this::toSubscriber).toList();
            return new Page<>(page, count.getSingleResult());
        });
    }

    /** One change of a subscriber row under its lock, audited as {@code action} with what {@code change} reports. */
    private Subscriber update(Msisdn msisdn, String orderId, String action,
            java.util.function.Function<SubscriberEntity, String> change) {
        return update(msisdn, orderId, action, (em, e) -> change.apply(e));
    }

    /** The same, for a change that reads other rows in the transaction. */
    private Subscriber update(Msisdn msisdn, String orderId, String action,
            java.util.function.BiFunction<javax.persistence.EntityManager, SubscriberEntity, String> change) {
        Instant now = clock.now().toInstant();
        return Tx.decide(jpa, em -> {
            SubscriberEntity e = Tx.lockFresh(em, SubscriberEntity.class, msisdn.value());
            if (e == null) {
                return Tx.Outcome.refused(notFound());
            }
            String detail = change.apply(em, e);
            e.updatedAt = now;
            audit.record(null, action, orderId, msisdn.value(), null, detail);
            return Tx.Outcome.ok(toSubscriber(e));
        });
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number");
    }

    @Override
    public Page<Subscriber> list(String province, int offset, int limit) {
        int first = Math.max(offset, 0);
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : Math.min(limit, Page.MAX_LIMIT);
        String where = province == null ? "" : " where s.province = :p";
        return Tx.call(jpa, em -> {
            var items = em.createQuery("select s from SubscriberEntity s" + where + " order by s.msisdn", SubscriberEntity.class);
            var count = em.createQuery("select count(s) from SubscriberEntity s" + where, Long.class);
            if (province != null) {
                items.setParameter("p", province);
                count.setParameter("p", province);
            }
            List<Subscriber> page = items.setFirstResult(first).setMaxResults(max).getResultList().stream()
                    .map(this::toSubscriber).toList();
            return new Page<>(page, count.getSingleResult());
        });
    }

    private Subscriber toSubscriber(SubscriberEntity e) {
        return toSubscriber(e, clock.zone());
    }

    static Subscriber toSubscriber(SubscriberEntity e, java.time.ZoneId zone) {
        Customer holder = new Customer(e.holderType, e.holderName, e.holderIdType, e.holderIdNumber, e.holderAddress);
        return new Subscriber(e.msisdn, e.province, e.hallId, e.status, holder, e.packageCode,
                Codec.fromCommaList(e.features), new LinkedHashSet<>(Codec.fromCommaList(e.categories)), e.accountId,
                e.passwordHash != null, Codec.time(e.openedAt, zone), e.cancellableFrom,
                Codec.time(e.statusSince == null ? e.openedAt : e.statusSince, zone),
                new LinkedHashSet<>(Codec.fromCommaList(e.commitments)));
    }
}
