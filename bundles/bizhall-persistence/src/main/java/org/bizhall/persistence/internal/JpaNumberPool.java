package org.bizhall.persistence.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.Reservation;
import org.hibernate.Session;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The number pool in {@code pool_numbers}. Every status change is one conditional UPDATE whose WHERE clause states the
 * status it expects: of two concurrent callers the database lets exactly one update the row, the other sees 0 rows and
 * is told why. A reservation whose {@code expires_at} has passed counts as available; nothing sweeps it.
 */
@Component(service = NumberPool.class)
public class JpaNumberPool implements NumberPool {
    static final int BATCH = 500;
    /** Read as projections: bulk updates bypass the persistence context, so managed entities could be stale. */
    private static final String COLUMNS = ", n.province, n.status, n.reservedBy, n.orderId, n.expiresAt, n.prestoreFen";

    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    ProvinceParameters provinceParameters;
    @Reference
    SchemaReady schema;

    /** A number's row as last committed: enough to say why an update did not take. */
    private record Row(String province, NumberStatus status, String reservedBy, String orderId, Instant expiresAt,
            long prestoreFen) {
        boolean live(Instant now) {
            return status == NumberStatus.RESERVED && expiresAt != null && !expiresAt.isBefore(now);
        }

        boolean free(Instant now) {
            return status == NumberStatus.AVAILABLE
                    || status == NumberStatus.RESERVED && (expiresAt == null || expiresAt.isBefore(now))
                    || status == NumberStatus.QUARANTINED && expiresAt != null && expiresAt.isBefore(now);
        }
    }

    @Override
    public Page<PoolNumber> available(String province, String prefix, String pattern, int offset, int limit) {
        if (prefix != null && !prefix.isEmpty() && !prefix.matches("[0-9]{1,11}")) {
            throw ProblemException.badRequest("PREFIX_INVALID", "prefix is up to 11 digits", "prefix");
        }
        if (pattern != null && !pattern.isEmpty() && !pattern.matches("[0-9*]{1,22}")) {
            throw ProblemException.badRequest("PATTERN_INVALID", "pattern is digits and * (any run of digits)", "pattern");
        }
        int first = Math.max(offset, 0);
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : Math.min(limit, Page.MAX_LIMIT);
        Instant now = clock.now().toInstant();
        StringBuilder where = new StringBuilder(
                " where n.province = :province and (n.status = :available or ((n.status = :reserved or n.status = :quarantined) and n.expiresAt < :now))");
        // a prefix is a range of the key, not a LIKE: Derby evaluated the LIKE on every row the count walked (about 5
        // times the time of the range, and most of what a search allocated); numbers are digits only
        String below = prefix == null || prefix.isEmpty() ? null : afterPrefix(prefix);
        if (prefix != null && !prefix.isEmpty()) {
            where.append(" and n.msisdn >= :prefix");
            if (below != null) {
                where.append(" and n.msisdn < :below");
            }
        }
        if (pattern != null && !pattern.isEmpty()) {
            where.append(" and n.msisdn like :pattern");
        }
        return Tx.call(jpa, em -> {
            // The page's numbers first, then their rows: every column the condition names is in the search index
            // (province, msisdn, status, expires_at), so walking past the numbers that are not free reads the index
            // alone. Reading whole rows in that walk fetched each passed-over number's row from the table before
            // testing it: three times the time with 841 assigned numbers before the first free one.
            TypedQuery<String> keys = em.createQuery("select n.msisdn from PoolNumberEntity n" + where
                    + " order by n.msisdn", String.class);
            // count(*), not count(n): Hibernate writes count(n) as count(msisdn), and Derby then reads each counted
            // number's key out of the index to test it for null (a fifth more time for a prefix of 1,000 numbers)
            TypedQuery<Long> count = em.createQuery("select count(*) from PoolNumberEntity n" + where, Long.class);
            for (TypedQuery<?> q : List.of(keys, count)) {
                q.setParameter("province", province);
                q.setParameter("available", NumberStatus.AVAILABLE);
                q.setParameter("reserved", NumberStatus.RESERVED);
                q.setParameter("quarantined", NumberStatus.QUARANTINED);
                q.setParameter("now", now);
                if (prefix != null && !prefix.isEmpty()) {
                    q.setParameter("prefix", prefix);
                    if (below != null) {
                        q.setParameter("below", below);
                    }
                }
                if (pattern != null && !pattern.isEmpty()) {
                    q.setParameter("pattern", pattern.replace('*', '%'));
                }
            }
            List<String> numbers = keys.setFirstResult(first).setMaxResults(max).getResultList();
            Map<String, Row> rows = new HashMap<>();
            // in lists as long as the database reads them well (Jdbc.inList: one number at a time on Derby)
            int list = numbers.isEmpty() ? 1 : em.unwrap(Session.class).doReturningWork(Jdbc::inList);
            for (int from = 0; from < numbers.size(); from += list) {
                em.createQuery("select n.msisdn" + COLUMNS + " from PoolNumberEntity n where n.msisdn in :numbers",
                        Object[].class).setParameter("numbers", numbers.subList(from, Math.min(numbers.size(),
                                from + list))).getResultList().forEach(r -> rows.put((String) r[0], toRow(r, 1)));
            }
            // a number taken between the two reads (read committed) is left out rather than shown as free
            List<PoolNumber> page = numbers.stream().filter(n -> rows.containsKey(n) && rows.get(n).free(now))
                    .map(n -> view(n, rows.get(n), now)).toList();
            // a page that ends before its limit is the last one: it tells the total without counting again (a pattern
            // search usually finds fewer numbers than a page holds)
            boolean last = numbers.size() < max && (first == 0 || !numbers.isEmpty());
            return new Page<>(page, last ? first + numbers.size() : count.getSingleResult());
        });
    }

    /**
     * The first digit string after every string that begins with {@code prefix} (digits): the prefix with its last
     * digit below 9 raised by one and what follows dropped ("13891809" → "1389181"); null when it is all nines (no
     * bound). Digit strings compare digit by digit in every collation, so [prefix, this) holds exactly the numbers
     * that begin with the prefix.
     */
    static String afterPrefix(String prefix) {
        int last = prefix.length() - 1;
        while (last >= 0 && prefix.charAt(last) == '9') {
            last--;
        }
        return last < 0 ? null : prefix.substring(0, last) + (char) (prefix.charAt(last) + 1);
    }

    @Override
    public Optional<PoolNumber> find(Msisdn msisdn) {
        Instant now = clock.now().toInstant();
        return Tx.call(jpa, em -> Optional.ofNullable(row(em, msisdn.value())).map(r -> view(msisdn.value(), r, now)));
    }

    @Override
    public Reservation reserve(Msisdn msisdn, String province, String user) {
        return hold(msisdn.value(), province, user, null, false);
    }

    @Override
    public Reservation holdForOrder(Msisdn msisdn, String province, String user, String orderId) {
        if (orderId == null) {
            throw new IllegalArgumentException("orderId is required");
        }
        return hold(msisdn.value(), province, user, orderId, true);
    }

    private Reservation hold(String msisdn, String province, String user, String orderId, boolean forOrder) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user is required");
        }
        Instant now = clock.now().toInstant();
        Instant expires = now.plus(Duration.ofMinutes(
                provinceParameters.of(province).integer(NationalParams.NUMBER_RESERVATION_MINUTES)));
        return Tx.decide(jpa, em -> {
            Row row = row(em, msisdn);
            if (row == null) {
                return Tx.Outcome.refused(ProblemException.notFound("NUMBER_UNKNOWN", "the number is not in the pool"));
            }
            if (!row.province().equals(province)) {
                return Tx.Outcome.refused(
                        ProblemException.forbidden("OTHER_PROVINCE", "the number belongs to another province"));
            }
            int updated;
            if (forOrder && row.status() == NumberStatus.RESERVED && user.equals(row.reservedBy())) {
                if (!row.live(now)) {
                    return Tx.Outcome.refused(ProblemException.conflict("RESERVATION_EXPIRED",
                            "the reservation of this number has expired"));
                }
                if (row.orderId() != null && !row.orderId().equals(orderId)) {
                    return Tx.Outcome.refused(
                            ProblemException.conflict("NUMBER_RESERVED", "the number is held for another order"));
                }
                updated = em.createQuery("update PoolNumberEntity n set n.orderId = :order, n.expiresAt = :expires"
                        + " where n.msisdn = :msisdn and n.status = :reserved and n.reservedBy = :user"
                        + " and n.expiresAt >= :now and (n.orderId is null or n.orderId = :order)")
                        .setParameter("order", orderId).setParameter("expires", expires).setParameter("msisdn", msisdn)
                        .setParameter("reserved", NumberStatus.RESERVED).setParameter("user", user)
                        .setParameter("now", now).executeUpdate();
            } else {
                updated = em.createQuery("update PoolNumberEntity n set n.status = :reserved, n.reservedBy = :user,"
                        + " n.orderId = :order, n.expiresAt = :expires where n.msisdn = :msisdn"
                        + " and (n.status = :available or ((n.status = :reserved or n.status = :quarantined) and n.expiresAt < :now))")
                        .setParameter("reserved", NumberStatus.RESERVED).setParameter("user", user)
                        .setParameter("quarantined", NumberStatus.QUARANTINED)
                        .setParameter("order", orderId).setParameter("expires", expires).setParameter("msisdn", msisdn)
                        .setParameter("available", NumberStatus.AVAILABLE).setParameter("now", now).executeUpdate();
            }
            if (updated == 1) {
                return Tx.Outcome.ok(new Reservation(msisdn, user, orderId, Codec.time(expires, clock.zone()),
                        row.prestoreFen()));
            }
            // lost a race, or the row was never free: say why from what is committed now
            return Tx.Outcome.refused(refusal(row(em, msisdn), now));
        });
    }

    private static ProblemException refusal(Row row, Instant now) {
        if (row.status() == NumberStatus.ASSIGNED) {
            return ProblemException.conflict("NUMBER_ASSIGNED", "the number is already assigned");
        }
        if (row.status() == NumberStatus.QUARANTINED) {
            return ProblemException.conflict("NUMBER_QUARANTINED", "the number rests before it returns to the pool");
        }
        return ProblemException.conflict("NUMBER_RESERVED", "the number is reserved");
    }

    @Override
    public void assign(Msisdn msisdn, String orderId) {
        Instant now = clock.now().toInstant();
        Tx.decide(jpa, em -> {
            int updated = em.createQuery("update PoolNumberEntity n set n.status = :assigned, n.expiresAt = null"
                    + " where n.msisdn = :msisdn and n.status = :reserved and n.orderId = :order and n.expiresAt >= :now")
                    .setParameter("assigned", NumberStatus.ASSIGNED).setParameter("msisdn", msisdn.value())
                    .setParameter("reserved", NumberStatus.RESERVED).setParameter("order", orderId)
                    .setParameter("now", now).executeUpdate();
            if (updated == 1) {
                return Tx.Outcome.ok(null);
            }
            Row row = row(em, msisdn.value());
            if (row == null) {
                return Tx.Outcome.refused(ProblemException.notFound("NUMBER_UNKNOWN", "the number is not in the pool"));
            }
            if (row.status() == NumberStatus.ASSIGNED && orderId.equals(row.orderId())) {
                return Tx.Outcome.ok(null); // assigned to this order already: a repeated step
            }
            return Tx.Outcome.refused(ProblemException.conflict("RESERVATION_EXPIRED",
                    "the order no longer holds this number"));
        });
    }

    @Override
    public void release(Msisdn msisdn, String orderId) {
        Tx.run(jpa, em -> em.createQuery("update PoolNumberEntity n set n.status = :available, n.reservedBy = null,"
                + " n.orderId = null, n.expiresAt = null where n.msisdn = :msisdn and n.status = :reserved and n.orderId = :order")
                .setParameter("available", NumberStatus.AVAILABLE).setParameter("msisdn", msisdn.value())
                .setParameter("reserved", NumberStatus.RESERVED).setParameter("order", orderId).executeUpdate());
    }

    @Override
    public void quarantine(Msisdn msisdn, String province, OffsetDateTime availableFrom, String orderId) {
        Objects.requireNonNull(availableFrom, "availableFrom");
        Tx.run(jpa, em -> {
            PoolNumberEntity e = em.find(PoolNumberEntity.class, msisdn.value(), LockModeType.PESSIMISTIC_WRITE);
            if (e == null) {
                // a number that came into service before the pool knew it (migrated subscribers)
                e = new PoolNumberEntity();
                e.msisdn = msisdn.value();
                e.province = province;
                e.prestoreFen = 0;
                fill(e, orderId, availableFrom);
                em.persist(e);
                return;
            }
            fill(e, orderId, availableFrom);
        });
    }

    private static void fill(PoolNumberEntity e, String orderId, OffsetDateTime availableFrom) {
        e.status = NumberStatus.QUARANTINED;
        e.reservedBy = null;
        e.orderId = orderId;
        e.expiresAt = availableFrom.toInstant();
    }

    @Override
    public int add(List<PoolNumber> numbers) {
        Map<String, PoolNumber> unique = new LinkedHashMap<>();
        for (PoolNumber n : numbers) {
            if (!Msisdn.isValid(n.msisdn())) {
                throw ProblemException.badRequest("MSISDN_INVALID", "not a mobile number: " + n.msisdn(), "msisdn");
            }
            if (n.province() == null || n.province().isBlank()) {
                throw ProblemException.badRequest("PROVINCE_MISSING", "every number needs a province", "province");
            }
            if (n.prestoreFen() < 0) {
                throw ProblemException.badRequest("AMOUNT_NEGATIVE", "prestoreFen must not be negative", "prestoreFen");
            }
            unique.putIfAbsent(n.msisdn(), n);
        }
        List<PoolNumber> all = new ArrayList<>(unique.values());
        all.sort(Comparator.comparing(PoolNumber::msisdn));
        // plain JDBC batches on the transaction's connection: an import or the demo pool is tens of thousands of rows,
        // and Hibernate's persist and flush of each entity cost as much CPU as Derby's inserts themselves
        return Tx.call(jpa, em -> Jdbc.work(em, c -> {
            int added = 0;
            for (int from = 0; from < all.size(); from += BATCH) {
                List<PoolNumber> chunk = all.subList(from, Math.min(from + BATCH, all.size()));
                // a key range scan: an IN list of hundreds of parameters makes Derby scan the whole table
                Set<String> existing = new HashSet<>();
                try (PreparedStatement q = c.prepareStatement(
                        "SELECT msisdn FROM pool_numbers WHERE msisdn BETWEEN ? AND ?")) {
                    q.setString(1, chunk.get(0).msisdn());
                    q.setString(2, chunk.get(chunk.size() - 1).msisdn());
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            existing.add(rs.getString(1));
                        }
                    }
                }
                List<PoolNumber> fresh = chunk.stream().filter(n -> !existing.contains(n.msisdn())).toList();
                Jdbc.batch(c, "INSERT INTO pool_numbers (msisdn, province, status, prestore_fen, reserved_by, order_id,"
                        + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", fresh, (st, i, n) -> {
                            st.setString(i, n.msisdn());
                            st.setString(i + 1, n.province());
                            st.setString(i + 2, (n.status() == null ? NumberStatus.AVAILABLE : n.status()).name());
                            st.setLong(i + 3, n.prestoreFen());
                            st.setString(i + 4, n.reservedBy());
                            st.setString(i + 5, n.orderId());
                            Instant expires = Codec.instant(n.expiresAt());
                            if (expires == null) {
                                st.setNull(i + 6, Types.TIMESTAMP);
                            } else {
                                Jdbc.timestamp(st, i + 6, expires);
                            }
                        });
                added += fresh.size();
            }
            return added;
        }));
    }

    @Override
    public long count(String province) {
        return Tx.call(jpa, em -> province == null
                ? em.createQuery("select count(*) from PoolNumberEntity n", Long.class).getSingleResult()
                : em.createQuery("select count(*) from PoolNumberEntity n where n.province = :p", Long.class)
                        .setParameter("p", province).getSingleResult());
    }

    /** The committed row as a projection, so a stale managed entity can never answer. */
    private static Row row(EntityManager em, String msisdn) {
        List<Object[]> rows = em.createQuery("select n.msisdn" + COLUMNS + " from PoolNumberEntity n where n.msisdn = :m",
                Object[].class).setParameter("m", msisdn).getResultList();
        return rows.isEmpty() ? null : toRow(rows.get(0), 1);
    }

    private static Row toRow(Object[] r, int i) {
        return new Row((String) r[i], (NumberStatus) r[i + 1], (String) r[i + 2], (String) r[i + 3], (Instant) r[i + 4],
                (Long) r[i + 5]);
    }

    /** An expired reservation or quarantine shows as an available number. */
    private PoolNumber view(String msisdn, Row r, Instant now) {
        if (r.status() != NumberStatus.AVAILABLE && r.free(now)) {
            return new PoolNumber(msisdn, r.province(), NumberStatus.AVAILABLE, r.prestoreFen(), null, null, null);
        }
        return new PoolNumber(msisdn, r.province(), r.status(), r.prestoreFen(), r.reservedBy(), r.orderId(),
                Codec.time(r.expiresAt(), clock.zone()));
    }
}
