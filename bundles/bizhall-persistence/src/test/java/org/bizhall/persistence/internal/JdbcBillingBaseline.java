package org.bizhall.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

/**
 * What a billing run writes, written by hand with plain JDBC batches and nothing else: the yardstick of the billing
 * benchmark. Per page of 200 subscribers (by key, one transaction each, as the run): the balances ({@code UPDATE}),
 * their new values read back, the {@code RENT} ledger entries, their ids read back (as the store does: in one
 * list on PostgreSQL, one key at a time on Derby, see {@link Jdbc#inList}), the claims ({@code bill_charges}),
 * one audit row per charge, and the points earned (balance row, movement, earning claim). It knows the database is
 * fresh (no claim, no points balance yet), decides nothing and checks nothing: the run must also lock, look its
 * claims up and read package changes.
 */
final class JdbcBillingBaseline {
    static final int PAGE = 200;
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    /** The counts of one pass: charges posted and fen posted. */
    record Result(long charged, long totalFen) {
    }

    private JdbcBillingBaseline() {
    }

    static Result run(DataSource ds, YearMonth month, Instant now, ToLongFunction<String> rentOfPackage)
            throws SQLException {
        Timestamp at = Timestamp.from(now);
        long charged = 0;
        long total = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement page = c.prepareStatement("SELECT msisdn, account_id, package_code FROM subscribers"
                    + " WHERE msisdn > ? ORDER BY msisdn");
                    PreparedStatement balance = c.prepareStatement(
                            "UPDATE accounts SET balance_fen = balance_fen - ? WHERE id = ?");
                    PreparedStatement ledger = c.prepareStatement("INSERT INTO ledger_entries (account_id, kind,"
                            + " amount_fen, balance_after_fen, posted_at, order_id, note) VALUES (?, 'RENT', ?, ?, ?, NULL, ?)");
                    PreparedStatement claim = c.prepareStatement("INSERT INTO bill_charges (account_id, msisdn,"
                            + " bill_month, item, amount_fen, ledger_entry_id, charged_at) VALUES (?, ?, ?, 'RENT', ?, ?, ?)");
                    PreparedStatement audit = c.prepareStatement("INSERT INTO audit_log (occurred_at, actor, action,"
                            + " order_id, subject, amount_fen, detail) VALUES (?, 'system', 'LEDGER_POSTED', NULL, ?, ?, 'RENT')");
                    PreparedStatement pointsBalance = c.prepareStatement(
                            "INSERT INTO points_balances (msisdn, balance, updated_at) VALUES (?, ?, ?)");
                    PreparedStatement movement = c.prepareStatement("INSERT INTO points_movements (msisdn, kind, points,"
                            + " balance_after, earn_month, reason, created_at) VALUES (?, 'EARN', ?, ?, ?, ?, ?)");
                    PreparedStatement earning = c.prepareStatement(
                            "INSERT INTO points_earnings (msisdn, earn_month, movement_id) VALUES (?, ?, ?)")) {
                page.setMaxRows(PAGE);
                String after = "";
                while (true) {
                    List<String> msisdns = new ArrayList<>();
                    List<Long> accounts = new ArrayList<>();
                    List<Long> rents = new ArrayList<>();
                    page.setString(1, after);
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            msisdns.add(rs.getString(1));
                            accounts.add(rs.getLong(2));
                            rents.add(rentOfPackage.applyAsLong(rs.getString(3)));
                        }
                    }
                    if (msisdns.isEmpty()) {
                        c.commit();
                        break;
                    }
                    for (int i = 0; i < accounts.size(); i++) {
                        balance.setLong(1, rents.get(i));
                        balance.setLong(2, accounts.get(i));
                        balance.addBatch();
                    }
                    balance.executeBatch();
                    Map<Long, Long> balances = Jdbc.in(c, "SELECT id, balance_fen FROM accounts WHERE id IN %s", accounts,
                            (q, i, id) -> q.setLong(i, id), (rs, into) -> into.put(rs.getLong(1), rs.getLong(2)));
                    for (int i = 0; i < accounts.size(); i++) {
                        ledger.setLong(1, accounts.get(i));
                        ledger.setLong(2, -rents.get(i));
                        ledger.setLong(3, balances.get(accounts.get(i)));
                        ledger.setTimestamp(4, at, UTC);
                        ledger.setString(5, "月租 " + month);
                        ledger.addBatch();
                    }
                    ledger.executeBatch();
                    Map<Long, Long> entries = Jdbc.in(c, "SELECT account_id, MAX(id) FROM ledger_entries"
                            + " WHERE account_id IN %s GROUP BY account_id", accounts, (q, i, id) -> q.setLong(i, id),
                            (rs, into) -> into.put(rs.getLong(1), rs.getLong(2)));
                    for (int i = 0; i < accounts.size(); i++) {
                        claim.setLong(1, accounts.get(i));
                        claim.setString(2, msisdns.get(i));
                        claim.setString(3, month.toString());
                        claim.setLong(4, rents.get(i));
                        claim.setLong(5, entries.get(accounts.get(i)));
                        claim.setTimestamp(6, at, UTC);
                        claim.addBatch();
                        audit.setTimestamp(1, at, UTC);
                        audit.setString(2, "account " + accounts.get(i));
                        audit.setLong(3, -rents.get(i));
                        audit.addBatch();
                        long points = rents.get(i) / 100;
                        pointsBalance.setString(1, msisdns.get(i));
                        pointsBalance.setLong(2, points);
                        pointsBalance.setTimestamp(3, at, UTC);
                        pointsBalance.addBatch();
                        movement.setString(1, msisdns.get(i));
                        movement.setLong(2, points);
                        movement.setLong(3, points);
                        movement.setString(4, month.toString());
                        movement.setString(5, "积分 " + month);
                        movement.setTimestamp(6, at, UTC);
                        movement.addBatch();
                        charged++;
                        total += rents.get(i);
                    }
                    claim.executeBatch();
                    audit.executeBatch();
                    pointsBalance.executeBatch();
                    movement.executeBatch();
                    Map<String, Long> movements = Jdbc.in(c, "SELECT msisdn, MAX(id) FROM points_movements"
                            + " WHERE msisdn IN %s GROUP BY msisdn", msisdns, (q, i, m) -> q.setString(i, m),
                            (rs, into) -> into.put(rs.getString(1), rs.getLong(2)));
                    for (String msisdn : msisdns) {
                        earning.setString(1, msisdn);
                        earning.setString(2, month.toString());
                        earning.setLong(3, movements.get(msisdn));
                        earning.addBatch();
                    }
                    earning.executeBatch();
                    c.commit();
                    after = msisdns.get(msisdns.size() - 1);
                    if (msisdns.size() < PAGE) {
                        break;
                    }
                }
            }
        }
        return new Result(charged, total);
    }
}
