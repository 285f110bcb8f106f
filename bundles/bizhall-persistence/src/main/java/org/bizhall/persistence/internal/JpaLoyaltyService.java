package org.bizhall.persistence.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.TextLimits;
import org.bizhall.api.loyalty.Gift;
import org.bizhall.api.loyalty.LoyaltyService;
import org.bizhall.api.loyalty.PointsMovement;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Points and gifts in the database. A balance and a stock are only ever changed by one conditional bulk update each
 * ({@code … where balance + n >= 0}, {@code … where stock >= q}): the row lock that update takes orders concurrent
 * redemptions, and the one that finds too little changes nothing, on one node or many; the check constraints of V15
 * stand behind it. A balance row is created under the subscriber's row lock (once per number), so two first movements
 * meet there. Locks are taken in one order (subscriber, gift, balance) so that no two calls wait on each other.
 */
@Component(service = LoyaltyService.class)
public class JpaLoyaltyService implements LoyaltyService {
    static final int REASON_MAX = 200;
    private static final Pattern GIFT_CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,31}");

    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    AuditLog audit;
    @Reference
    SchemaReady schema;

    @Override
    public long balance(String msisdn) {
        return Tx.decide(jpa, em -> {
            if (msisdn == null || em.find(SubscriberEntity.class, msisdn) == null) {
                return Tx.Outcome.refused(notFound());
            }
            return Tx.Outcome.ok(currentBalance(em, msisdn));
        });
    }

    @Override
    public Page<PointsMovement> movements(String msisdn, int offset, int limit) {
        int first = Math.max(0, offset);
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : Math.min(limit, Page.MAX_LIMIT);
        return Tx.call(jpa, em -> {
            long total = em.createQuery("select count(m) from PointsMovementEntity m where m.msisdn = :m", Long.class)
                    .setParameter("m", msisdn).getSingleResult();
            var items = em.createQuery("select m from PointsMovementEntity m where m.msisdn = :m order by m.id desc",
                    PointsMovementEntity.class).setParameter("m", msisdn).setFirstResult(first).setMaxResults(max)
                    .getResultList().stream().map(this::toMovement).toList();
            return new Page<>(items, total);
        });
    }

    @Override
    public Optional<PointsMovement> earn(String msisdn, YearMonth month, long points, String note) {
        if (month == null || points < 0) {
            throw ProblemException.badRequest("POINTS_INVALID", "an earning needs a month and points of 0 or more",
                    "points");
        }
        if (points == 0) {
            return Optional.empty();
        }
        return Tx.decide(jpa, em -> {
            Instant now = clock.now().toInstant();
            if (!ensureBalance(em, msisdn, now)) {
                return Tx.Outcome.refused(notFound());
            }
            // two earnings of one number meet on its balance row (not the subscriber's, which counter work may hold
            // while it waits for the account a billing run has locked); the key of points_earnings stands behind it
            Tx.lockFresh(em, PointsBalanceEntity.class, msisdn);
            if (em.find(PointsEarningEntity.class, new PointsEarningEntity.Key(msisdn, month.toString())) != null) {
                return Tx.Outcome.ok(Optional.<PointsMovement>empty());
            }
            move(em, msisdn, points, now);
            PointsMovementEntity m = movement(em, msisdn, PointsMovement.EARN, points, now);
            m.month = month.toString();
            m.reason = Codec.truncate(note, REASON_MAX);
            em.persist(m);
            em.flush();
            PointsEarningEntity claim = new PointsEarningEntity();
            claim.msisdn = msisdn;
            claim.month = month.toString();
            claim.movementId = m.id;
            em.persist(claim);
            em.flush();
            return Tx.Outcome.ok(Optional.of(toMovement(m)));
        });
    }

    /**
     * {@link #earn} for a billing run's page, set-based in JDBC batches ({@link Jdbc}): the earnings already claimed
     * are looked up (one query) and left alone; the others' balances are moved (the update takes each balance row's
     * lock, in number order); a number without a balance row yet gets one made under its subscriber's row lock, as
     * {@code ensureBalance} does; the new balances are read back, one movement written each, its id read back (the
     * newest movement of a balance this transaction holds locked is its own: every movement follows the update of its
     * balance), and the claims. The key of {@code points_earnings} decides: a run on another node that earned one of
     * them since the lookup makes the claims' insert fail, and the call throws 409 {@code POINTS_CONFLICT} for the
     * caller to roll back and run the page again.
     */
    @Override
    public List<Boolean> earnAll(YearMonth month, List<Earning> earnings) {
        if (month == null || earnings.stream().anyMatch(e -> e.points() < 0)) {
            throw ProblemException.badRequest("POINTS_INVALID", "an earning needs a month and points of 0 or more",
                    "points");
        }
        Map<String, Integer> firstAt = new LinkedHashMap<>();
        for (int i = 0; i < earnings.size(); i++) {
            if (earnings.get(i).points() > 0) {
                firstAt.putIfAbsent(earnings.get(i).msisdn(), i);
            }
        }
        if (firstAt.isEmpty()) {
            return earnings.stream().map(e -> false).toList();
        }
        Set<String> credited = Tx.call(jpa, em -> Jdbc.work(em, c -> {
            Instant now = clock.now().toInstant();
            List<String> open = new ArrayList<>(firstAt.keySet());
            open.removeAll(Jdbc.in(c, "SELECT msisdn FROM points_earnings WHERE earn_month = ? AND msisdn IN %s",
                    List.of(month.toString()), open, (q, i, m) -> q.setString(i, m),
                    (rs, into) -> into.put(rs.getString(1), Boolean.TRUE)).keySet());
            Collections.sort(open);
            List<String> without = Jdbc.batch(c, "UPDATE points_balances SET balance = balance + ?, updated_at = ?"
                    + " WHERE msisdn = ?", open, (q, i, m) -> {
                        q.setLong(i, earnings.get(firstAt.get(m)).points());
                        Jdbc.timestamp(q, i + 1, now);
                        q.setString(i + 2, m);
                    });
            if (!without.isEmpty()) {
                // a first movement: the balance row is made under the subscriber's row lock, as ensureBalance does
                if (!Jdbc.batch(c, "UPDATE subscribers SET status = status WHERE msisdn = ?", without,
                        (q, i, m) -> q.setString(i, m)).isEmpty()) {
                    throw notFound();
                }
                insertOrConflict(c, "INSERT INTO points_balances (msisdn, balance, updated_at) VALUES (?, ?, ?)", without,
                        (q, i, m) -> {
                            q.setString(i, m);
                            q.setLong(i + 1, earnings.get(firstAt.get(m)).points());
                            Jdbc.timestamp(q, i + 2, now);
                        });
            }
            Map<String, Long> after = Jdbc.in(c, "SELECT msisdn, balance FROM points_balances WHERE msisdn IN %s", open,
                    (q, i, m) -> q.setString(i, m), (rs, into) -> into.put(rs.getString(1), rs.getLong(2)));
            Jdbc.batch(c, "INSERT INTO points_movements (msisdn, kind, points, balance_after, earn_month, reason,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", open, (q, i, m) -> {
                        q.setString(i, m);
                        q.setString(i + 1, PointsMovement.EARN);
                        q.setLong(i + 2, earnings.get(firstAt.get(m)).points());
                        q.setLong(i + 3, after.get(m));
                        q.setString(i + 4, month.toString());
                        q.setString(i + 5, Codec.truncate(earnings.get(firstAt.get(m)).note(), REASON_MAX));
                        Jdbc.timestamp(q, i + 6, now);
                    });
            Map<String, Long> movements = Jdbc.in(c, "SELECT msisdn, MAX(id) FROM points_movements WHERE msisdn IN %s"
                    + " GROUP BY msisdn", open, (q, i, m) -> q.setString(i, m),
                    (rs, into) -> into.put(rs.getString(1), rs.getLong(2)));
            insertOrConflict(c, "INSERT INTO points_earnings (msisdn, earn_month, movement_id) VALUES (?, ?, ?)", open,
                    (q, i, m) -> {
                        q.setString(i, m);
                        q.setString(i + 1, month.toString());
                        q.setLong(i + 2, movements.get(m));
                    });
            return new HashSet<>(open);
        }));
        List<Boolean> result = new ArrayList<>(earnings.size());
        for (int i = 0; i < earnings.size(); i++) {
            String m = earnings.get(i).msisdn();
            result.add(Integer.valueOf(i).equals(firstAt.get(m)) && credited.contains(m));
        }
        return result;
    }

    private static void insertOrConflict(java.sql.Connection c, String sql, List<String> keys,
            Jdbc.Binder<String> binder) throws java.sql.SQLException {
        try {
            Jdbc.batch(c, sql, keys, binder);
        } catch (java.sql.SQLException e) {
            if (Jdbc.duplicateKey(e)) {
                throw ProblemException.conflict("POINTS_CONFLICT",
                        "another run earned some of these numbers points meanwhile; earn them again");
            }
            throw e;
        }
    }

    @Override
    public PointsMovement adjust(String msisdn, long points, String reason, String by) {
        if (points == 0) {
            throw ProblemException.badRequest("POINTS_INVALID", "an adjustment moves a balance by points other than 0",
                    "points");
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("REASON_MISSING", "an adjustment says why", "reason");
        }
        String why = TextLimits.bounded(reason.trim(), REASON_MAX, "reason");
        return Tx.decide(jpa, em -> {
            Instant now = clock.now().toInstant();
            if (!ensureBalance(em, msisdn, now)) {
                return Tx.Outcome.refused(notFound());
            }
            if (!move(em, msisdn, points, now)) {
                return Tx.Outcome.refused(insufficient("points"));
            }
            PointsMovementEntity m = movement(em, msisdn, PointsMovement.ADJUST, points, now);
            m.reason = why;
            m.by = by;
            em.persist(m);
            em.flush();
            audit.record(by == null ? JpaAuditLog.SYSTEM : by, "POINTS_ADJUSTED", null, "points " + msisdn, null,
                    (points > 0 ? "+" : "") + points + " points: " + why);
            return Tx.Outcome.ok(toMovement(m));
        });
    }

    @Override
    public Page<Gift> gifts(int offset, int limit) {
        int first = Math.max(0, offset);
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : Math.min(limit, Page.MAX_LIMIT);
        return Tx.call(jpa, em -> {
            long total = em.createQuery("select count(g) from GiftEntity g", Long.class).getSingleResult();
            var items = em.createQuery("select g from GiftEntity g order by g.code", GiftEntity.class)
                    .setFirstResult(first).setMaxResults(max).getResultList().stream().map(JpaLoyaltyService::toGift)
                    .toList();
            return new Page<>(items, total);
        });
    }

    @Override
    public Optional<Gift> gift(String code) {
        if (code == null) {
            return Optional.empty();
        }
        // the stock as committed now, not as this persistence context may have loaded it before a bulk update
        return Tx.call(jpa, em -> em.createQuery("select g from GiftEntity g where g.code = :c", GiftEntity.class)
                .setParameter("c", code).getResultList().stream().findFirst().map(g -> {
                    em.refresh(g);
                    return toGift(g);
                }));
    }

    @Override
    public Gift addGift(Gift gift) {
        if (gift == null || gift.code() == null || !GIFT_CODE.matcher(gift.code()).matches() || gift.points() <= 0
                || gift.stock() < 0 || gift.creditFen() < 0 || gift.name() == null || gift.name().isBlank()) {
            throw ProblemException.badRequest("GIFT_INVALID",
                    "a gift needs a code, a name, points above 0, a stock and a credit of 0 or more", "code");
        }
        String name = TextLimits.bounded(gift.name().trim(), 100, "name");
        return Tx.call(jpa, em -> {
            GiftEntity known = em.find(GiftEntity.class, gift.code());
            if (known != null) {
                return toGift(known);
            }
            GiftEntity e = new GiftEntity();
            e.code = gift.code();
            e.name = name;
            e.points = gift.points();
            e.stock = gift.stock();
            e.creditFen = gift.creditFen();
            em.persist(e);
            em.flush();
            return toGift(e);
        });
    }

    @Override
    public PointsMovement redeem(String msisdn, String giftCode, int quantity, String orderId) {
        if (quantity < 1) {
            throw ProblemException.badRequest("QUANTITY_INVALID", "at least one gift is redeemed", "quantity");
        }
        if (orderId == null || orderId.isBlank()) {
            throw ProblemException.badRequest("ORDER_ID_MISSING", "a redemption belongs to an order", "orderId");
        }
        return Tx.decide(jpa, em -> {
            Instant now = clock.now().toInstant();
            if (em.find(PointsRedemptionEntity.class, orderId) != null) {
                return Tx.Outcome.refused(ProblemException.conflict("REDEMPTION_EXISTS",
                        "the order has redeemed its gift already"));
            }
            if (!ensureBalance(em, msisdn, now)) {
                return Tx.Outcome.refused(notFound());
            }
            GiftEntity gift = giftCode == null ? null : em.find(GiftEntity.class, giftCode);
            if (gift == null) {
                return Tx.Outcome.refused(ProblemException.notFound("GIFT_NOT_FOUND", "there is no such gift"));
            }
            long points = Math.multiplyExact(gift.points, (long) quantity);
            if (!stock(em, giftCode, -quantity)) {
                return Tx.Outcome.refused(ProblemException.rule("GIFT_OUT_OF_STOCK",
                        "the halls have fewer of this gift than asked for", "giftCode"));
            }
            if (!move(em, msisdn, -points, now)) {
                stock(em, giftCode, quantity); // under this transaction's row lock: as if it had not been taken
                return Tx.Outcome.refused(insufficient("points"));
            }
            PointsRedemptionEntity r = new PointsRedemptionEntity();
            r.orderId = orderId;
            r.msisdn = msisdn;
            r.giftCode = giftCode;
            r.quantity = quantity;
            r.points = points;
            r.state = PointsRedemptionEntity.HELD;
            r.createdAt = now;
            em.persist(r);
            PointsMovementEntity m = movement(em, msisdn, PointsMovement.REDEEM, -points, now);
            m.giftCode = giftCode;
            m.quantity = quantity;
            m.orderId = orderId;
            em.persist(m);
            em.flush();
            return Tx.Outcome.ok(toMovement(m));
        });
    }

    @Override
    public Optional<PointsMovement> giveBack(String orderId, String note) {
        if (orderId == null) {
            return Optional.empty();
        }
        return Tx.call(jpa, em -> {
            em.flush();
            int taken = em.createQuery("update PointsRedemptionEntity r set r.state = :back"
                    + " where r.orderId = :o and r.state = :held").setParameter("back", PointsRedemptionEntity.GIVEN_BACK)
                    .setParameter("o", orderId).setParameter("held", PointsRedemptionEntity.HELD).executeUpdate();
            if (taken == 0) {
                return Optional.<PointsMovement>empty();
            }
            Object[] r = em.createQuery("select r.msisdn, r.giftCode, r.quantity, r.points from PointsRedemptionEntity r"
                    + " where r.orderId = :o", Object[].class).setParameter("o", orderId).getSingleResult();
            String msisdn = (String) r[0];
            String giftCode = (String) r[1];
            int quantity = ((Number) r[2]).intValue();
            long points = ((Number) r[3]).longValue();
            Instant now = clock.now().toInstant();
            stock(em, giftCode, quantity);
            move(em, msisdn, points, now);
            PointsMovementEntity m = movement(em, msisdn, PointsMovement.GIVE_BACK, points, now);
            m.giftCode = giftCode;
            m.quantity = quantity;
            m.orderId = orderId;
            m.reason = Codec.truncate(note, REASON_MAX);
            em.persist(m);
            em.flush();
            return Optional.of(toMovement(m));
        });
    }

    /** Makes sure the number has a balance row; false when there is no such subscriber. */
    private static boolean ensureBalance(EntityManager em, String msisdn, Instant now) {
        if (msisdn == null) {
            return false;
        }
        if (em.find(PointsBalanceEntity.class, msisdn) != null) {
            return true;
        }
        if (Tx.lockFresh(em, SubscriberEntity.class, msisdn) == null) {
            return false;
        }
        if (em.find(PointsBalanceEntity.class, msisdn) == null) { // a concurrent first earning may have made it
            PointsBalanceEntity b = new PointsBalanceEntity();
            b.msisdn = msisdn;
            b.balance = 0;
            b.updatedAt = now;
            em.persist(b);
            em.flush();
        }
        return true;
    }

    /** Moves the balance by {@code points} unless that would take it below zero; false, changing nothing, then. */
    private static boolean move(EntityManager em, String msisdn, long points, Instant now) {
        em.flush();
        return em.createQuery("update PointsBalanceEntity b set b.balance = b.balance + :n, b.updatedAt = :now"
                + " where b.msisdn = :m and b.balance + :n >= 0").setParameter("n", points).setParameter("now", now)
                .setParameter("m", msisdn).executeUpdate() == 1;
    }

    /** Moves the gift's stock by {@code quantity} unless that would take it below zero. */
    private static boolean stock(EntityManager em, String giftCode, long quantity) {
        em.flush();
        return em.createQuery("update GiftEntity g set g.stock = g.stock + :q where g.code = :c and g.stock + :q >= 0")
                .setParameter("q", quantity).setParameter("c", giftCode).executeUpdate() == 1;
    }

    private static long currentBalance(EntityManager em, String msisdn) {
        return em.createQuery("select b.balance from PointsBalanceEntity b where b.msisdn = :m", Long.class)
                .setParameter("m", msisdn).getResultList().stream().findFirst().orElse(0L);
    }

    /** A movement of {@code points} carrying the balance the update just left (read under its row lock). */
    private static PointsMovementEntity movement(EntityManager em, String msisdn, String kind, long points, Instant now) {
        PointsMovementEntity m = new PointsMovementEntity();
        m.msisdn = msisdn;
        m.kind = kind;
        m.points = points;
        m.balanceAfter = currentBalance(em, msisdn);
        m.createdAt = now;
        return m;
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has the number");
    }

    private static ProblemException insufficient(String field) {
        return ProblemException.rule("POINTS_INSUFFICIENT", "the number has fewer points than that", field);
    }

    static Gift toGift(GiftEntity e) {
        return new Gift(e.code, e.name, e.points, e.stock, e.creditFen);
    }

    private PointsMovement toMovement(PointsMovementEntity e) {
        return new PointsMovement(e.id, e.msisdn, e.kind, e.points, e.balanceAfter, e.month, e.giftCode, e.quantity,
                e.orderId, e.reason, e.by, Codec.time(e.createdAt, clock.zone()));
    }
}
