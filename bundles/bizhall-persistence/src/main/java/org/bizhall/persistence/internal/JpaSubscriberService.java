package org.bizhall.persistence.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.TextLimits;
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

    @Reference(target = "(osgi.unit.name=bizhall)")
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
            if (em.find(SubscriberEntity.class, msisdn.value()) != null) {
                return Tx.Outcome.refused(ProblemException.conflict("SUBSCRIBER_EXISTS", "the number is already in service"));
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
            e.categories = DEFAULT_CATEGORY;
            e.accountId = s.accountId();
            e.passwordHash = hash;
            e.openedAt = now;
            e.updatedAt = now;
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
        if (status == null) {
            throw ProblemException.badRequest("STATUS_MISSING", "status is required", "status");
        }
        Set<SubscriberStatus> expected = Set.copyOf(from);
        Instant now = clock.now().toInstant();
        return Tx.decide(jpa, em -> {
            SubscriberEntity e = Tx.lockFresh(em, SubscriberEntity.class, msisdn.value());
            if (e == null) {
                return Tx.Outcome.refused(ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number"));
            }
            SubscriberStatus before = e.status;
            if (!expected.contains(before)) {
                return Tx.Outcome.refused(ProblemException.conflict("SUBSCRIBER_STATUS_CHANGED",
                        "the number is " + before + " now; it changed while the request was decided"));
            }
            e.status = status;
            e.updatedAt = now;
            audit.record(null, "SUBSCRIBER_STATUS_CHANGED", orderId, msisdn.value(), null, before + " -> " + status);
            return Tx.Outcome.ok(toSubscriber(e));
        });
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
                e.passwordHash != null, Codec.time(e.openedAt, zone));
    }
}
