package org.bizhall.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;


import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.billing.CollectionNotice;
import org.bizhall.api.billing.DayClose;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.Subscriber;
import org.bizhall.platform.billing.BillingStore;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Billing's tables: charge claims, arrears notices and closed days. A charge claim and its ledger entry are written
 * under the account row lock, so two runs of one month (on one node or two) meet there and the second finds the claim;
 * the unique constraint on (account, month, item) stands behind the lock. A billing run's page is charged set-based
 * ({@link #chargeAllOnce}) in JDBC batches on the transaction's own connection.
 */
@Component(service = BillingStore.class)
public class JpaBillingStore implements BillingStore {
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    AuditLog audit;
    @Reference
    SchemaReady schema;

    @Override
    public boolean chargeOnce(long accountId, String msisdn, YearMonth month, String item, String kind, long amountFen,
            String note) {
        if (amountFen <= 0 || month == null || item == null || item.isBlank() || item.length() > 64) {
            throw ProblemException.badRequest("CHARGE_INVALID", "a charge needs a month, an item and a positive amount",
                    "amountFen");
        }
        if (kind == null || !KIND.matcher(kind).matches() || kind.length() > 64) {
            throw ProblemException.badRequest("LEDGER_KIND_INVALID", "a ledger kind is an UPPER_SNAKE word", "kind");
        }
        return Tx.decide(jpa, em -> {
            AccountEntity account = Tx.lockFresh(em, AccountEntity.class, accountId);
            if (account == null) {
                return Tx.Outcome.refused(ProblemException.notFound("ACCOUNT_NOT_FOUND", "no account " + accountId));
            }
            long claimed = em.createQuery("select count(c) from BillChargeEntity c where c.accountId = :a"
                    + " and c.month = :m and c.item = :i", Long.class).setParameter("a", accountId)
                    .setParameter("m", month.toString()).setParameter("i", item).getSingleResult();
            if (claimed > 0) {
                em.clear();
                return Tx.Outcome.ok(false);
            }
            Instant now = clock.now().toInstant();
            LedgerEntryEntity entry = JpaAccountService.append(em, account, kind, -amountFen, null, note, now);
            audit.record(JpaAuditLog.SYSTEM, "LEDGER_POSTED", null, "account " + accountId, -amountFen, kind);
            em.flush();
            BillChargeEntity charge = new BillChargeEntity();
            charge.accountId = accountId;
            charge.msisdn = msisdn;
            charge.month = month.toString();
            charge.item = item;
            charge.amountFen = amountFen;
            charge.ledgerEntryId = entry.id;
            charge.chargedAt = now;
            em.persist(charge);
            // a run charges thousands of accounts in one transaction: keep the persistence context (and the dirty
            // check of every flush) small. Store calls hand out records, never entities, so nothing a caller holds
            // is detached.
            em.flush();
            em.clear();
            return Tx.Outcome.ok(true);
        });
    }

    /**
     * Set-based, in JDBC batches on the transaction's connection, a handful of statements for the whole list, none
     * per row on the Java side: the claims already made are looked up (one query; a claim is never taken back, so a
     * repeated run stops there and writes nothing), then for the rest the balances are moved (the update takes each
     * account's row lock, in id order, so two runs of a page meet in the same order and never deadlock), the new
     * balances read back, one ledger entry each, its id read back (the newest entry of an account this transaction
     * holds locked is its own: every ledger write takes the account lock), the claims and one audit row each.
     * <p>
     * No lock is taken to decide: the unique key of {@code bill_charges} does. A run on another node that claimed one of
     * the accounts since the lookup makes the claims' insert fail; the call then throws 409 {@code CHARGE_CONFLICT} and
     * the caller rolls its transaction back (balances and entries with it) and charges the page again, when the
     * lookup finds those claims.
     */
    @Override
    public List<Boolean> chargeAllOnce(YearMonth month, String item, String kind, List<Charge> charges) {
        if (month == null || item == null || item.isBlank() || item.length() > 64
                || charges.stream().anyMatch(c -> c.amountFen() <= 0)) {
            throw ProblemException.badRequest("CHARGE_INVALID", "a charge needs a month, an item and a positive amount",
                    "amountFen");
        }
        if (kind == null || !KIND.matcher(kind).matches() || kind.length() > 64) {
            throw ProblemException.badRequest("LEDGER_KIND_INVALID", "a ledger kind is an UPPER_SNAKE word", "kind");
        }
        if (charges.isEmpty()) {
            return List.of();
        }
        return Tx.call(jpa, em -> Jdbc.work(em, c -> postAll(c, month, item, kind, charges)));
    }

    private List<Boolean> postAll(Connection c, YearMonth month, String item, String kind,
            List<Charge> charges) throws SQLException {
        // the first charge of each account counts
        Map<Long, Integer> firstAt = new LinkedHashMap<>();
        for (int i = 0; i < charges.size(); i++) {
            firstAt.putIfAbsent(charges.get(i).accountId(), i);
        }
        List<Long> open = new ArrayList<>(firstAt.keySet());
        open.removeAll(Jdbc.in(c, "SELECT account_id FROM bill_charges WHERE bill_month = ? AND item = ?"
                + " AND account_id IN %s", List.of(month.toString(), item), open, (q, i, id) -> q.setLong(i, id),
                (rs, into) -> into.put(rs.getLong(1), Boolean.TRUE)).keySet());
        Collections.sort(open);
        Map<Long, Charge> first = new HashMap<>();
        open.forEach(id -> first.put(id, charges.get(firstAt.get(id))));
        Instant now = clock.now().toInstant();
        List<Long> missing = Jdbc.batch(c, "UPDATE accounts SET balance_fen = balance_fen - ? WHERE id = ?", open,
                (s, i, id) -> {
                    s.setLong(i, first.get(id).amountFen());
                    s.setLong(i + 1, id);
                });
        if (!missing.isEmpty()) {
            throw ProblemException.notFound("ACCOUNT_NOT_FOUND", "no account " + missing.get(0));
        }
        Map<Long, Long> balances = Jdbc.in(c, "SELECT id, balance_fen FROM accounts WHERE id IN %s", open,
                (s, i, id) -> s.setLong(i, id), (rs, into) -> into.put(rs.getLong(1), rs.getLong(2)));
        Jdbc.batch(c, "INSERT INTO ledger_entries (account_id, kind, amount_fen, balance_after_fen, posted_at, order_id,"
                + " note) VALUES (?, ?, ?, ?, ?, NULL, ?)", open, (s, i, id) -> {
                    s.setLong(i, id);
                    s.setString(i + 1, kind);
                    s.setLong(i + 2, -first.get(id).amountFen());
                    s.setLong(i + 3, balances.get(id));
                    Jdbc.timestamp(s, i + 4, now);
                    s.setString(i + 5, Codec.truncate(first.get(id).note(), 500));
                });
        Map<Long, Long> entries = Jdbc.in(c, "SELECT account_id, MAX(id) FROM ledger_entries WHERE account_id IN %s"
                + " GROUP BY account_id", open, (s, i, id) -> s.setLong(i, id),
                (rs, into) -> into.put(rs.getLong(1), rs.getLong(2)));
        try {
            Jdbc.batch(c, "INSERT INTO bill_charges (account_id, msisdn, bill_month, item, amount_fen, ledger_entry_id,"
                    + " charged_at) VALUES (?, ?, ?, ?, ?, ?, ?)", open, (s, i, id) -> {
                        s.setLong(i, id);
                        s.setString(i + 1, first.get(id).msisdn());
                        s.setString(i + 2, month.toString());
                        s.setString(i + 3, item);
                        s.setLong(i + 4, first.get(id).amountFen());
                        s.setLong(i + 5, entries.get(id));
                        Jdbc.timestamp(s, i + 6, now);
                    });
        } catch (SQLException e) {
            if (Jdbc.duplicateKey(e)) {
                throw ProblemException.conflict("CHARGE_CONFLICT", "another billing run of " + month
                        + " charged some of these accounts meanwhile; charge them again");
            }
            throw e;
        }
        JpaAuditLog.writeAll(c, now, open, id -> "account " + id, id -> -first.get(id).amountFen(), "LEDGER_POSTED",
                kind);
        List<Boolean> result = new ArrayList<>(charges.size());
        for (int i = 0; i < charges.size(); i++) {
            // only the first charge of an account is posted
            long account = charges.get(i).accountId();
            result.add(firstAt.get(account) == i && first.containsKey(account));
        }
        return result;
    }

    @Override
    public Map<Long, YearMonth> chargeMonths(long accountId) {
        return Tx.call(jpa, em -> {
            Map<Long, YearMonth> months = new LinkedHashMap<>();
            em.createQuery("select c from BillChargeEntity c where c.accountId = :a order by c.ledgerEntryId",
                    BillChargeEntity.class).setParameter("a", accountId).getResultList()
                    .forEach(c -> months.put(c.ledgerEntryId, YearMonth.parse(c.month)));
            return months;
        });
    }

    @Override
    public List<String> numbersInArrears(String province, String afterMsisdn, int limit) {
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : Math.min(limit, Page.MAX_LIMIT);
        String where = "from SubscriberEntity s, AccountEntity a where a.id = s.accountId and a.balanceFen < 0"
                + (province == null ? "" : " and s.province = :p") + (afterMsisdn == null ? "" : " and s.msisdn > :after");
        return Tx.call(jpa, em -> {
            var items = em.createQuery("select s.msisdn " + where + " order by s.msisdn", String.class);
            if (province != null) {
                items.setParameter("p", province);
            }
            if (afterMsisdn != null) {
                items.setParameter("after", afterMsisdn);
            }
            return items.setMaxResults(max).getResultList();
        });
    }

    @Override
    public Map<String, String> packagesBefore(Collection<String> msisdns, OffsetDateTime until) {
        if (msisdns == null || msisdns.isEmpty()) {
            return Map.of();
        }
        Set<String> wanted = new HashSet<>(msisdns);
        return Tx.call(jpa, em -> {
            Map<String, String> before = new LinkedHashMap<>();
            // oldest change first: the first one at or after the time tells what the number had until then. A run's
            // page is one range of numbers: read by that range on the (msisdn, changed_at) index, not by a list of
            // 500 numbers, which Derby would answer by scanning the whole table once per page
            em.createQuery("select c from PackageChangeEntity c where c.msisdn >= :first and c.msisdn <= :last"
                    + " and c.changedAt >= :t order by c.changedAt, c.id", PackageChangeEntity.class)
                    .setParameter("first", Collections.min(wanted)).setParameter("last", Collections.max(wanted))
                    .setParameter("t", until.toInstant()).getResultList()
                    .forEach(c -> {
                        if (wanted.contains(c.msisdn) && !before.containsKey(c.msisdn)) {
                            before.put(c.msisdn, c.packageBefore);
                        }
                    });
            // a number that had no package then had nothing to charge; it is left to the run's own check
            before.values().removeIf(java.util.Objects::isNull);
            return before;
        });
    }

    @Override
    public List<Subscriber> subscribersAfter(String afterMsisdn, int limit) {
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : Math.min(limit, Page.MAX_LIMIT);
        return Tx.call(jpa, em -> {
            var items = em.createQuery("select s from SubscriberEntity s"
                    + (afterMsisdn == null ? "" : " where s.msisdn > :after") + " order by s.msisdn", SubscriberEntity.class);
            if (afterMsisdn != null) {
                items.setParameter("after", afterMsisdn);
            }
            // read only: the page is handed out as records, so the commit need not dirty-check 500 entities
            return items.setHint("org.hibernate.readOnly", true).setMaxResults(max).getResultList().stream()
                    .map(e -> JpaSubscriberService.toSubscriber(e, clock.zone())).toList();
        });
    }

    @Override
    public long subscriberCount() {
        return Tx.call(jpa, em -> em.createQuery("select count(s) from SubscriberEntity s", Long.class).getSingleResult());
    }

    @Override
    public Optional<CollectionNotice> recordNotice(String msisdn, long accountId, String kind, String oldestMonth,
            long arrearsFen, String text) {
        return Tx.call(jpa, em -> {
            // two collection runs meet on the subscriber row; the unique constraint stands behind it
            Tx.lockFresh(em, SubscriberEntity.class, msisdn);
            long sent = em.createQuery("select count(n) from CollectionNoticeEntity n where n.msisdn = :n"
                    + " and n.kind = :k and n.oldestMonth = :m", Long.class).setParameter("n", msisdn)
                    .setParameter("k", kind).setParameter("m", oldestMonth).getSingleResult();
            if (sent > 0) {
                return Optional.empty();
            }
            CollectionNoticeEntity e = new CollectionNoticeEntity();
            e.msisdn = msisdn;
            e.accountId = accountId;
            e.kind = kind;
            e.oldestMonth = oldestMonth;
            e.arrearsFen = arrearsFen;
            e.text = Codec.truncate(text, 1000);
            e.createdAt = clock.now().toInstant();
            em.persist(e);
            em.flush();
            return Optional.of(toNotice(e));
        });
    }

    @Override
    public List<CollectionNotice> notices(String msisdn) {
        return Tx.call(jpa, em -> em.createQuery("select n from CollectionNoticeEntity n where n.msisdn = :n order by n.id",
                CollectionNoticeEntity.class).setParameter("n", msisdn).getResultList().stream().map(this::toNotice).toList());
    }

    @Override
    public List<Receipt> receipts(String hall, LocalDate date) {
        return Tx.call(jpa, em -> em.createQuery("select r from ReceiptEntity r where r.hallId = :h and r.businessDate = :d"
                + " order by r.number", ReceiptEntity.class).setParameter("h", hall).setParameter("d", date.toString())
                .getResultList().stream().map(r -> JpaReceiptService.toReceipt(r, false, clock.zone())).toList());
    }

    @Override
    public Optional<DayClose> dayClose(String hall, LocalDate date) {
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(DayCloseEntity.class,
                new DayCloseEntity.Key(hall, date.toString()))).map(this::toClose));
    }

    @Override
    public void lockHall(String hall) {
        Tx.decide(jpa, em -> {
            if (em.find(HallEntity.class, hall) == null) {
                return Tx.Outcome.refused(ProblemException.notFound("HALL_NOT_FOUND", "no hall " + hall));
            }
            // the lock receipts are numbered under: a day closes between two payments of the hall, never during one
            JpaReceiptService.lockNumbering(em, hall);
            return Tx.Outcome.ok(null);
        });
    }

    @Override
    public DayClose insertDayClose(DayClose close) {
        return Tx.decide(jpa, em -> {
            if (em.find(DayCloseEntity.class, new DayCloseEntity.Key(close.hall(), close.date().toString())) != null) {
                return Tx.Outcome.refused(ProblemException.conflict("DAY_ALREADY_CLOSED",
                        "the day " + close.date() + " of hall " + close.hall() + " is closed"));
            }
            DayCloseEntity e = new DayCloseEntity();
            e.hallId = close.hall();
            e.businessDate = close.date().toString();
            e.totalFen = close.totalFen();
            e.cashFen = close.cashFen();
            e.countedCashFen = close.countedCashFen();
            e.differenceFen = close.differenceFen();
            e.closedBy = close.closedBy();
            e.closedAt = close.closedAt() == null ? clock.now().toInstant() : close.closedAt().toInstant();
            em.persist(e);
            em.flush();
            return Tx.Outcome.ok(toClose(e));
        });
    }

    private CollectionNotice toNotice(CollectionNoticeEntity e) {
        return new CollectionNotice(e.id, e.msisdn, e.accountId, e.kind, e.oldestMonth, e.arrearsFen, e.text,
                Codec.time(e.createdAt, clock.zone()));
    }

    private DayClose toClose(DayCloseEntity e) {
        return new DayClose(e.hallId, LocalDate.parse(e.businessDate), e.totalFen, e.cashFen, e.countedCashFen,
                e.differenceFen, e.closedBy, Codec.time(e.closedAt, clock.zone()));
    }
}
