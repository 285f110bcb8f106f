package org.bizhall.procedure.opening.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Reservation;

/** An in-memory number pool with the contract's refusals; reservations last 30 minutes of the given clock. */
final class FakeNumberPool implements NumberPool {
    private final Map<String, PoolNumber> numbers = new LinkedHashMap<>();
    OffsetDateTime now = OffsetDateTime.parse("2026-11-10T10:00:00+08:00");

    @Override
    public Page<PoolNumber> available(String province, String prefix, String pattern, int offset, int limit) {
        List<PoolNumber> found = numbers.values().stream()
                .filter(n -> n.province().equals(province) && n.status() == NumberStatus.AVAILABLE)
                .filter(n -> prefix == null || n.msisdn().startsWith(prefix)).toList();
        return new Page<>(found.stream().skip(offset).limit(limit).toList(), found.size());
    }

    @Override
    public Optional<PoolNumber> find(Msisdn msisdn) {
        return Optional.ofNullable(numbers.get(msisdn.value()));
    }

    @Override
    public Reservation reserve(Msisdn msisdn, String province, String user) {
        PoolNumber n = available(msisdn, province);
        PoolNumber reserved = new PoolNumber(n.msisdn(), n.province(), NumberStatus.RESERVED, n.prestoreFen(), user,
                null, now.plusMinutes(30));
        numbers.put(n.msisdn(), reserved);
        return new Reservation(n.msisdn(), user, null, reserved.expiresAt(), n.prestoreFen());
    }

    @Override
    public Reservation holdForOrder(Msisdn msisdn, String province, String user, String orderId) {
        PoolNumber n = numbers.get(msisdn.value());
        if (n != null && n.status() == NumberStatus.RESERVED && user.equals(n.reservedBy()) && n.orderId() == null
                && n.expiresAt().isAfter(now)) {
            numbers.put(n.msisdn(), new PoolNumber(n.msisdn(), n.province(), NumberStatus.RESERVED, n.prestoreFen(),
                    user, orderId, n.expiresAt()));
            return new Reservation(n.msisdn(), user, orderId, n.expiresAt(), n.prestoreFen());
        }
        Reservation r = reserve(msisdn, province, user);
        PoolNumber held = numbers.get(msisdn.value());
        numbers.put(held.msisdn(), new PoolNumber(held.msisdn(), held.province(), NumberStatus.RESERVED,
                held.prestoreFen(), user, orderId, held.expiresAt()));
        return new Reservation(r.msisdn(), user, orderId, r.expiresAt(), r.prestoreFen());
    }

    @Override
    public void assign(Msisdn msisdn, String orderId) {
        PoolNumber n = numbers.get(msisdn.value());
        if (n == null || n.status() != NumberStatus.RESERVED || !orderId.equals(n.orderId())
                || !n.expiresAt().isAfter(now)) {
            throw ProblemException.conflict("RESERVATION_EXPIRED", "the order no longer holds the number");
        }
        numbers.put(n.msisdn(), new PoolNumber(n.msisdn(), n.province(), NumberStatus.ASSIGNED, n.prestoreFen(), null,
                orderId, null));
    }

    @Override
    public void release(Msisdn msisdn, String orderId) {
        PoolNumber n = numbers.get(msisdn.value());
        if (n != null && n.status() == NumberStatus.RESERVED && orderId.equals(n.orderId())) {
            numbers.put(n.msisdn(), new PoolNumber(n.msisdn(), n.province(), NumberStatus.AVAILABLE, n.prestoreFen(),
                    null, null, null));
        }
    }

    @Override
    public int add(List<PoolNumber> added) {
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

    void addAvailable(String msisdn, String province, long prestoreFen) {
        add(new ArrayList<>(List.of(new PoolNumber(msisdn, province, NumberStatus.AVAILABLE, prestoreFen, null, null,
                null))));
    }

    PoolNumber number(String msisdn) {
        return numbers.get(msisdn);
    }

    private PoolNumber available(Msisdn msisdn, String province) {
        PoolNumber n = numbers.get(msisdn.value());
        if (n == null) {
            throw ProblemException.notFound("NUMBER_UNKNOWN", "no such number");
        }
        if (!n.province().equals(province)) {
            throw ProblemException.forbidden("OTHER_PROVINCE", "the number belongs to another province");
        }
        if (n.status() == NumberStatus.ASSIGNED) {
            throw ProblemException.conflict("NUMBER_ASSIGNED", "the number is in service");
        }
        if (n.status() == NumberStatus.RESERVED && n.expiresAt().isAfter(now)) {
            throw ProblemException.conflict("NUMBER_RESERVED", "the number is reserved");
        }
        return n;
    }
}
