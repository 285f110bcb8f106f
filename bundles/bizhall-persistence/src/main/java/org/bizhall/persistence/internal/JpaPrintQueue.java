package org.bizhall.persistence.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.platform.store.PrintJob;
import org.bizhall.platform.store.PrintOutcome;
import org.bizhall.platform.store.PrintQueue;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Print jobs in {@code print_jobs}. Every change of a job is one conditional update (waiting, and unclaimed, claimed by
 * the caller or with an expired claim), so two nodes racing for a job both run it and exactly one changes a row. Only
 * a hall's oldest waiting job is ever claimed, which keeps the hall's paper in order across nodes. Leases are in
 * machine time, never the (adjustable) business clock.
 */
@Component(service = PrintQueue.class)
public class JpaPrintQueue implements PrintQueue {
    private static final int MAX_CLAIMANT = 64;

    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    SchemaReady schema;

    /** Machine time for queue times and leases; tests set it. */
    volatile Clock time = Clock.systemUTC();

    /** Queues {@code receipt} (its {@code reprintNo}th reprint, 0 as issued) in the transaction of {@code em}. */
    static void enqueue(EntityManager em, ReceiptEntity receipt, int reprintNo, Instant now) {
        PrintJobEntity job = new PrintJobEntity();
        job.receiptNumber = receipt.number;
        job.hallId = receipt.hallId;
        job.reprintNo = reprintNo;
        job.state = PrintJobEntity.WAITING;
        job.queuedAt = now;
        job.failedAttempts = 0;
        em.persist(job);
        // identity key: inserted by persist; the printing node claims it later in a transaction of its own
        Tx.inserted(em, job, job.id);
    }

    Instant now() {
        return time.instant();
    }

    @Override
    public List<String> hallsWaiting() {
        return Tx.call(jpa, em -> em.createQuery(
                "select distinct j.hallId from PrintJobEntity j where j.state = :waiting", String.class)
                .setParameter("waiting", PrintJobEntity.WAITING).getResultList());
    }

    @Override
    public int waiting(String hall) {
        return Tx.call(jpa, em -> em.createQuery(
                "select count(j) from PrintJobEntity j where j.state = :waiting and j.hallId = :hall", Long.class)
                .setParameter("waiting", PrintJobEntity.WAITING).setParameter("hall", hall).getSingleResult().intValue());
    }

    @Override
    public Optional<PrintJob> claimNext(String hall, String claimant, Duration lease) {
        check(claimant);
        Objects.requireNonNull(lease, "lease");
        return Tx.call(jpa, em -> {
            List<PrintJobEntity> head = em.createQuery("select j from PrintJobEntity j where j.state = :waiting"
                    + " and j.hallId = :hall order by j.id", PrintJobEntity.class)
                    .setParameter("waiting", PrintJobEntity.WAITING).setParameter("hall", hall)
                    .setMaxResults(1).getResultList();
            if (head.isEmpty()) {
                return Optional.<PrintJob>empty();
            }
            PrintJobEntity job = head.get(0);
            Instant now = now();
            int claimed = em.createQuery("update PrintJobEntity j set j.claimedBy = :me, j.claimedUntil = :until"
                    + " where j.id = :id and j.state = :waiting"
                    + " and (j.claimedBy is null or j.claimedBy = :me or j.claimedUntil < :now)")
                    .setParameter("me", claimant).setParameter("until", now.plus(lease)).setParameter("id", job.id)
                    .setParameter("waiting", PrintJobEntity.WAITING).setParameter("now", now).executeUpdate();
            if (claimed == 0) {
                return Optional.<PrintJob>empty();
            }
            // the receipt as it was queued: a later reprint must not renumber an earlier job's paper
            var receipt = JpaReceiptService.toReceipt(em.find(ReceiptEntity.class, job.receiptNumber), job.reprintNo,
                    job.reprintNo > 0, clock.zone());
            return Optional.of(new PrintJob(job.id, receipt, job.queuedAt, job.failedAttempts));
        });
    }

    @Override
    public boolean complete(long job, String claimant, PrintOutcome outcome, String device) {
        check(claimant);
        Objects.requireNonNull(outcome, "outcome");
        return Tx.call(jpa, em -> em.createQuery("update PrintJobEntity j set j.state = :outcome, j.doneAt = :now,"
                + " j.claimedUntil = null, j.deviceId = :device"
                + " where j.id = :id and j.state = :waiting and j.claimedBy = :me")
                .setParameter("outcome", outcome.name()).setParameter("now", now())
                .setParameter("device", Codec.truncate(device, 64)).setParameter("id", job)
                .setParameter("waiting", PrintJobEntity.WAITING).setParameter("me", claimant).executeUpdate() == 1);
    }

    /**
     * One transaction for both: in a transaction of its own the completion cost about as much as the claim, most of it
     * the transaction rather than its update (docs/benchmarks.md, "The openings' arithmetic, the printing's handover,
     * reads by key").
     */
    @Override
    public Handover completeAndClaimNext(long job, String claimant, PrintOutcome outcome, String device, String hall,
            Duration lease) {
        return Tx.call(jpa, em -> new Handover(complete(job, claimant, outcome, device),
                claimNext(hall, claimant, lease)));
    }

    @Override
    public void release(long job, String claimant) {
        check(claimant);
        Tx.call(jpa, em -> em.createQuery("update PrintJobEntity j set j.claimedBy = null, j.claimedUntil = null,"
                + " j.failedAttempts = j.failedAttempts + 1 where j.id = :id and j.state = :waiting and j.claimedBy = :me")
                .setParameter("id", job).setParameter("waiting", PrintJobEntity.WAITING).setParameter("me", claimant)
                .executeUpdate());
    }

    @Override
    public int closeWaiting(String hall, String claimant, PrintOutcome outcome, Instant queuedBefore) {
        check(claimant);
        Objects.requireNonNull(outcome, "outcome");
        return Tx.call(jpa, em -> {
            Instant now = now();
            return em.createQuery("update PrintJobEntity j set j.state = :outcome, j.doneAt = :now,"
                    + " j.claimedBy = :me, j.claimedUntil = null where j.hallId = :hall and j.state = :waiting"
                    + " and j.queuedAt < :before and (j.claimedBy is null or j.claimedBy = :me or j.claimedUntil < :now)")
                    .setParameter("outcome", outcome.name()).setParameter("now", now).setParameter("me", claimant)
                    .setParameter("hall", hall).setParameter("waiting", PrintJobEntity.WAITING)
                    .setParameter("before", queuedBefore).executeUpdate();
        });
    }

    @Override
    public int purgeDone(Instant doneBefore) {
        Objects.requireNonNull(doneBefore, "doneBefore");
        // in slices, each its own transaction outside one, for the reason of JpaIdempotencyStore#purgeExpired: every
        // payment adds a print job, and a purge holding the table would stop them
        return Tx.inSlices(jpa, em -> {
            List<Long> ids = em.createQuery("select j.id from PrintJobEntity j where j.state <> :waiting"
                    + " and j.doneAt < :before", Long.class).setParameter("waiting", PrintJobEntity.WAITING)
                    .setParameter("before", doneBefore).setMaxResults(JpaIdempotencyStore.PURGE_SLICE)
                    .getResultList();
            int missed = Jdbc.work(em, c -> Jdbc.batch(c, "DELETE FROM print_jobs WHERE id = ? AND state <> ?"
                    + " AND done_at < ?", ids, (q, i, id) -> {
                        q.setLong(i, id);
                        q.setString(i + 1, PrintJobEntity.WAITING);
                        Jdbc.timestamp(q, i + 2, doneBefore);
                    })).size();
            return ids.size() - missed;
        });
    }

    private static void check(String claimant) {
        if (claimant == null || claimant.isBlank() || claimant.length() > MAX_CLAIMANT) {
            throw new IllegalArgumentException("a claimant is 1 to " + MAX_CLAIMANT + " characters");
        }
    }
}
