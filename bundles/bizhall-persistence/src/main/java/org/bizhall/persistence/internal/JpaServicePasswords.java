package org.bizhall.persistence.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.ProvinceParams;
import org.bizhall.api.service.ServicePasswords;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service passwords on the {@code subscribers} row: the PBKDF2 hash, the count of consecutive wrong attempts and the
 * time a lock ends (V6).
 * <p>
 * A check writes its count in a transaction of its own that commits before the answer, because the refusal it answers
 * rolls back the order's transaction. Aries JPA gives a nested {@code RequiresNew} on the same thread the entity
 * manager of the outer transaction (it keeps one per top-level coordination), whose changes would then be flushed,
 * and rolled back, with the outer one; so the check runs on a thread of this component, where the template opens a
 * new coordination, entity manager and JTA transaction, and the caller waits for it. Two checks of one number at once
 * are serialised by the row lock, so every wrong attempt is counted.
 */
@Component(service = ServicePasswords.class)
public class JpaServicePasswords implements ServicePasswords {
    static final String AUDIT_WRONG = "SERVICE_PASSWORD_WRONG";
    static final String AUDIT_LOCKED = "SERVICE_PASSWORD_LOCKED";
    static final String AUDIT_SET = "SERVICE_PASSWORD_SET";
    static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** The problem code of a hash this node's pepper did not make. */
    static final String PEPPER_UNKNOWN = "PASSWORD_CHECK_UNAVAILABLE";
    private static final Logger LOG = LoggerFactory.getLogger(JpaServicePasswords.class);

    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    AuditLog audit;
    @Reference
    ProvinceParameters provinceParameters;
    @Reference
    SchemaReady schema;
    @Reference
    ServicePasswordHashing hashing;

    private final ThreadPoolExecutor ownTransactions = pool();

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "bizhall-service-password");
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Deactivate
    void deactivate() {
        ownTransactions.shutdown();
    }

    /** What a check reads before it hashes: nothing is locked yet. */
    private record Stored(String hash, Instant lockedUntil) {
    }

    @Override
    public void verify(Msisdn msisdn, String password, String actor, String orderId) {
        inOwnTransaction(() -> check(msisdn, password == null ? "" : password, actor, orderId));
    }

    private Void check(Msisdn msisdn, String password, String actor, String orderId) {
        Stored stored = Tx.call(jpa, em -> {
            SubscriberEntity e = em.find(SubscriberEntity.class, msisdn.value());
            return e == null ? null : new Stored(e.passwordHash, e.passwordLockedUntil);
        });
        if (stored == null) {
            throw notFound();
        }
        Instant now = clock.now().toInstant();
        if (lockedAt(stored.lockedUntil(), now)) {
            throw locked(stored.lockedUntil(), null);
        }
        if (stored.hash() == null) {
            throw ProblemException.rule(NOT_SET, "the number has no service password; reset it with the holder's ID",
                    "msisdn");
        }
        // hashing is slow on purpose: do it (and a rehash the right password earns) before the row is locked
        PasswordHasher hasher = hashing.hasher();
        PasswordHasher.Verdict verdict = hasher.verify(password, stored.hash());
        if (verdict == PasswordHasher.Verdict.PEPPER_UNKNOWN) {
            throw pepperUnknown();
        }
        String upgraded = verdict == PasswordHasher.Verdict.MATCH_OUTDATED ? hasher.hash(password) : null;
        return Tx.decide(jpa, em -> {
            SubscriberEntity e = Tx.lockFresh(em, SubscriberEntity.class, msisdn.value());
            if (e == null) {
                return Tx.Outcome.refused(notFound());
            }
            if (lockedAt(e.passwordLockedUntil, now)) {
                // another counter's attempt locked it meanwhile
                return Tx.Outcome.refused(locked(e.passwordLockedUntil, null));
            }
            if (e.passwordHash == null) {
                return Tx.Outcome.refused(ProblemException.rule(NOT_SET, "the number has no service password", "msisdn"));
            }
            boolean unchanged = Objects.equals(e.passwordHash, stored.hash());
            // replaced meanwhile: check the new one
            PasswordHasher.Verdict current = unchanged ? verdict : hasher.verify(password, e.passwordHash);
            if (current == PasswordHasher.Verdict.PEPPER_UNKNOWN) {
                return Tx.Outcome.refused(pepperUnknown());
            }
            boolean match = current.right();
            if (match && unchanged && upgraded != null) {
                // the older scheme, cost or pepper is replaced now that the password is known to be right
                e.passwordHash = upgraded;
            }
            if (e.passwordLockedUntil != null) {
                // a lock that has run out starts a new series of attempts
                e.passwordLockedUntil = null;
                e.passwordFailures = 0;
            }
            if (match) {
                e.passwordFailures = 0;
                return Tx.Outcome.ok(null);
            }
            ProvinceParams params = provinceParameters.of(e.province);
            int max = Math.max(1, params.integer(NationalParams.SERVICE_PASSWORD_MAX_ATTEMPTS));
            e.passwordFailures++;
            e.updatedAt = now;
            if (e.passwordFailures >= max) {
                e.passwordLockedUntil = lockEnd(now, params.integer(NationalParams.SERVICE_PASSWORD_LOCK_MINUTES));
                audit.record(actor, AUDIT_LOCKED, orderId, e.msisdn, null, e.passwordFailures
                        + " wrong attempts in a row; locked until " + e.passwordLockedUntil);
                return Tx.Outcome.refused(locked(e.passwordLockedUntil, e.passwordFailures));
            }
            audit.record(actor, AUDIT_WRONG, orderId, e.msisdn, null,
                    "wrong attempt " + e.passwordFailures + " of " + max);
            int left = max - e.passwordFailures;
            return Tx.Outcome.refused(new ProblemException(422, WRONG, "the service password is wrong; " + left
                    + (left == 1 ? " more wrong attempt locks it" : " more wrong attempts lock it"), null));
        });
    }

    @Override
    public void set(Msisdn msisdn, String password, String actor, String orderId) {
        ServicePasswords.requireValid(password, "password");
        String hash = hashing.hasher().hash(password);
        Instant now = clock.now().toInstant();
        Tx.decide(jpa, em -> {
            SubscriberEntity e = Tx.lockFresh(em, SubscriberEntity.class, msisdn.value());
            if (e == null) {
                return Tx.Outcome.refused(notFound());
            }
            String what = e.passwordHash == null ? "set" : "replaced";
            if (lockedAt(e.passwordLockedUntil, now)) {
                what += "; the lock is lifted";
            }
            e.passwordHash = hash;
            e.passwordFailures = 0;
            e.passwordLockedUntil = null;
            e.updatedAt = now;
            audit.record(actor, AUDIT_SET, orderId, e.msisdn, null, what);
            return Tx.Outcome.ok(null);
        });
    }

    /**
     * When a lock that starts at {@code now} ends: after {@code minutes}, or with 0 (the default) at the start of the
     * next business day in the business clock's zone, when a hall's day is over.
     */
    Instant lockEnd(Instant now, int minutes) {
        if (minutes > 0) {
            return now.plusSeconds(60L * minutes);
        }
        ZoneId zone = clock.zone();
        return now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static boolean lockedAt(Instant lockedUntil, Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    private ProblemException locked(Instant until, Integer failures) {
        OffsetDateTime end = Codec.time(until, clock.zone());
        String why = failures == null ? "the service password is locked" : "the service password is wrong; after "
                + failures + " wrong attempts in a row it is locked";
        return new ProblemException(423, LOCKED, why + " until " + end
                + "; the holder may reset it with the ID", null);
    }

    /**
     * The stored hash was made with a pepper this node lacks (a node whose {@code etc/org.bizhall.security.cfg} differs
     * from the others'): the password can be neither accepted nor counted as wrong.
     */
    private static ProblemException pepperUnknown() {
        LOG.error("The service password of a number cannot be checked: its hash was made with a pepper this node does "
                + "not have. Give every node sharing the database the same etc/org.bizhall.security.cfg");
        return new ProblemException(503, PEPPER_UNKNOWN, "the service password cannot be checked on this node now; "
                + "nothing was counted", null);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number");
    }

    /** Runs {@code work} on this component's thread, outside the caller's transaction, and answers as it did. */
    private <T> T inOwnTransaction(Supplier<T> work) {
        Future<T> done = ownTransactions.submit(work::get);
        try {
            return done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProblemException p) {
                // a fresh trace points at the caller
                throw new ProblemException(p.status(), p.code(), p.detail(), p.field());
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            done.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the service password was checked", e);
        }
    }
}
