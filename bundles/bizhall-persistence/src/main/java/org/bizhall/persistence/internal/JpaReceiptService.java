package org.bizhall.persistence.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NewReceipt;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptLine;
import org.bizhall.api.service.ReceiptListener;
import org.bizhall.api.service.ReceiptService;
import org.hibernate.engine.spi.SessionImplementor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import javax.transaction.TransactionSynchronizationRegistry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Receipts numbered {@code <hall>-<yyyyMMdd>-<6-digit sequence>}, consecutive per hall and business day. The next
 * sequence is taken under the lock of the hall's numbering row ({@link #lockNumbering}, which also orders the closing of
 * a day, so two first receipts of a day cannot both create the day's counter) and the counter row; the receipt is
 * written in the payment's transaction, so a rolled back payment gives its number back. The engine numbers a payment's
 * receipt last in its transaction, so the numbering lock is held only for the end of it. Its print job
 * ({@link JpaPrintQueue}) is queued in that same transaction, so paper is owed for exactly the receipts that committed. {@link ReceiptListener}s hear of a receipt (and of each reprint) after
 * that transaction commits.
 */
@Component(service = ReceiptService.class)
public class JpaReceiptService implements ReceiptService {
    static final int MAX_SEQUENCE = 999_999;
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final ObjectReader LINES = Codec.reader(new TypeReference<List<ReceiptLine>>() {
    });

    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    AuditLog audit;
    @Reference
    SchemaReady schema;

    final ReceiptNotifier notifier = new ReceiptNotifier();

    @Activate
    void activate() {
        notifier.start();
    }

    @Deactivate
    void deactivate() {
        notifier.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ReceiptListener listener) {
        notifier.add(listener);
    }

    void removeListener(ReceiptListener listener) {
        notifier.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setSynchronizations(TransactionSynchronizationRegistry registry) {
        notifier.synchronizations(registry);
    }

    void unsetSynchronizations(TransactionSynchronizationRegistry registry) {
        notifier.synchronizations(null);
    }

    @Override
    public Receipt issue(NewReceipt r) {
        if (r == null || r.hall() == null || r.hall().isBlank() || r.hall().length() > 32) {
            throw ProblemException.badRequest("RECEIPT_INVALID", "a receipt needs its hall", "hall");
        }
        String lines = Codec.toJson(r.lines() == null ? List.of() : r.lines(), "lines");
        return Tx.call(jpa, em -> {
            // What the transaction wrote so far goes to the database before the numbering lock is taken, not while it
            // is held: every payment of the hall waits for this lock until the holder commits.
            em.flush();
            lockNumbering(em, r.hall());
            // business time is read inside the lock, so numbers and times rise together
            var now = clock.now();
            LocalDate day = now.atZoneSameInstant(clock.zone()).toLocalDate();
            // a closed day takes no more receipts: what is paid after closing belongs to the next open business day
            while (em.find(DayCloseEntity.class, new DayCloseEntity.Key(r.hall(), day.toString())) != null) {
                day = day.plusDays(1);
            }
            int seq = nextSequence(em, r.hall(), day.toString());
            ReceiptEntity e = new ReceiptEntity();
            e.number = r.hall() + "-" + day.format(COMPACT) + "-" + sixDigits(seq);
            e.hallId = r.hall();
            e.operator = r.operator();
            e.orderId = r.orderId();
            e.msisdn = r.msisdn();
            e.method = r.method();
            e.linesJson = lines;
            e.totalFen = r.totalFen();
            e.tenderedFen = r.tenderedFen();
            e.changeFen = r.changeFen();
            e.issuedAt = now.toInstant();
            e.businessDate = day.toString();
            e.reprints = 0;
            em.persist(e);
            em.flush(); // the job's insert runs at once (identity key) and references this row
            JpaPrintQueue.enqueue(em, e, 0, Instant.now());
            audit.record(r.operator(), "RECEIPT_ISSUED", r.orderId(), e.number, r.totalFen(), r.method());
            Receipt issued = toReceipt(e, false);
            notifier.issued(issued);
            return issued;
        });
    }

    /**
     * {@code business_date} of a hall's numbering row in {@code receipt_counters}: the row whose lock orders the hall's
     * receipts and its day closes. Nothing else reads it, so a payment holding it blocks no reader of the hall (the
     * hall row itself, which every request of the hall reads to know its caller, once served as this lock).
     */
    static final String NUMBERING = "numbering";
    private static final String LOCK_NUMBERING = "SELECT last_seq FROM receipt_counters WHERE hall_id = ?"
            + " AND business_date = ?";

    /**
     * Locks the receipt numbering of {@code hall} until the transaction ends: the next receipt number and the closing
     * of a day are taken under it. The hall directory makes the row with the hall (migration V17 for the halls before
     * it); for a hall the directory does not know it is made here, and of two transactions making it at once the second
     * fails with 503 {@code STORE_BUSY}, sent again it finds the row.
     */
    static void lockNumbering(EntityManager em, String hall) {
        ReceiptCounterEntity.Key key = new ReceiptCounterEntity.Key(hall, NUMBERING);
        boolean locked;
        if (Tx.managed(em, ReceiptCounterEntity.class, key) != null) {
            locked = em.find(ReceiptCounterEntity.class, key, LockModeType.PESSIMISTIC_WRITE) != null;
        } else {
            // the row is read for its lock alone, on every payment: a statement locking as Hibernate's would
            String forUpdate = em.unwrap(SessionImplementor.class).getJdbcServices().getDialect().getForUpdateString();
            locked = Jdbc.one(em, LOCK_NUMBERING + forUpdate, s -> {
                s.setString(1, hall);
                s.setString(2, NUMBERING);
            }, rs -> rs.getInt(1)).isPresent();
        }
        if (locked) {
            return;
        }
        ReceiptCounterEntity row = new ReceiptCounterEntity();
        row.hallId = hall;
        row.businessDate = NUMBERING;
        row.lastSeq = 0;
        em.persist(row);
        try {
            em.flush();
        } catch (PersistenceException raced) {
            throw Tx.storeBusy("the receipt numbering of hall " + hall + " was being set up by another request", raced);
        }
    }

    private static int nextSequence(EntityManager em, String hall, String day) {
        // Read with its lock, never before without one, so the state is current: no flush and refresh (two more
        // statements inside the hall's lock) as Tx.lockFresh needs for a row the transaction may have read earlier.
        ReceiptCounterEntity counter = em.find(ReceiptCounterEntity.class, new ReceiptCounterEntity.Key(hall, day),
                LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            counter = new ReceiptCounterEntity();
            counter.hallId = hall;
            counter.businessDate = day;
            counter.lastSeq = 0;
            em.persist(counter);
            // insert now: a concurrent first receipt of a hall unknown to the directory waits here, then fails
            em.flush();
        }
        if (counter.lastSeq >= MAX_SEQUENCE) {
            throw ProblemException.conflict("RECEIPT_SEQUENCE_EXHAUSTED", "the hall has issued every receipt number of the day");
        }
        counter.lastSeq++;
        return counter.lastSeq;
    }

    @Override
    public Optional<Receipt> find(String number) {
        if (number == null) {
            return Optional.empty();
        }
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(ReceiptEntity.class, number)).map(e -> toReceipt(e, false)));
    }

    @Override
    public Receipt reprint(String number, String operator) {
        return Tx.decide(jpa, em -> {
            ReceiptEntity e = number == null ? null : Tx.lockFresh(em, ReceiptEntity.class, number);
            if (e == null) {
                return Tx.Outcome.refused(ProblemException.notFound("RECEIPT_NOT_FOUND", "no receipt has this number"));
            }
            e.reprints++;
            JpaPrintQueue.enqueue(em, e, e.reprints, Instant.now());
            audit.record(operator, "RECEIPT_REPRINTED", e.orderId, e.number, e.totalFen, "reprint " + e.reprints);
            Receipt reprinted = toReceipt(e, true);
            notifier.issued(reprinted);
            return Tx.Outcome.ok(reprinted);
        });
    }

    private Receipt toReceipt(ReceiptEntity e, boolean reprint) {
        return toReceipt(e, reprint, clock.zone());
    }

    static Receipt toReceipt(ReceiptEntity e, boolean reprint, ZoneId zone) {
        return toReceipt(e, e.reprints, reprint, zone);
    }

    static Receipt toReceipt(ReceiptEntity e, int reprints, boolean reprint, ZoneId zone) {
        return new Receipt(e.number, e.hallId, e.operator, e.orderId, e.msisdn, e.method,
                Codec.fromJson(e.linesJson, LINES, "receipt lines"), e.totalFen, e.tenderedFen, e.changeFen,
                Codec.time(e.issuedAt, zone), LocalDate.parse(e.businessDate), reprints, reprint);
    }

    /** The day's sequence as six digits; not String.format, whose parsing of the pattern cost more than the rest. */
    static String sixDigits(int seq) {
        String digits = Integer.toString(seq);
        return digits.length() >= 6 ? digits : "000000".substring(digits.length()) + digits;
    }
}
