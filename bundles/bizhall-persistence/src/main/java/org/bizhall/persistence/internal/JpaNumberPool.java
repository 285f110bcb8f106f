package org.bizhall.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.sql.DataSource;

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
    /**
     * A number's row read by statement, never as a managed entity: the pool's rows change by statements only (bulk
     * updates bypass the persistence context), so a managed entity could be stale. {@link Row#read} reads it.
     */
    private static final String ROW = "SELECT msisdn, province, status, reserved_by, order_id, expires_at,"
            + " prestore_fen FROM pool_numbers WHERE msisdn ";

    /*
     * The pool's changes, one statement each on the transaction's connection: a row of the pool is only ever written by
     * statements (quarantine's entity aside, in a transaction of its own), and the query language's bulk update cost a
     * quarter of an opening's hold in Hibernate's own work (docs/benchmarks.md, "What the flight recorder did not see").
     * A hold takes a free number (the search's condition); a hold for an order the reserver's own live reservation,
     * unless another order holds it.
     */
    private static final String HOLD = "UPDATE pool_numbers SET status = 'RESERVED', reserved_by = ?, order_id = ?,"
            + " expires_at = ? WHERE msisdn = ? AND " + Search.FREE;
    private static final String HOLD_RESERVED_FOR_ORDER = "UPDATE pool_numbers SET order_id = ?, expires_at = ?"
            + " WHERE msisdn = ? AND status = 'RESERVED' AND reserved_by = ? AND expires_at >= ?"
            + " AND (order_id IS NULL OR order_id = ?)";
    private static final String ASSIGN = "UPDATE pool_numbers SET status = 'ASSIGNED', expires_at = NULL"
            + " WHERE msisdn = ? AND status = 'RESERVED' AND order_id = ? AND expires_at >= ?";
    private static final String RELEASE = "UPDATE pool_numbers SET status = 'AVAILABLE', reserved_by = NULL,"
            + " order_id = NULL, expires_at = NULL WHERE msisdn = ? AND status = 'RESERVED' AND order_id = ?";

    @Reference(service = TransactionScopedTemplate.class)
    TypedJpaTemplate jpa;
    /** The unit's pool, for a search outside any transaction. */
    @Reference(target = "(osgi.jndi.service.name=bizhall)")
    DataSource dataSource;
    @Reference
    BusinessClock clock;
    @Reference
    ProvinceParameters provinceParameters;
    @Reference
    SchemaReady schema;

    /** A number's row as last committed: enough to say why an update did not take. */
    private record Row(String province, NumberStatus status, String reservedBy, String orderId, Instant expiresAt,
            long prestoreFen) {
        /** The current row of a result of {@link #ROW}. */
        static Row read(ResultSet rs) throws SQLException {
            return new Row(rs.getString(2), NumberStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                    Jdbc.instant(rs, 6), rs.getLong(7));
        }

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
        Search search = new Search(province, prefix == null || prefix.isEmpty() ? null : prefix,
                pattern == null || pattern.isEmpty() ? null : pattern.replace('*', '%'), clock.now().toInstant(),
                clock.zone());
        int first = Math.max(offset, 0);
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : Math.min(limit, Page.MAX_LIMIT);
        if (jpa.transactionActive()) {
            // on the caller's transaction's connection, so that its own holds are seen; nothing to flush first: the
            // pool's rows are written by statements, never through the persistence context
            return Tx.call(jpa, em -> Jdbc.onTransactionConnection(em, c -> search.page(c, first, max)));
        }
        // a search on its own (every GET /numbers) needs no transaction: see Jdbc.outsideTransaction
        return Jdbc.outsideTransaction(dataSource, "the number pool", c -> search.page(c, first, max));
    }

    /**
     * A search of the pool in plain statements. The page's numbers first, then their rows: every column the condition
     * names is in the search index (province, msisdn, status, expires_at), so walking past the numbers that are not
     * free reads the index alone (reading whole rows in that walk fetched each passed-over number's row from the table
     * before testing it: three times the time with 841 assigned numbers before the first free one). A prefix is a
     * range of the key, not a LIKE: Derby evaluated the LIKE on every row the count walked (about five times the time
     * of the range, and most of what a search allocated); numbers are digits only. The count is {@code count(*)}:
     * Hibernate's {@code count(n)} was {@code count(msisdn)}, which Derby answers by reading each counted key out of
     * the index to test it for null.
     */
    private record Search(String province, String prefix, String like, Instant now, ZoneId zone) {
        /**
         * A free number, as {@link Row#free} says of a row read: available, or reserved or resting past its end. The
         * search lists what a hold ({@link #HOLD}) would take. Bound by {@link #bindFree}.
         */
        static final String FREE = "(status = ? OR ((status = ? OR status = ?) AND expires_at < ?))";

        /** Binds {@link #FREE} from parameter {@code i}; the index of the next parameter. */
        static int bindFree(PreparedStatement s, int i, Instant now) throws SQLException {
            s.setString(i, NumberStatus.AVAILABLE.name());
            s.setString(i + 1, NumberStatus.RESERVED.name());
            s.setString(i + 2, NumberStatus.QUARANTINED.name());
            Jdbc.timestamp(s, i + 3, now);
            return i + 4;
        }

        Page<PoolNumber> page(Connection c, int first, int max) throws SQLException {
            String below = prefix == null ? null : afterPrefix(prefix);
            StringBuilder where = new StringBuilder(" FROM pool_numbers WHERE province = ? AND ").append(FREE);
            if (prefix != null) {
                where.append(" AND msisdn >= ?");
                if (below != null) {
                    where.append(" AND msisdn < ?");
                }
            }
            if (like != null) {
                where.append(" AND msisdn LIKE ?");
            }
            List<String> numbers = new ArrayList<>();
            String window = first == 0 ? " FETCH FIRST ? ROWS ONLY" : " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
            try (PreparedStatement keys = Jdbc.prepare(c, "SELECT msisdn" + where + " ORDER BY msisdn" + window)) {
                int next = bind(keys, below);
                if (first > 0) {
                    keys.setInt(next++, first);
                }
                keys.setInt(next, max);
                try (ResultSet rs = keys.executeQuery()) {
                    while (rs.next()) {
                        numbers.add(rs.getString(1));
                    }
                }
            }
            Map<String, Row> rows = Jdbc.in(c, ROW + "IN %s", numbers, (s, i, n) -> s.setString(i, n),
                    (rs, into) -> into.put(rs.getString(1), Row.read(rs)));
            // a number taken between the two reads (each sees what was committed when it ran) is left out rather than
            // shown as free
            List<PoolNumber> page = numbers.stream().filter(n -> rows.containsKey(n) && rows.get(n).free(now))
                    .map(n -> view(n, rows.get(n), now, zone)).toList();
            // a page that ends before its limit is the last one: it tells the total without counting again (a pattern
            // search usually finds fewer numbers than a page holds)
            if (numbers.size() < max && (first == 0 || !numbers.isEmpty())) {
                return new Page<>(page, first + numbers.size());
            }
            try (PreparedStatement count = Jdbc.prepare(c, "SELECT COUNT(*)" + where)) {
                bind(count, below);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return new Page<>(page, rs.getLong(1));
                }
            }
        }

        /** Binds the condition's values; the index of the next parameter. */
        private int bind(PreparedStatement s, String below) throws SQLException {
            s.setString(1, province);
            int i = bindFree(s, 2, now);
            if (prefix != null) {
                s.setString(i++, prefix);
                if (below != null) {
                    s.setString(i++, below);
                }
            }
            if (like != null) {
                s.setString(i++, like);
            }
            return i;
        }
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
        return Tx.call(jpa, em -> Optional.ofNullable(row(em, msisdn.value()))
                .map(r -> view(msisdn.value(), r, now, clock.zone())));
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
                updated = Jdbc.update(em, HOLD_RESERVED_FOR_ORDER, q -> {
                    q.setString(1, orderId);
                    Jdbc.timestamp(q, 2, expires);
                    q.setString(3, msisdn);
                    q.setString(4, user);
                    Jdbc.timestamp(q, 5, now);
                    q.setString(6, orderId);
                });
            } else {
                updated = Jdbc.update(em, HOLD, q -> {
                    q.setString(1, user);
                    q.setString(2, orderId);
                    Jdbc.timestamp(q, 3, expires);
                    q.setString(4, msisdn);
                    Search.bindFree(q, 5, now);
                });
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
            int updated = Jdbc.update(em, ASSIGN, q -> {
                q.setString(1, msisdn.value());
                q.setString(2, orderId);
                Jdbc.timestamp(q, 3, now);
            });
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
        Tx.run(jpa, em -> Jdbc.update(em, RELEASE, q -> {
            q.setString(1, msisdn.value());
            q.setString(2, orderId);
        }));
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
                try (PreparedStatement q = Jdbc.prepare(c,
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

    /** The number's row as this transaction's statements left it, or null for a number not in the pool. */
    private static Row row(EntityManager em, String msisdn) {
        return Jdbc.one(em, ROW + "= ?", s -> s.setString(1, msisdn), Row::read).orElse(null);
    }

    /** An expired reservation or quarantine shows as an available number. */
    private static PoolNumber view(String msisdn, Row r, Instant now, ZoneId zone) {
        if (r.status() != NumberStatus.AVAILABLE && r.free(now)) {
            return new PoolNumber(msisdn, r.province(), NumberStatus.AVAILABLE, r.prestoreFen(), null, null, null);
        }
        return new PoolNumber(msisdn, r.province(), r.status(), r.prestoreFen(), r.reservedBy(), r.orderId(),
                Codec.time(r.expiresAt(), zone));
    }
}
