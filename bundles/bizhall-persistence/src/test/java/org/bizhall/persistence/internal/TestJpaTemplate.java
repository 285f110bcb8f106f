package org.bizhall.persistence.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.TransactionType;

/**
 * A JpaTemplate on a RESOURCE_LOCAL unit with the semantics the stores rely on from Aries JPA on JTA: Required joins the
 * thread's transaction (same entity manager), RequiresNew suspends it, an exception thrown inside rolls back the
 * transaction it started or marks the joined one rollback-only, and committing a rollback-only transaction fails.
 * With {@code wrapExceptions} it wraps what the work throws, as older template versions and commit failures do.
 */
final class TestJpaTemplate extends TypedJpaTemplate {
    private final EntityManagerFactory emf;
    private final ThreadLocal<Deque<Frame>> frames = ThreadLocal.withInitial(ArrayDeque::new);
    volatile boolean wrapExceptions;
    /** Transactions this template began (not those work joined), for tests that count them. */
    final java.util.concurrent.atomic.AtomicInteger begun = new java.util.concurrent.atomic.AtomicInteger();

    private record Frame(EntityManager em, EntityTransaction tx, Map<Object, Object> memo) {
    }

    TestJpaTemplate(EntityManagerFactory emf) {
        this.emf = emf;
    }

    @Override
    boolean transactionActive() {
        return !frames.get().isEmpty();
    }

    @Override
    Map<Object, Object> transactionMemo() {
        Frame current = frames.get().peek();
        return current == null ? null : current.memo();
    }

    @Override
    public <R> R txExpr(TransactionType type, EmFunction<R> code) {
        Deque<Frame> stack = frames.get();
        Frame current = stack.peek();
        boolean owner = current == null || type == TransactionType.RequiresNew;
        if (type == TransactionType.Mandatory && current == null) {
            throw new IllegalStateException("no transaction");
        }
        Frame frame = current;
        if (owner) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            begun.incrementAndGet();
            frame = new Frame(em, tx, new HashMap<>());
            stack.push(frame);
        }
        try {
            R result = code.apply(frame.em());
            if (owner) {
                if (frame.tx().getRollbackOnly()) {
                    frame.tx().rollback();
                    throw new RuntimeException("transaction rolled back: it was marked rollback-only");
                }
                frame.tx().commit();
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (frame.tx().isActive()) {
                if (owner) {
                    frame.tx().rollback();
                } else {
                    frame.tx().setRollbackOnly();
                }
            }
            if (wrapExceptions && e instanceof RuntimeException) {
                throw new RuntimeException("Exception occured in transactional code", e);
            }
            throw e;
        } finally {
            if (owner) {
                stack.pop();
                frame.em().close();
            }
        }
    }

}
