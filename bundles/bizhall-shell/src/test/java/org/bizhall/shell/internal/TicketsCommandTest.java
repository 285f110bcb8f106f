package org.bizhall.shell.internal;

import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import org.bizhall.api.care.Ticket;
import org.bizhall.api.care.TicketCategory;
import org.bizhall.api.care.TicketChannel;
import org.bizhall.api.care.TicketState;
import org.bizhall.api.common.Page;
import org.junit.Test;

/** {@code hall:tickets}: one line per ticket, the late ones marked (rules §12). */
public class TicketsCommandTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-05T10:00:00+08:00");

    private static Ticket ticket(String id, TicketState state, TicketCategory department, boolean overdue) {
        return new Ticket(id, "SN", "SN-XA-001", TicketChannel.HOTLINE, "13891800001", TicketCategory.NETWORK, "信号差",
                state, department, state == TicketState.CLOSED ? null : AT.plusHours(2), overdue, AT, "op-sn", AT,
                List.of());
    }

    @Test
    public void rules12_eachTicketOnALineTheLateOnesMarkedOverdue() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TicketsCommand.table(new Page<>(List.of(ticket("41", TicketState.OPEN, null, true),
                ticket("42", TicketState.DISPATCHED, TicketCategory.BILLING, false),
                ticket("43", TicketState.CLOSED, null, false)), 3))
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8), StandardCharsets.UTF_8, true);
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table, table.lines().anyMatch(l -> l.contains("41") && l.contains("OPEN") && l.contains("OVERDUE")
                && l.contains("2026-11-05 12:00:00")));
        assertTrue(table, table.lines().anyMatch(l -> l.contains("42") && l.contains("BILLING") && !l.contains("OVERDUE")));
        assertTrue(table, table.lines().anyMatch(l -> l.contains("43") && l.contains("CLOSED") && !l.contains("OVERDUE")));
    }
}
