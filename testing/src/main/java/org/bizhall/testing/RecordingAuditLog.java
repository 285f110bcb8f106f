package org.bizhall.testing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;

/**
 * An audit trail that keeps every entry in memory for the test to read. Like the real log it refuses an action that
 * is not an UPPER_SNAKE word (400 {@code AUDIT_ACTION_INVALID}) and stamps entries with the business clock.
 */
public final class RecordingAuditLog implements AuditLog, DirectTransactions.Participant {
    private final BusinessClock clock;
    private List<AuditEntry> entries = new ArrayList<>();

    public RecordingAuditLog() {
        this(new SettableClock());
    }

    public RecordingAuditLog(BusinessClock clock) {
        this.clock = clock;
    }

    @Override
    public void record(String actor, String action, String orderId, String subject, Long amountFen, String detail) {
        if (action == null || !action.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*")) {
            throw ProblemException.badRequest("AUDIT_ACTION_INVALID", "an audit action is an UPPER_SNAKE word", "action");
        }
        OffsetDateTime at = clock.now();
        entries.add(new AuditEntry(entries.size() + 1L, at, actor, action, orderId, subject, amountFen, detail));
    }

    @Override
    public List<AuditEntry> forOrder(String orderId) {
        return entries.stream().filter(e -> orderId.equals(e.orderId())).toList();
    }

    /** Every entry, oldest first. */
    public List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    /** Every entry rendered as the test wants to compare it, e.g. {@code e -> e.action() + " " + e.subject()}. */
    public List<String> lines(Function<AuditEntry, String> render) {
        return entries.stream().map(render).toList();
    }

    /** The actions recorded, oldest first. */
    public List<String> actions() {
        return lines(AuditEntry::action);
    }

    @Override
    public Object snapshot() {
        return new ArrayList<>(entries);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        entries = new ArrayList<>((List<AuditEntry>) snapshot);
    }
}
