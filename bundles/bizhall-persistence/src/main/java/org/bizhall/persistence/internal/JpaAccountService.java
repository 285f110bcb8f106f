package org.bizhall.persistence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.TextLimits;
import org.bizhall.api.common.Money;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.LedgerEntry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Accounts and their ledger. A post locks the account row, appends a ledger entry carrying the new running balance and
 * writes that balance, all in the caller's transaction: two counters posting to one account queue on the row lock, on
 * one node or many.
 */
@Component(service = AccountService.class)
public class JpaAccountService implements AccountService {
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
    public Account open(AccountType type, String province, String holderName, String orderId) {
        if (type == null || province == null || province.isBlank()) {
            throw ProblemException.badRequest("ACCOUNT_INVALID", "an account needs a type and a province", "type");
        }
        TextLimits.bounded(holderName == null ? null : holderName.trim(), TextLimits.NAME, "customer.name");
        return Tx.call(jpa, em -> {
            AccountEntity e = new AccountEntity();
            e.type = type;
            e.province = province;
            e.holderName = holderName == null ? null : holderName.trim();
            e.balanceFen = 0;
            e.openedAt = clock.now().toInstant();
            e.orderId = orderId;
            em.persist(e);
            em.flush();
            audit.record(actorOf(em, orderId), "ACCOUNT_OPENED", orderId, "account " + e.id, null, type.name());
            return toAccount(e);
        });
    }

    @Override
    public Optional<Account> find(long id) {
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(AccountEntity.class, id)).map(this::toAccount));
    }

    @Override
    public LedgerEntry post(long accountId, String kind, long amountFen, String orderId, String note) {
        if (kind == null || !KIND.matcher(kind).matches() || kind.length() > 64) {
            throw ProblemException.badRequest("LEDGER_KIND_INVALID", "a ledger kind is an UPPER_SNAKE word", "kind");
        }
        if (Math.abs(amountFen) > Money.MAX_FEN) {
            throw ProblemException.badRequest("AMOUNT_TOO_LARGE", "the amount exceeds " + Money.yuan(Money.MAX_FEN) + " yuan",
                    "amountFen");
        }
        return Tx.decide(jpa, em -> {
            AccountEntity account = Tx.lockFresh(em, AccountEntity.class, accountId);
            if (account == null) {
                return Tx.Outcome.refused(ProblemException.notFound("ACCOUNT_NOT_FOUND", "no account " + accountId));
            }
            LedgerEntryEntity entry = append(em, account, kind, amountFen, orderId, note, clock.now().toInstant());
            audit.record(actorOf(em, orderId), "LEDGER_POSTED", orderId, "account " + accountId, amountFen, kind);
            return Tx.Outcome.ok(toEntry(entry));
        });
    }

    @Override
    public Page<LedgerEntry> ledger(long accountId, int offset, int limit) {
        int first = Math.max(offset, 0);
        int max = limit <= 0 ? Page.DEFAULT_LIMIT : Math.min(limit, Page.MAX_LIMIT);
        return Tx.decide(jpa, em -> {
            if (em.find(AccountEntity.class, accountId) == null) {
                return Tx.Outcome.refused(ProblemException.notFound("ACCOUNT_NOT_FOUND", "no account " + accountId));
            }
            List<LedgerEntry> items = em.createQuery(
                    "select l from LedgerEntryEntity l where l.accountId = :a order by l.id", LedgerEntryEntity.class)
                    .setParameter("a", accountId).setFirstResult(first).setMaxResults(max).getResultList().stream()
                    .map(this::toEntry).toList();
            long total = em.createQuery("select count(l) from LedgerEntryEntity l where l.accountId = :a", Long.class)
                    .setParameter("a", accountId).getSingleResult();
            return Tx.Outcome.ok(new Page<>(items, total));
        });
    }

    /**
     * Appends a ledger entry to an account whose row the caller has locked, and moves its balance with it: the one
     * place a balance changes.
     */
    static LedgerEntryEntity append(EntityManager em, AccountEntity account, String kind, long amountFen,
            String orderId, String note, Instant at) {
        LedgerEntryEntity entry = new LedgerEntryEntity();
        entry.accountId = account.id;
        entry.kind = kind;
        entry.amountFen = amountFen;
        entry.balanceAfterFen = Math.addExact(account.balanceFen, amountFen);
        entry.postedAt = at;
        entry.orderId = orderId;
        entry.note = Codec.truncate(note, 500);
        em.persist(entry);
        account.balanceFen = entry.balanceAfterFen;
        return entry;
    }

    /** The operator of the order a movement belongs to: the audit says who, not just which order. */
    static String actorOf(EntityManager em, String orderId) {
        if (orderId == null) {
            return JpaAuditLog.SYSTEM;
        }
        // the order's operator never changes: the copy the transaction holds (the engine locked it) answers as well
        OrderEntity order = Tx.managed(em, OrderEntity.class, orderId);
        if (order != null) {
            return order.operator == null ? JpaAuditLog.SYSTEM : order.operator;
        }
        List<String> operators = em.createQuery("select o.operator from OrderEntity o where o.id = :id", String.class)
                .setParameter("id", orderId).getResultList();
        return operators.isEmpty() || operators.get(0) == null ? JpaAuditLog.SYSTEM : operators.get(0);
    }

    private Account toAccount(AccountEntity e) {
        return new Account(e.id, e.type, e.province, e.holderName, e.balanceFen, Codec.time(e.openedAt, clock.zone()));
    }

    private LedgerEntry toEntry(LedgerEntryEntity e) {
        return new LedgerEntry(e.id, e.accountId, e.kind, e.amountFen, e.balanceAfterFen,
                Codec.time(e.postedAt, clock.zone()), e.orderId, e.note);
    }
}
