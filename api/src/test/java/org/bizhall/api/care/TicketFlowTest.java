package org.bizhall.api.care;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.NationalParams;
import org.junit.Test;

/** The complaint flow of rulebook §12 as one table: every state against every step. */
public class TicketFlowTest {
    @Test
    public void rules12_eachStepLeadsFromItsStatesToItsState() {
        assertEquals(TicketState.DISPATCHED, TicketFlow.next(TicketState.OPEN, TicketAction.DISPATCH, true));
        assertEquals("re-dispatch", TicketState.DISPATCHED, TicketFlow.next(TicketState.DISPATCHED, TicketAction.DISPATCH, true));
        assertEquals(TicketState.REPLIED, TicketFlow.next(TicketState.DISPATCHED, TicketAction.REPLY, true));
        assertEquals("unresolved", TicketState.DISPATCHED, TicketFlow.next(TicketState.DISPATCHED, TicketAction.REPLY, false));
        assertEquals(TicketState.CALLED_BACK, TicketFlow.next(TicketState.REPLIED, TicketAction.CALLBACK, true));
        assertEquals("not satisfied", TicketState.DISPATCHED, TicketFlow.next(TicketState.REPLIED, TicketAction.CALLBACK, false));
        assertEquals("on the spot", TicketState.CLOSED, TicketFlow.next(TicketState.OPEN, TicketAction.CLOSE, true));
        assertEquals(TicketState.CLOSED, TicketFlow.next(TicketState.CALLED_BACK, TicketAction.CLOSE, true));
    }

    @Test
    public void rules12_everyOtherStepIsOutOfOrder() {
        int refused = 0;
        for (TicketState from : TicketState.values()) {
            for (TicketAction action : TicketAction.values()) {
                boolean allowed = switch (action) {
                    case INTAKE -> false;
                    case DISPATCH -> from == TicketState.OPEN || from == TicketState.DISPATCHED;
                    case REPLY -> from == TicketState.DISPATCHED;
                    case CALLBACK -> from == TicketState.REPLIED;
                    case CLOSE -> from == TicketState.OPEN || from == TicketState.CALLED_BACK;
                };
                if (!allowed) {
                    ProblemException e = assertThrows(from + " " + action, ProblemException.class,
                            () -> TicketFlow.next(from, action, true));
                    assertEquals(409, e.status());
                    assertEquals("TICKET_STATE_CONFLICT", e.code());
                    refused++;
                }
            }
        }
        assertEquals("six steps are allowed, every other pair refused", 5 * 5 - 6, refused);
    }

    @Test
    public void rules12_theCounterTakesInCallsBackAndCloses_theBackOfficeDispatchesAndReplies() {
        assertEquals(Set.of(Role.OPERATOR, Role.MANAGER), TicketFlow.roles(TicketAction.INTAKE));
        assertEquals(Set.of(Role.OPERATOR, Role.MANAGER), TicketFlow.roles(TicketAction.CALLBACK));
        assertEquals(Set.of(Role.OPERATOR, Role.MANAGER), TicketFlow.roles(TicketAction.CLOSE));
        assertEquals(Set.of(Role.BACKOFFICE), TicketFlow.roles(TicketAction.DISPATCH));
        assertEquals(Set.of(Role.BACKOFFICE), TicketFlow.roles(TicketAction.REPLY));
    }

    @Test
    public void rules12_eachOpenStateIsDueByItsProvinceParameter() {
        assertEquals(NationalParams.TICKET_DISPATCH_HOURS, TicketFlow.dueHoursParam(TicketState.OPEN));
        assertEquals(NationalParams.TICKET_REPLY_HOURS, TicketFlow.dueHoursParam(TicketState.DISPATCHED));
        assertEquals(NationalParams.TICKET_CALLBACK_HOURS, TicketFlow.dueHoursParam(TicketState.REPLIED));
        assertEquals(NationalParams.TICKET_CLOSE_HOURS, TicketFlow.dueHoursParam(TicketState.CALLED_BACK));
        assertNull(TicketFlow.dueHoursParam(TicketState.CLOSED));
    }

    @Test
    public void rules12_textsKeepChineseAndShortNumbersAndMaskIdentityAndCardNumbers() {
        assertEquals("身份证**************002X，卡号***************0123，电话13891800001，金额50元",
                TicketTexts.masked("身份证11010519491231002X，卡号6222021234567890123，电话13891800001，金额50元"));
        assertEquals("15位***********1234", TicketTexts.masked("15位110105491231234"));
        assertNull(TicketTexts.kept("  ", false, "text"));
        assertEquals("TICKET_TEXT_MISSING", assertThrows(ProblemException.class,
                () -> TicketTexts.kept(null, true, "text")).code());
        assertEquals("TEXT_TOO_LONG", assertThrows(ProblemException.class,
                () -> TicketTexts.kept("长".repeat(2001), true, "text")).code());
    }
}
