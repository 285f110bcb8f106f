package org.bizhall.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import javax.persistence.EntityManager;
import javax.sql.DataSource;

import org.hibernate.Session;

/**
 * Plain JDBC on the connection of the entity manager's transaction: for work on thousands of rows (a billing run's
 * page) where Hibernate would send one statement per row (its entities have IDENTITY keys, which turn JDBC batching
 * off), and for single rows on paths every request takes ({@link #one}, {@link #update}). {@link #work} flushes
 * pending entity changes first and clears the persistence context after, so neither side sees stale rows of the
 * other; the single-row calls do neither and leave it to their callers to ask the persistence context first.
 */
final class Jdbc {
    /** The most keys in one {@code IN} list. */
    static final int IN_LIST = 500;
    /** Instants are stored as UTC, as {@code hibernate.jdbc.time_zone} has Hibernate do. */
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    interface Binder<K> {
        void bind(PreparedStatement s, int index, K key) throws SQLException;
    }

    interface Row<K, V> {
        void read(ResultSet rs, Map<K, V> into) throws SQLException;
    }

    private Jdbc() {
    }

    static <T> T work(EntityManager em, Work<T> work) {
        em.flush();
        try {
            return onTransactionConnection(em, work);
        } finally {
            em.clear();
        }
    }

    /**
     * Runs reads on a pooled connection in autocommit, outside the transaction manager: for reads on a path every
     * request takes, where a JTA transaction (begun, its connection enlisted and started, committed, an EntityManager
     * opened and closed) cost more than the statements it held (docs/benchmarks.md, "The caller outside a
     * transaction"). Each statement sees what was committed when it ran. A lock the store would not grant in time is
     * 503 {@value org.bizhall.api.common.ProblemException#STORE_BUSY}, as in a transaction.
     */
    static <T> T outsideTransaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            T result = work.run(c);
            if (!c.getAutoCommit()) {
                c.commit(); // a connection handed out of autocommit goes back with nothing open
            }
            return result;
        } catch (SQLException e) {
            throw Tx.unwrap(new IllegalStateException(what + " could not be read: " + e.getMessage(), e));
        }
    }

    /**
     * Runs {@code work} on the connection of the entity manager's transaction with neither a flush nor a clear (unlike
     * {@link #work}): it sees what the transaction's own statements wrote, not what its persistence context holds.
     */
    static <T> T onTransactionConnection(EntityManager em, Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    /**
     * Prepares {@code sql} on {@code c} and hands back the driver's statement from behind the pool's proxy. The pool
     * (pax-transx) wraps every statement and result set in a {@link java.lang.reflect.Proxy} whose every call goes
     * through three invocation handlers and a reflective {@code invoke}, and wraps each result set it returns the same
     * way: about 2 % of a request's CPU on the statements of an opening (docs/benchmarks.md, "Statements for the new
     * order"). Unwrapped, the calls go to the statement the pool's statement cache holds, and closing it returns it to
     * that cache as closing the proxy does. What the proxy adds and this gives up is telling the pool at once that a
     * statement failed on a broken connection: the pool validates every connection as it hands it out
     * ({@code Connection.isValid}), so a broken one is replaced at its next use instead.
     */
    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement pooled = c.prepareStatement(sql);
        try {
            return pooled.unwrap(PreparedStatement.class);
        } catch (SQLException | RuntimeException notAWrapper) {
            return pooled;
        }
    }

    /** Binds a statement's parameters. */
    interface Parameters {
        void bind(PreparedStatement s) throws SQLException;
    }

    /** Reads the current row of a result. */
    interface Reader<V> {
        V read(ResultSet rs) throws SQLException;
    }

    /**
     * The first row {@code sql} selects, read on the connection of the entity manager's transaction with neither a
     * flush nor a clear: for a read by key on a path every request takes, where Hibernate's load of an entity cost
     * several times its statement (docs/benchmarks.md, "The openings' arithmetic, the printing's handover, reads by
     * key"). The caller first asks the persistence context ({@link Tx#managed}): a row this transaction wrote and has
     * not flushed is only there.
     */
    static <V> Optional<V> one(EntityManager em, String sql, Parameters parameters, Reader<V> reader) {
        return onTransactionConnection(em, c -> {
            try (PreparedStatement s = prepare(c, sql)) {
                parameters.bind(s);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** As {@link #one}, a statement that changes rows; returns how many it changed. */
    static int update(EntityManager em, String sql, Parameters parameters) {
        return onTransactionConnection(em, c -> {
            try (PreparedStatement s = prepare(c, sql)) {
                parameters.bind(s);
                return s.executeUpdate();
            }
        });
    }

    static Instant instant(ResultSet rs, int index) throws SQLException {
        Timestamp t = rs.getTimestamp(index, Calendar.getInstance(UTC));
        return t == null ? null : t.toInstant();
    }

    static void timestamp(PreparedStatement s, int index, Instant at) throws SQLException {
        s.setTimestamp(index, Timestamp.from(at), Calendar.getInstance(UTC));
    }

    /**
     * Runs {@code select … in (keys) …} over {@code keys} in lists of at most {@link #IN_LIST}: {@code sql} holds
     * {@code %s} where the list of markers goes.
     */
    static <K, V> Map<K, V> in(Connection c, String sql, List<K> keys, Binder<K> binder, Row<K, V> row)
            throws SQLException {
        return in(c, sql, List.of(), keys, binder, row);
    }

    /** As {@link #in(Connection, String, List, Binder, Row)}, with {@code fixed} values bound before the keys. */
    static <K, V> Map<K, V> in(Connection c, String sql, List<String> fixed, List<K> keys, Binder<K> binder,
            Row<K, V> row) throws SQLException {
        Map<K, V> found = new HashMap<>();
        int list = inList(c);
        PreparedStatement q = null;
        int prepared = 0;
        try {
            for (int from = 0; from < keys.size(); from += list) {
                List<K> part = keys.subList(from, Math.min(keys.size(), from + list));
                if (q == null || prepared != part.size()) {
                    if (q != null) {
                        q.close();
                    }
                    q = prepare(c, String.format(sql, marks(part.size())));
                    prepared = part.size();
                }
                for (int i = 0; i < fixed.size(); i++) {
                    q.setString(i + 1, fixed.get(i));
                }
                for (int i = 0; i < part.size(); i++) {
                    binder.bind(q, fixed.size() + i + 1, part.get(i));
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs, found);
                    }
                }
            }
        } finally {
            if (q != null) {
                q.close();
            }
        }
        return found;
    }

    /** Runs one statement as a batch over {@code keys}; returns the keys whose statement changed no row. */
    static <K> List<K> batch(Connection c, String sql, List<K> keys, Binder<K> binder) throws SQLException {
        List<K> missed = new ArrayList<>();
        if (keys.isEmpty()) {
            return missed;
        }
        try (PreparedStatement s = prepare(c, sql)) {
            for (K key : keys) {
                binder.bind(s, 1, key);
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    missed.add(keys.get(i));
                }
            }
        }
        return missed;
    }

    /**
     * How many keys go in one list. Derby plans a long {@code IN} list as a scan of the whole table testing each row
     * against the list (its statement cache keeps the plan made while the table was small): there one key at a time,
     * an index lookup, costs least and stays the same as the table grows. PostgreSQL probes its index with the list.
     */
    static int inList(Connection c) throws SQLException {
        return derby(c) ? 1 : IN_LIST;
    }

    /** Whether {@code c} is a connection to Derby (its own storage properties and syntax apply). */
    static boolean derby(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().startsWith("Apache Derby");
    }

    static String marks(int n) {
        return "(" + "?, ".repeat(n - 1) + "?)";
    }

    /** Whether the statement (or a statement of the batch) broke a unique or primary key: SQL state 23505. */
    static boolean duplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) {
                return true;
            }
            for (Throwable cause = x.getCause(); cause != null && cause != x; cause = cause.getCause()) {
                if (cause instanceof SQLException s && "23505".equals(s.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }
}
