package org.bizhall.persistence.internal;

import java.io.Serializable;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.bizhall.api.common.ProblemException;
import org.hibernate.LockMode;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs store work on the JTA unit, joining the caller's transaction. A refusal decided from reads alone is returned as
 * an {@link Outcome} and thrown only after the template returns: it then neither marks the caller's transaction
 * rollback-only nor makes the template log a rollback warning.
 */
final class Tx {
    private Tx() {
    }

    /** The result of store work: a value, or a refusal to throw once the work has left the transaction template. */
    record Outcome<T>(T value, ProblemException refusal) {
        static <T> Outcome<T> ok(T value) {
            return new Outcome<>(value, null);
        }

        static <T> Outcome<T> refused(ProblemException refusal) {
            return new Outcome<>(null, refusal);
        }

        T get() {
            if (refusal != null) {
                // a fresh stack trace points at the caller, not at the template's internals
                throw new ProblemException(refusal.status(), refusal.code(), refusal.detail(), refusal.field());
            }
            return value;
        }
    }

    static <T> T call(JpaTemplate jpa, Function<EntityManager, T> work) {
        return call(jpa, TransactionType.Required, work);
    }

    static <T> T call(JpaTemplate jpa, TransactionType type, Function<EntityManager, T> work) {
        try {
            return jpa.txExpr(type, work::apply);
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    static void run(JpaTemplate jpa, java.util.function.Consumer<EntityManager> work) {
        call(jpa, em -> {
            work.accept(em);
            return null;
        });
    }

    /**
     * Finds an entity and locks its row until the transaction ends, with its state read after the lock was taken: an
     * instance this transaction loaded earlier may hold values another transaction has since committed over.
     * <p>
     * Only that case costs a flush and a refresh. An entity the transaction has not loaded yet is read by the locking
     * statement itself; one it inserted, updated or locked already is held exclusively by it since then, so nobody can
     * have changed it: it is returned as it is, without a statement.
     */
    static <E> E lockFresh(EntityManager em, Class<E> type, Object id) {
        Object known = managed(em, type, id);
        if (known == null) {
            return em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
        }
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        EntityEntry entry = session.getPersistenceContextInternal().getEntry(known);
        if (entry != null && HELD.contains(entry.getLockMode())) {
            return type.cast(known);
        }
        em.flush(); // a refresh must not throw away this transaction's own pending changes
        E entity = em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
        if (entity != null) {
            em.refresh(entity);
        }
        return entity;
    }

    /**
     * Lock modes of an entity whose row this transaction holds exclusively: it inserted or updated it ({@code WRITE})
     * or read it with an exclusive lock. A shared lock ({@code PESSIMISTIC_READ}) is not among them: it still has to
     * be upgraded.
     */
    private static final Set<LockMode> HELD = EnumSet.of(LockMode.WRITE, LockMode.PESSIMISTIC_WRITE,
            LockMode.PESSIMISTIC_FORCE_INCREMENT, LockMode.UPGRADE, LockMode.UPGRADE_NOWAIT,
            LockMode.UPGRADE_SKIPLOCKED, LockMode.FORCE);

    /**
     * The instance of {@code type} with key {@code id} that this transaction's persistence context holds already, or
     * null; never a statement.
     */
    static <E> E managed(EntityManager em, Class<E> type, Object id) {
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        PersistenceContext context = session.getPersistenceContextInternal();
        Object known = context.getEntity(session.generateEntityKey((Serializable) id,
                session.getFactory().getMetamodel().entityPersister(type)));
        return known == null ? null : type.cast(known);
    }

    /**
     * Takes an insert-only row out of the persistence context once it is inserted: nothing changes it afterwards, so
     * the flushes of the rest of the transaction need not dirty-check it. A row whose insert is still pending stays.
     */
    static void inserted(EntityManager em, Object entity, Object id) {
        if (id != null) {
            em.detach(entity);
        }
    }

    static <T> T decide(JpaTemplate jpa, Function<EntityManager, Outcome<T>> work) {
        return call(jpa, work).get();
    }

    /**
     * The exception a caller should see: a {@link ProblemException} anywhere in the cause chain (the template, or the
     * transaction manager on commit, may have wrapped it); a lock the database would not grant in time (a lock timeout
     * or a deadlock, which rolled the transaction back) as 503 {@value ProblemException#STORE_BUSY}; else the
     * exception as thrown.
     */
    static RuntimeException unwrap(RuntimeException thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < 16; depth++) {
            if (t instanceof ProblemException p) {
                return p;
            }
            if (t instanceof SQLException sql && isContention(sql.getSQLState())) {
                return storeBusy(sql);
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return thrown;
    }

    /**
     * SQL states of a transaction the database rolled back over a lock: class 40 (Derby's lock timeout 40XL1 and
     * deadlock 40001, PostgreSQL's deadlock 40P01 and serialization failure 40001) and PostgreSQL's lock_timeout 55P03.
     */
    static boolean isContention(String sqlState) {
        return sqlState != null && (sqlState.startsWith("40") || sqlState.equals("55P03"));
    }

    /**
     * Runs {@code slice} in transactions of its own, one after another, until one removes nothing; the rows removed
     * in all. For purges on a live node: one transaction over every expired row would hold them all (and on Derby
     * could take the table) while payments write to it.
     */
    static int inSlices(JpaTemplate jpa, Function<EntityManager, Integer> slice) {
        int removed = 0;
        while (true) {
            int now = call(jpa, slice::apply);
            removed += now;
            if (now == 0) {
                return removed;
            }
        }
    }

    private static ProblemException storeBusy(SQLException cause) {
        logContention(cause);
        return storeBusy("the store could not take a lock in time (other requests held it)", cause);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);
    /** Machine time (ms) of the last contention logged, and how many were not logged since. */
    private static final java.util.concurrent.atomic.AtomicLong LOGGED_AT = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong UNLOGGED = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The database's own words on a refused lock, at most once every 10 s: Derby's deadlock message names the cycle
     * (each lock, its table, the waiting and the granting transaction and their statements) and the victim, which is
     * the transaction holding the fewest locks, so a payment may be refused at once when a bigger transaction that
     * waited finds the cycle. Without it a burst of 503s says nothing of who held what.
     */
    static void logContention(SQLException cause) {
        long now = System.currentTimeMillis();
        long last = LOGGED_AT.get();
        if (now - last < 10_000 || !LOGGED_AT.compareAndSet(last, now)) {
            UNLOGGED.incrementAndGet();
            return;
        }
        LOG.warn("store busy (SQL state {}; {} more since the last of these lines): {}", cause.getSQLState(),
                UNLOGGED.getAndSet(0), cause.getMessage());
    }

    /** 503 {@value ProblemException#STORE_BUSY}: {@code why}, nothing of the request kept, to be sent again. */
    static ProblemException storeBusy(String why, Throwable cause) {
        ProblemException busy = ProblemException.storeBusy(why + "; nothing of this request was kept: send it again"
                + " with the same Idempotency-Key");
        busy.initCause(cause);
        return busy;
    }
}
