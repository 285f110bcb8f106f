package org.bizhall.testing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/**
 * Subscribers in memory with the service's semantics: {@link #register} refuses a number in service (409
 * {@code SUBSCRIBER_EXISTS}); {@link #changeStatus} moves a number only from a status the caller decided on (409
 * {@code SUBSCRIBER_STATUS_CHANGED}, 404 {@code SUBSCRIBER_NOT_FOUND}) and keeps the history of changes; only whether
 * a service password was given is kept, and {@link #holderMatches} answers without handing out the name.
 */
public final class InMemorySubscribers implements SubscriberService, DirectTransactions.Participant {
    /** A valid resident holder the tests use when the holder does not matter. */
    public static final Customer HOLDER = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD,
            "11010519491231002X", "西安");
    /** The category every new subscriber starts in. */
    public static final String DEFAULT_CATEGORY = "NORMAL";

    private final BusinessClock clock;
    private Map<String, Subscriber> subscribers = new LinkedHashMap<>();
    private List<String> statusChanges = new ArrayList<>();
    private List<PackageChange> packageChanges = new ArrayList<>();
    private final Map<String, String> passwordsGiven = new LinkedHashMap<>();

    public InMemorySubscribers() {
        this(new SettableClock());
    }

    public InMemorySubscribers(BusinessClock clock) {
        this.clock = clock;
    }

    /** Puts a subscriber in service as it is (a number that existed before the test). */
    public Subscriber add(Subscriber subscriber) {
        subscribers.put(subscriber.msisdn(), subscriber);
        return subscriber;
    }

    /** Puts an ACTIVE GOTONE-88 subscriber of {@link #HOLDER} in service, opened three months ago. */
    public Subscriber add(String msisdn, String province, String hall, long accountId) {
        return add(new Subscriber(msisdn, province, hall, SubscriberStatus.ACTIVE, HOLDER, "GOTONE-88", List.of(),
                Set.of(DEFAULT_CATEGORY), accountId, false, clock.now().minusMonths(3)));
    }

    @Override
    public Optional<Subscriber> find(Msisdn msisdn) {
        return Optional.ofNullable(subscribers.get(msisdn.value()));
    }

    @Override
    public Subscriber register(NewSubscriber s) {
        if (s.province() == null || s.holder() == null) {
            throw ProblemException.badRequest("SUBSCRIBER_INVALID", "a subscriber needs a province and a holder", "holder");
        }
        Msisdn msisdn = Msisdn.parse(s.msisdn(), "msisdn");
        Subscriber previous = subscribers.get(msisdn.value());
        if (previous != null && previous.status() != SubscriberStatus.CANCELLED) {
            throw ProblemException.conflict("SUBSCRIBER_EXISTS", "the number is already in service");
        }
        boolean password = s.servicePassword() != null && !s.servicePassword().isEmpty();
        OffsetDateTime now = clock.now();
        Subscriber created = new Subscriber(msisdn.value(), s.province(), s.hall(), SubscriberStatus.ACTIVE, s.holder(),
                s.packageCode(), s.features() == null ? List.of() : s.features(), Set.of(DEFAULT_CATEGORY),
                s.accountId(), password, now);
        subscribers.put(created.msisdn(), created);
        if (password) {
            passwordsGiven.put(created.msisdn(), s.servicePassword());
        }
        return created;
    }

    @Override
    public boolean holderMatches(Msisdn msisdn, String name) {
        Subscriber s = require(msisdn);
        String holder = s.holder() == null ? null : s.holder().name();
        return name != null && holder != null && holder.trim().equals(name.trim());
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
        Subscriber s = require(msisdn);
        if (!from.contains(s.status())) {
            throw ProblemException.conflict("SUBSCRIBER_STATUS_CHANGED",
                    "the number is " + s.status() + " now; it changed while the request was decided");
        }
        Subscriber changed = s.withStatus(status,
                status == SubscriberStatus.PENDING_CANCELLATION ? cancellableFrom : null, clock.now());
        subscribers.put(s.msisdn(), changed);
        statusChanges.add(s.msisdn() + " " + s.status() + " -> " + status);
        return changed;
    }

    @Override
    public Subscriber changeFeatures(Msisdn msisdn, Set<String> add, Set<String> remove, String orderId) {
        Subscriber s = require(msisdn);
        LinkedHashSet<String> features = new LinkedHashSet<>(s.features());
        features.removeAll(remove == null ? Set.of() : remove);
        features.addAll(add == null ? Set.of() : add);
        return put(s.withFeatures(List.copyOf(features)));
    }

    @Override
    public Subscriber changePackage(Msisdn msisdn, String packageCode, String orderId) {
        if (packageCode == null || packageCode.isBlank()) {
            throw ProblemException.badRequest("PACKAGE_MISSING", "a package code is required", "package");
        }
        Subscriber before = require(msisdn);
        packageChanges.add(new PackageChange(before.msisdn(), before.packageCode(), packageCode, clock.now(), orderId));
        return put(before.withPackage(packageCode));
    }

    /** A package change as {@link #changePackage} made it, at the clock's time: what the number had until then. */
    public record PackageChange(String msisdn, String before, String after, OffsetDateTime at, String orderId) {
    }

    /** Every package change made, oldest first (the store keeps the same history for billing). */
    public List<PackageChange> packageChanges() {
        return List.copyOf(packageChanges);
    }

    @Override
    public Subscriber changeHolder(Msisdn msisdn, Customer holder, long accountId, String orderId) {
        if (holder == null || holder.type() == null) {
            throw ProblemException.badRequest("SUBSCRIBER_INVALID", "a subscriber needs a holder", "holder");
        }
        passwordsGiven.remove(msisdn.value());
        return put(require(msisdn).withHolder(holder, accountId));
    }

    @Override
    public Subscriber changeCommitments(Msisdn msisdn, Set<String> commitments, String orderId) {
        return put(require(msisdn).withCommitments(commitments == null ? Set.of() : commitments));
    }

    @Override
    public Page<Subscriber> inStatus(String province, SubscriberStatus status, OffsetDateTime changedBefore, int offset,
            int limit) {
        List<Subscriber> matching = subscribers.values().stream()
                .filter(s -> province == null || s.province().equals(province))
                .filter(s -> s.status() == status && s.statusSince().isBefore(changedBefore))
                .sorted(Comparator.comparing(Subscriber::statusSince).thenComparing(Subscriber::msisdn)).toList();
        return new Page<>(matching.stream().skip(Math.max(offset, 0)).limit(limit <= 0 ? Page.DEFAULT_LIMIT : limit)
                .toList(), matching.size());
    }

    private Subscriber put(Subscriber changed) {
        subscribers.put(changed.msisdn(), changed);
        return changed;
    }

    @Override
    public Page<Subscriber> list(String province, int offset, int limit) {
        List<Subscriber> matching = subscribers.values().stream()
                .filter(s -> province == null || s.province().equals(province))
                .sorted(Comparator.comparing(Subscriber::msisdn)).toList();
        return new Page<>(matching.stream().skip(Math.max(offset, 0)).limit(limit <= 0 ? Page.DEFAULT_LIMIT : limit)
                .toList(), matching.size());
    }

    /** The current status of a number in service. */
    public SubscriberStatus status(String msisdn) {
        return require(new Msisdn(msisdn)).status();
    }

    /** Every status change, oldest first, as {@code "13891800001 ACTIVE -> SUSPENDED_LOSS"}. */
    public List<String> statusChanges() {
        return List.copyOf(statusChanges);
    }

    /** The service passwords given at registration, by number (the real service keeps only their hashes). */
    public Map<String, String> passwordsGiven() {
        return Map.copyOf(passwordsGiven);
    }

    /** Every subscriber, by number. */
    public List<Subscriber> all() {
        return subscribers.values().stream().sorted(Comparator.comparing(Subscriber::msisdn)).toList();
    }

    public int count() {
        return subscribers.size();
    }

    private Subscriber require(Msisdn msisdn) {
        Subscriber s = subscribers.get(msisdn.value());
        if (s == null) {
            throw ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number");
        }
        return s;
    }

    @Override
    public Object snapshot() {
        return List.of(new LinkedHashMap<>(subscribers), new ArrayList<>(statusChanges), new ArrayList<>(packageChanges));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        List<Object> both = (List<Object>) snapshot;
        subscribers = new LinkedHashMap<>((Map<String, Subscriber>) both.get(0));
        statusChanges = new ArrayList<>((List<String>) both.get(1));
        packageChanges = new ArrayList<>((List<PackageChange>) both.get(2));
    }
}
