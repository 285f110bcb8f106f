package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bizhall.api.care.NewTicket;
import org.bizhall.api.care.Ticket;
import org.bizhall.api.care.TicketAction;
import org.bizhall.api.care.TicketCategory;
import org.bizhall.api.care.TicketChannel;
import org.bizhall.api.care.TicketQuery;
import org.bizhall.api.care.TicketState;
import org.bizhall.api.care.TicketStep;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.NewSubscriber;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Complaint tickets (rulebook §12) on the real schema: the flow, its roles, due times, provinces and texts. */
public class TicketServiceTest {
    private static final Caller OP_SN = new Caller("op-sn", Role.OPERATOR, "SN-XA-001", "SN", Set.of());
    private static final Caller MGR_SN = new Caller("mgr-sn", Role.MANAGER, "SN-XA-001", "SN", Set.of());
    private static final Caller BO_SN = new Caller("bo-sn", Role.BACKOFFICE, "SN-XA-001", "SN", Set.of());
    private static final Caller OP_SX = new Caller("op-sx", Role.OPERATOR, "SX-TY-001", "SX", Set.of());
    private static final Caller MGR_SX = new Caller("mgr-sx", Role.MANAGER, "SX-TY-001", "SX", Set.of());

    private TestDatabase db;

    @Before
    public void start() throws Exception {
        db = new TestDatabase();
    }

    @After
    public void stop() {
        db.close();
    }

    private Ticket open(Caller caller, TicketChannel channel, String text) {
        return db.tickets.open(caller, new NewTicket(channel, "13891800001", TicketCategory.NETWORK, text));
    }

    private Ticket open() {
        return open(OP_SN, TicketChannel.HALL, "家里信号很差，通话经常中断");
    }

    private int rows(String table) throws Exception {
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static ProblemException refused(int status, String code, Runnable call) {
        ProblemException e = assertThrows(ProblemException.class, call::run);
        assertEquals(e.detail(), code, e.code());
        assertEquals(status, e.status());
        return e;
    }

    @Test
    public void rules12_oneIntakeForEveryChannel_openWithTheDispatchDueTime() {
        OffsetDateTime now = db.clock.now();
        for (TicketChannel channel : TicketChannel.values()) {
            Ticket t = open(OP_SN, channel, "话费扣错了");
            assertEquals(channel, t.channel());
            assertEquals(TicketState.OPEN, t.state());
            assertEquals("SN", t.province());
            assertEquals("SN-XA-001", t.hall());
            assertEquals("the province's ticketDispatchHours (2)", now.plusHours(2).toInstant(), t.dueAt().toInstant());
            assertFalse(t.overdue());
            assertEquals(1, t.history().size());
            TicketStep intake = t.history().get(0);
            assertEquals(TicketAction.INTAKE, intake.action());
            assertEquals("op-sn", intake.by());
            assertEquals("operator", intake.role());
            assertEquals(t, db.tickets.get(OP_SN, t.id()));
        }
        assertEquals("a manager takes complaints in too", TicketState.OPEN, open(MGR_SN, TicketChannel.HOTLINE, "投诉").state());
    }

    @Test
    public void rules12_answeredOnTheSpot_theCounterClosesAnOpenTicket() {
        Ticket t = db.tickets.close(OP_SN, open().id(), "现场解释，客户满意");
        assertEquals(TicketState.CLOSED, t.state());
        assertNull("a closed ticket is due for nothing", t.dueAt());
        assertEquals(List.of(TicketAction.INTAKE, TicketAction.CLOSE), t.history().stream().map(TicketStep::action).toList());
        assertEquals("现场解释，客户满意", t.history().get(1).text());
    }

    @Test
    public void rules12_dispatchReplyCallbackClose_eachStateWithItsDueTimeAndResponsibleParty() {
        Ticket t = open();
        db.clock.plusMinutes(30);
        OffsetDateTime dispatched = db.clock.now();
        t = db.tickets.dispatch(BO_SN, t.id(), TicketCategory.NETWORK);
        assertEquals(TicketState.DISPATCHED, t.state());
        assertEquals(TicketCategory.NETWORK, t.department());
        assertEquals("ticketReplyHours (48)", dispatched.plusHours(48).toInstant(), t.dueAt().toInstant());
        db.clock.plusMinutes(60 * 20);
        OffsetDateTime replied = db.clock.now();
        t = db.tickets.reply(BO_SN, t.id(), "基站已调整", true);
        assertEquals(TicketState.REPLIED, t.state());
        assertEquals("ticketCallbackHours (24)", replied.plusHours(24).toInstant(), t.dueAt().toInstant());
        t = db.tickets.callback(OP_SN, t.id(), "客户确认信号恢复", true);
        assertEquals(TicketState.CALLED_BACK, t.state());
        assertEquals("ticketCloseHours (24)", replied.plusHours(24).toInstant(), t.dueAt().toInstant());
        t = db.tickets.close(MGR_SN, t.id(), "结案");
        assertEquals(TicketState.CLOSED, t.state());
        assertEquals(List.of("INTAKE op-sn operator OPEN", "DISPATCH bo-sn backoffice DISPATCHED",
                "REPLY bo-sn backoffice REPLIED", "CALLBACK op-sn operator CALLED_BACK", "CLOSE mgr-sn manager CLOSED"),
                t.history().stream().map(s -> s.action() + " " + s.by() + " " + s.role() + " " + s.state()).toList());
        assertEquals(Boolean.TRUE, t.history().get(2).outcome());
        assertEquals(TicketCategory.NETWORK, t.history().get(1).department());
        assertEquals(dispatched, t.history().get(1).at());
    }

    @Test
    public void rules12_anUnresolvedReplyGoesBackToDispatched_andIsDispatchedAgain() {
        Ticket t = db.tickets.dispatch(BO_SN, open().id(), TicketCategory.NETWORK);
        t = db.tickets.reply(BO_SN, t.id(), "不属于网络问题", false);
        assertEquals(TicketState.DISPATCHED, t.state());
        assertEquals(Boolean.FALSE, t.history().get(2).outcome());
        t = db.tickets.dispatch(BO_SN, t.id(), TicketCategory.BILLING);
        assertEquals(TicketState.DISPATCHED, t.state());
        assertEquals(TicketCategory.BILLING, t.department());
        assertEquals(TicketState.REPLIED, db.tickets.reply(BO_SN, t.id(), "已退还多扣话费", true).state());
    }

    @Test
    public void rules12_aCustomerNotSatisfiedAtTheCallbackSendsTheTicketBackToItsDepartment() {
        Ticket t = db.tickets.dispatch(BO_SN, open().id(), TicketCategory.NETWORK);
        t = db.tickets.reply(BO_SN, t.id(), "已处理", true);
        t = db.tickets.callback(OP_SN, t.id(), "客户表示仍然没有信号", false);
        assertEquals(TicketState.DISPATCHED, t.state());
        assertEquals(TicketCategory.NETWORK, t.department());
        assertEquals(Boolean.FALSE, t.history().get(3).outcome());
    }

    @Test
    public void rules12_aStepOutOfOrderIs409AndChangesNothing() throws Exception {
        Ticket t = open();
        int steps = rows("ticket_steps");
        refused(409, "TICKET_STATE_CONFLICT", () -> db.tickets.reply(BO_SN, t.id(), "答复", true));
        refused(409, "TICKET_STATE_CONFLICT", () -> db.tickets.callback(OP_SN, t.id(), "回访", true));
        db.tickets.dispatch(BO_SN, t.id(), TicketCategory.CARD);
        refused(409, "TICKET_STATE_CONFLICT", () -> db.tickets.close(OP_SN, t.id(), "结案"));
        refused(409, "TICKET_STATE_CONFLICT", () -> db.tickets.callback(OP_SN, t.id(), "回访", true));
        Ticket now = db.tickets.get(OP_SN, t.id());
        assertEquals(TicketState.DISPATCHED, now.state());
        assertEquals(steps + 1, rows("ticket_steps"));
        db.tickets.reply(BO_SN, t.id(), "答复", true);
        db.tickets.callback(OP_SN, t.id(), "回访", true);
        db.tickets.close(OP_SN, t.id(), null);
        refused(409, "TICKET_STATE_CONFLICT", () -> db.tickets.close(OP_SN, t.id(), "再次结案"));
        refused(409, "TICKET_STATE_CONFLICT", () -> db.tickets.dispatch(BO_SN, t.id(), TicketCategory.CARD));
    }

    @Test
    public void rules12_eachStepHasItsResponsibleRole() throws Exception {
        Ticket t = open();
        refused(403, "ROLE_NOT_ALLOWED", () -> db.tickets.dispatch(OP_SN, t.id(), TicketCategory.CARD));
        refused(403, "ROLE_NOT_ALLOWED", () -> db.tickets.dispatch(MGR_SN, t.id(), TicketCategory.CARD));
        refused(403, "ROLE_NOT_ALLOWED", () -> db.tickets.close(BO_SN, t.id(), "结案"));
        refused(403, "ROLE_NOT_ALLOWED", () -> open(BO_SN, TicketChannel.HOTLINE, "投诉"));
        refused(403, "ROLE_NOT_ALLOWED", () -> open(Caller.admin("admin"), TicketChannel.HOTLINE, "投诉"));
        db.tickets.dispatch(BO_SN, t.id(), TicketCategory.CARD);
        refused(403, "ROLE_NOT_ALLOWED", () -> db.tickets.reply(OP_SN, t.id(), "答复", true));
        db.tickets.reply(BO_SN, t.id(), "答复", true);
        refused(403, "ROLE_NOT_ALLOWED", () -> db.tickets.callback(BO_SN, t.id(), "回访", true));
        refused(403, "ROLE_NOT_ALLOWED", () -> db.tickets.list(OP_SN, new TicketQuery(null, null, false, 0, 50)));
        assertEquals(3, db.tickets.get(OP_SN, t.id()).history().size());
    }

    @Test
    public void rules12_aTicketIsSeenAndMovedOnlyInItsProvince() {
        Ticket t = open();
        refused(403, "OTHER_PROVINCE", () -> db.tickets.get(OP_SX, t.id()));
        refused(403, "OTHER_PROVINCE", () -> db.tickets.close(OP_SX, t.id(), "结案"));
        assertEquals(0, db.tickets.list(MGR_SX, new TicketQuery(null, null, false, 0, 50)).total());
        refused(403, "OTHER_PROVINCE", () -> db.tickets.list(MGR_SX, new TicketQuery("SN", null, false, 0, 50)));
        assertEquals(1, db.tickets.list(MGR_SN, new TicketQuery(null, null, false, 0, 50)).total());
        assertEquals("an admin reads every province", t.id(), db.tickets.get(Caller.admin("admin"), t.id()).id());
        refused(404, "TICKET_NOT_FOUND", () -> db.tickets.get(OP_SN, "999999"));
        refused(404, "TICKET_NOT_FOUND", () -> db.tickets.get(OP_SN, "not-a-ticket"));
    }

    @Test
    public void rules12_aSubscriberOfAnotherProvinceComplainsToItsOwnProvince() {
        db.subscribers.register(new NewSubscriber("13591800009", "SX", "SX-TY-001",
                new Customer(CustomerType.PERSONAL, "李四", IdType.ID_CARD, "11010519491231002X", null), "GOTONE-88",
                List.of(), 2L, null, "order-t"));
        refused(403, "OTHER_PROVINCE", () -> db.tickets.open(OP_SN,
                new NewTicket(TicketChannel.HALL, "13591800009", TicketCategory.CARD, "卡坏了")));
        assertEquals(TicketState.OPEN, db.tickets.open(OP_SX,
                new NewTicket(TicketChannel.HALL, "13591800009", TicketCategory.CARD, "卡坏了")).state());
    }

    @Test
    public void rules12_dueTimesComeFromTheProvinceParameters() {
        db.params.with("SN", NationalParams.TICKET_DISPATCH_HOURS, 5).with("SN", NationalParams.TICKET_REPLY_HOURS, 8);
        OffsetDateTime now = db.clock.now();
        Ticket t = open();
        assertEquals(now.plusHours(5).toInstant(), t.dueAt().toInstant());
        assertEquals(now.plusHours(8).toInstant(),
                db.tickets.dispatch(BO_SN, t.id(), TicketCategory.SERVICE).dueAt().toInstant());
    }

    @Test
    public void rules12_overdueListsTheLateTicketsOfTheCallersProvince() {
        Ticket late = open();
        Ticket dispatched = db.tickets.dispatch(BO_SN, open().id(), TicketCategory.BILLING);
        Ticket closed = db.tickets.close(OP_SN, open().id(), "现场解决");
        db.tickets.open(OP_SX, new NewTicket(TicketChannel.HALL, "13591800001", TicketCategory.CARD, "卡坏了"));
        db.clock.plusMinutes(3 * 60);
        TicketQuery overdue = new TicketQuery(null, null, true, 0, 50);
        List<Ticket> lateOnes = db.tickets.list(MGR_SN, overdue).items();
        assertEquals("only the OPEN one is past its 2 hours", List.of(late.id()), lateOnes.stream().map(Ticket::id).toList());
        assertTrue(lateOnes.get(0).overdue());
        assertTrue(db.tickets.get(OP_SN, late.id()).overdue());
        assertFalse(db.tickets.get(OP_SN, dispatched.id()).overdue());
        assertFalse(db.tickets.get(OP_SN, closed.id()).overdue());
        db.clock.plusMinutes(48 * 60);
        assertEquals(Set.of(late.id(), dispatched.id()),
                Set.copyOf(db.tickets.list(BO_SN, overdue).items().stream().map(Ticket::id).toList()));
        assertEquals(List.of(dispatched.id()), db.tickets.list(BO_SN,
                new TicketQuery(null, TicketState.DISPATCHED, true, 0, 50)).items().stream().map(Ticket::id).toList());
        assertEquals("the admin sees every province", 3,
                db.tickets.list(Caller.admin("admin"), overdue).total());
        assertEquals(4, db.tickets.list(Caller.admin("admin"), new TicketQuery(null, null, false, 0, 50)).total());
    }

    @Test
    public void rules12_textsKeepChineseAndMaskIdentityNumbers() {
        Ticket t = open(OP_SN, TicketChannel.HOTLINE, "客户身份证11010519491231002X，银行卡6222021234567890123被多扣，请联系13891800001");
        assertEquals("客户身份证**************002X，银行卡***************0123被多扣，请联系13891800001", t.text());
        String stored = db.tickets.get(MGR_SN, t.id()).text();
        assertFalse(stored, stored.contains("110105"));
        Ticket dispatched = db.tickets.dispatch(BO_SN, t.id(), TicketCategory.BILLING);
        assertEquals("回复：身份证**************002X的客户已退费",
                db.tickets.reply(BO_SN, dispatched.id(), "回复：身份证11010519491231002X的客户已退费", true)
                        .history().get(2).text());
    }

    @Test
    public void rules12_badInputIsRefusedAndStoresNothing() throws Exception {
        int before = rows("tickets");
        refused(400, "TICKET_TEXT_MISSING", () -> open(OP_SN, TicketChannel.HALL, "  "));
        refused(400, "TICKET_CHANNEL_INVALID", () -> db.tickets.open(OP_SN,
                new NewTicket(null, "13891800001", TicketCategory.CARD, "投诉")));
        refused(400, "TICKET_CATEGORY_INVALID", () -> db.tickets.open(OP_SN,
                new NewTicket(TicketChannel.HALL, "13891800001", null, "投诉")));
        assertEquals("msisdn", assertThrows(ProblemException.class, () -> db.tickets.open(OP_SN,
                new NewTicket(TicketChannel.HALL, "12345", TicketCategory.CARD, "投诉"))).field());
        assertEquals("text", refused(400, "TEXT_TOO_LONG",
                () -> open(OP_SN, TicketChannel.HALL, "长".repeat(2001))).field());
        assertEquals(before, rows("tickets"));
        Ticket t = open();
        db.tickets.dispatch(BO_SN, t.id(), TicketCategory.CARD);
        refused(400, "TICKET_TEXT_MISSING", () -> db.tickets.reply(BO_SN, t.id(), null, true));
        assertEquals(TicketState.DISPATCHED, db.tickets.get(OP_SN, t.id()).state());
        refused(400, "TICKET_DEPARTMENT_INVALID", () -> db.tickets.dispatch(BO_SN, t.id(), null));
    }

    @Test
    public void rules12_twoCallbacksAtOnceTakeOneStep_theOtherFindsTheTicketMoved() throws Exception {
        Ticket t = db.tickets.dispatch(BO_SN, open().id(), TicketCategory.NETWORK);
        db.tickets.reply(BO_SN, t.id(), "已处理", true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<TicketState>> outcomes = new ArrayList<>();
        try {
            for (boolean satisfied : new boolean[] {true, false}) {
                Callable<TicketState> call = () -> {
                    start.await();
                    return db.tickets.callback(satisfied ? OP_SN : MGR_SN, t.id(), "回访", satisfied).state();
                };
                outcomes.add(pool.submit(call));
            }
            start.countDown();
            int moved = 0;
            int refused = 0;
            for (Future<TicketState> outcome : outcomes) {
                try {
                    outcome.get();
                    moved++;
                } catch (ExecutionException e) {
                    ProblemException p = (ProblemException) e.getCause();
                    assertEquals(409, p.status());
                    refused++;
                }
            }
            assertEquals(1, moved);
            assertEquals(1, refused);
        } finally {
            pool.shutdownNow();
        }
        Ticket after = db.tickets.get(OP_SN, t.id());
        assertEquals("one callback in the history", 1,
                after.history().stream().filter(s -> s.action() == TicketAction.CALLBACK).count());
    }

    @Test
    public void rules12_everyStepIsAudited() {
        Ticket t = db.tickets.dispatch(BO_SN, open().id(), TicketCategory.NETWORK);
        assertEquals(TicketState.DISPATCHED, t.state());
        List<String> actions = Tx.call(db.jpa, em -> em.createQuery(
                "select a.action from AuditEntity a where a.subject = :s order by a.id", String.class)
                .setParameter("s", "ticket " + t.id()).getResultList());
        assertEquals(List.of("TICKET_OPENED", "TICKET_DISPATCH"), actions);
        assertTrue(Duration.between(t.history().get(0).at(), t.history().get(1).at()).isZero());
    }
}
