package org.bizhall.testing;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Reservation;

/**
 * A number pool in memory with the contract's refusals (404 {@code NUMBER_UNKNOWN}, 403 {@code OTHER_PROVINCE}, 409
 * {@code NUMBER_RESERVED}, {@code NUMBER_ASSIGNED}, {@code NUMBER_QUARANTINED}, {@code RESERVATION_EXPIRED}).
 * Reservations last {@link #reservationMinutes} of the given clock; an expired one counts as available.
 */
public final class InMemoryNumberPool implements NumberPool {
    private final BusinessClock clock;
    private final Map<String, PoolNumber> numbers = new LinkedHashMap<>();
    private int reservationMinutes = 30;
    private Runnable beforeWrite = () -> { };

    public InMemoryNumberPool() {
        this(new SettableClock());
    }

    public InMemoryNumberPool(BusinessClock clock) {
        this.clock = clock;
    }

    /** How long a reservation holds (the province parameter's national default is 30). */
    public InMemoryNumberPool reservationMinutes(int minutes) {
        this.reservationMinutes = minutes;
        return this;
    }

    /** Runs {@code check} before every write, e.g. {@link DirectTransactions#requireActive}. */
    public InMemoryNumberPool beforeWrite(Runnable check) {
        this.beforeWrite = check;
        return this;
    }

    /** Adds an available number. */
    public InMemoryNumberPool with(String msisdn, String province, long prestoreFen) {
        add(List.of(new PoolNumber(msisdn, province, NumberStatus.AVAILABLE, prestoreFen, null, null, null)));
        return this;
    }

    @Override
    public Page<PoolNumber> available(String province, String prefix, String pattern, int offset, int limit) {
        String regex = pattern == null || pattern.isEmpty() ? ".*" : pattern.replace("*", "[0-9]*");
        List<PoolNumber> found = numbers.values().stream().map(this::view)
                .filter(n -> n.province().equals(province) && n.status() == NumberStatus.AVAILABLE)
                .filter(n -> prefix == null || n.msisdn().startsWith(prefix)).filter(n -> n.msisdn().matches(regex))
                .sorted(Comparator.comparing(PoolNumber::msisdn)).toList();
        return new Page<>(found.stream().skip(Math.max(offset, 0)).limit(limit <= 0 ? Page.DEFAULT_LIMIT : limit)
                .toList(), found.size());
    }

    @Override
    public Optional<PoolNumber> find(Msisdn msisdn) {
        return Optional.ofNullable(numbers.get(msisdn.value())).map(this::view);
    }

    @Override
    public Reservation reserve(Msisdn msisdn, String province, String user) {
        return hold(msisdn, province, user, null);
    }

    @Override
    public Reservation holdForOrder(Msisdn msisdn, String province, String user, String orderId) {
        PoolNumber n = numbers.get(msisdn.value());
        if (n != null && n.province().equals(province) && n.status() == NumberStatus.RESERVED
                && user.equals(n.reservedBy())) {
            if (!live(n)) {
                throw ProblemException.conflict("RESERVATION_EXPIRED", "the reservation of this number has expired");
            }
            if (n.orderId() != null && !n.orderId().equals(orderId)) {
                throw ProblemException.conflict("NUMBER_RESERVED", "the number is held for another order");
            }
        }
        return hold(msisdn, province, user, orderId);
    }

    private Reservation hold(Msisdn msisdn, String province, String user, String orderId) {
        PoolNumber n = numbers.get(msisdn.value());
        if (n == null) {
            throw ProblemException.notFound("NUMBER_UNKNOWN", "the number is not in the pool");
        }
        if (!n.province().equals(province)) {
            throw ProblemException.forbidden("OTHER_PROVINCE", "the number belongs to another province");
        }
        boolean own = orderId != null && n.status() == NumberStatus.RESERVED && user.equals(n.reservedBy()) && live(n);
        if (!own && view(n).status() != NumberStatus.AVAILABLE) {
            throw refusal(n);
        }
        beforeWrite.run();
        OffsetDateTime expires = clock.now().plusMinutes(reservationMinutes);
        numbers.put(n.msisdn(), new PoolNumber(n.msisdn(), n.province(), NumberStatus.RESERVED, n.prestoreFen(), user,
                orderId, expires));
        return new Reservation(n.msisdn(), user, orderId, expires, n.prestoreFen());
    }

    @Override
    public void assign(Msisdn msisdn, String orderId) {
        PoolNumber n = numbers.get(msisdn.value());
        if (n == null) {
            throw ProblemException.notFound("NUMBER_UNKNOWN", "the number is not in the pool");
        }
        if (n.status() == NumberStatus.ASSIGNED && orderId.equals(n.orderId())) {
            return; // a repeated step
        }
        if (n.status() != NumberStatus.RESERVED || !orderId.equals(n.orderId()) || !live(n)) {
            throw ProblemException.conflict("RESERVATION_EXPIRED", "the order no longer holds this number");
        }
        beforeWrite.run();
        numbers.put(n.msisdn(), new PoolNumber(n.msisdn(), n.province(), NumberStatus.ASSIGNED, n.prestoreFen(),
                n.reservedBy(), orderId, null));
    }

    @Override
    public void release(Msisdn msisdn, String orderId) {
        PoolNumber n = numbers.get(msisdn.value());
        if (n != null && n.status() == NumberStatus.RESERVED && orderId.equals(n.orderId())) {
            beforeWrite.run();
            numbers.put(n.msisdn(), new PoolNumber(n.msisdn(), n.province(), NumberStatus.AVAILABLE, n.prestoreFen(),
                    null, null, null));
        }
    }

    @Override
    public void quarantine(Msisdn msisdn, String province, OffsetDateTime availableFrom, String orderId) {
        beforeWrite.run();
        PoolNumber n = numbers.get(msisdn.value());
        numbers.put(msisdn.value(), new PoolNumber(msisdn.value(), n == null ? province : n.province(),
                NumberStatus.QUARANTINED, n == null ? 0 : n.prestoreFen(), null, orderId, availableFrom));
    }

    @Override
    public int add(List<PoolNumber> added) {
        beforeWrite.run();
        int count = 0;
        for (PoolNumber n : added) {
            if (numbers.putIfAbsent(n.msisdn(), n) == null) {
                count++;
            }
        }
        return count;
    }

    @Override
    public long count(String province) {
        return numbers.values().stream().filter(n -> n.province().equals(province)).count();
    }

    /** Every number as stored (an expired reservation still shows as RESERVED), in the order added. */
    public List<PoolNumber> all() {
        return List.copyOf(numbers.values());
    }

    /** A number as stored, or null. */
    public PoolNumber number(String msisdn) {
        return numbers.get(msisdn);
    }

    private boolean live(PoolNumber n) {
        return n.expiresAt() != null && !n.expiresAt().isBefore(clock.now());
    }

    /** What the service shows: a lapsed reservation or quarantine is an available number. */
    private PoolNumber view(PoolNumber n) {
        if ((n.status() == NumberStatus.RESERVED || n.status() == NumberStatus.QUARANTINED) && !live(n)) {
            return new PoolNumber(n.msisdn(), n.province(), NumberStatus.AVAILABLE, n.prestoreFen(), null, null, null);
        }
        return n;
    }

    private static ProblemException refusal(PoolNumber n) {
        if (n.status() == NumberStatus.ASSIGNED) {
            return ProblemException.conflict("NUMBER_ASSIGNED", "the number is already assigned");
        }
        if (n.status() == NumberStatus.QUARANTINED) {
            return ProblemException.conflict("NUMBER_QUARANTINED", "the number rests before it returns to the pool");
        }
        return ProblemException.conflict("NUMBER_RESERVED", "the number is reserved");
    }
}
