package org.bizhall.persistence.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.hibernate.Session;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The insert-only {@code audit_log} table; entries join the transaction of the fact they record. */
@Component(service = AuditLog.class)
public class JpaAuditLog implements AuditLog {
    /** Actor of facts recorded by the stores themselves, when no user is known. */
    static final String SYSTEM = "system";

    /** An audit action: an UPPER_SNAKE word (compiled once: a payment records seven entries). */
    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    SchemaReady schema;

    @Override
    public void record(String actor, String action, String orderId, String subject, Long amountFen, String detail) {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw ProblemException.badRequest("AUDIT_ACTION_INVALID", "an audit action is an UPPER_SNAKE word", "action");
        }
        Tx.run(jpa, em -> write(em, actor, action, orderId, subject, amountFen, detail));
    }

    /** The columns {@link #write} and {@link #writeAll} fill; the id is the table's identity. */
    private static final String INSERT = "INSERT INTO audit_log (occurred_at, actor, action, order_id, subject,"
            + " amount_fen, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /**
     * Writes an entry on the caller's transaction (stores record their own facts this way). A plain insert on the
     * transaction's connection: as an entity with an identity key, each entry cost Hibernate a second statement to
     * read the key back and sent every insert queued before it at once, while nothing reads an entry's id in the
     * transaction that writes it (a payment writes seven). Entries still take their ids in the order they are written.
     */
    void write(EntityManager em, String actor, String action, String orderId, String subject, Long amountFen,
            String detail) {
        Instant at = clock.now().toInstant();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement s = Jdbc.prepare(c, INSERT)) {
                bind(s, 1, at, actor == null ? SYSTEM : actor, action, orderId, subject, amountFen, detail);
                s.executeUpdate();
            }
        });
    }

    /** Binds one entry to {@link #INSERT} from {@code i}, cutting the texts to their columns. */
    private static void bind(PreparedStatement s, int i, Instant at, String actor, String action, String orderId,
            String subject, Long amountFen, String detail) throws SQLException {
        Jdbc.timestamp(s, i, at);
        s.setString(i + 1, Codec.truncate(actor, 64));
        s.setString(i + 2, action);
        s.setString(i + 3, orderId);
        s.setString(i + 4, Codec.truncate(subject, 200));
        if (amountFen == null) {
            s.setNull(i + 5, Types.BIGINT);
        } else {
            s.setLong(i + 5, amountFen);
        }
        s.setString(i + 6, Codec.truncate(detail, 2000));
    }

    /**
     * Writes one entry per key in a JDBC batch on the transaction's connection ({@link Jdbc}), by {@link #SYSTEM}:
     * a billing run's page records each of its charges this way.
     */
    static <K> void writeAll(java.sql.Connection c, java.time.Instant at, List<K> keys,
            java.util.function.Function<K, String> subject, java.util.function.ToLongFunction<K> amountFen,
            String action, String detail) throws SQLException {
        Jdbc.batch(c, INSERT, keys, (s, i, key) -> bind(s, i, at, SYSTEM, action, null, subject.apply(key),
                amountFen.applyAsLong(key), detail));
    }

    @Override
    public List<AuditEntry> forOrder(String orderId) {
        return Tx.call(jpa, em -> em.createQuery("select a from AuditEntity a where a.orderId = :o order by a.id",
                AuditEntity.class).setParameter("o", orderId).getResultList().stream()
                .map(a -> new AuditEntry(a.id, Codec.time(a.at, clock.zone()), a.actor, a.action, a.orderId, a.subject,
                        a.amountFen, a.detail))
                .toList());
    }
}
