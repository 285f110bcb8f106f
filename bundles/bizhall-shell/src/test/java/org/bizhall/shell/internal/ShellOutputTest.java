package org.bizhall.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import java.security.PrivilegedExceptionAction;
import java.util.Optional;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.Role;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.ProcedureListing;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class ShellOutputTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Before
    public void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @After
    public void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private static String print(ShellTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), StandardCharsets.UTF_8, true);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ProcedureListing listing(String province, String provider, int ranking, boolean active) {
        return new ProcedureListing("ownership-transfer", "过户 Ownership transfer", "1.0.0", province, provider, ranking,
                "{}", List.of("HOLDER_ID"), Map.of(), List.of("quote", "payment", "execute"), active, false, List.of(),
                active ? (province.equals("*") ? ProcedureListing.DEFAULT : ProcedureListing.PROVINCE) : null);
    }

    @Test
    public void proceduresTableSaysWhyAProviderIsInUse_issue12Routing() {
        ProcedureListing pinned = new ProcedureListing("account-opening", "新开户", "1.0.0", "*",
                "org.bizhall.procedure.opening/1.0.0", 0, "{}", List.of(), Map.of(), List.of(), true, false, List.of(),
                ProcedureListing.PIN);
        String table = print(ProceduresCommand.table(List.of(pinned, listing("SN", "org.bizhall.province.sn/1.0.0", 100,
                true), listing("*", "org.bizhall.procedure.transfer/1.0.0", 0, true),
                listing("*", "org.bizhall.procedure.transfer/1.0.0", 0, false))));
        String[] lines = table.split("\\R");
        assertTrue(table, lines[2].contains("pinned"));
        assertTrue(table, lines[3].contains("province, ranking 100"));
        assertTrue(table, lines[4].contains("national default"));
        assertFalse(table, lines[5].contains("default") || lines[5].contains("pinned"));
        assertEquals("org.bizhall.province.sn", RouteCommand.symbolicName(listing("SN", "org.bizhall.province.sn/1.0.0",
                100, true)));
    }

    @Test
    public void proceduresTableMarksTheProviderInUse() {
        String table = print(ProceduresCommand.table(List.of(
                listing("*", "org.bizhall.procedure.transfer/1.0.0", 0, false),
                listing("SN", "org.bizhall.province.sn/1.0.0", 100, true))));

        String[] lines = table.split("\\R");
        assertTrue(table, lines[0].startsWith("Id"));
        String national = lines[2];
        String shaanxi = lines[3];
        assertTrue(national, national.contains("org.bizhall.procedure.transfer/1.0.0"));
        assertFalse(national, national.trim().endsWith("*"));
        assertTrue(shaanxi, shaanxi.contains("org.bizhall.province.sn/1.0.0") && shaanxi.contains("100"));
        assertTrue(shaanxi, shaanxi.trim().endsWith("*"));
    }

    @Test
    public void provinceTableShowsFenAmountsInYuanToo() {
        Map<String, Object> values = new TreeMap<>(Map.of("transferMinDepositFen", 20000L, "arrearsGraceDays", 30));
        String table = print(ProvinceCommand.table(values));

        assertTrue(table, table.lines().anyMatch(l -> l.contains("transferMinDepositFen") && l.contains("20000")
                && l.contains("200.00")));
        assertTrue(table, table.lines().anyMatch(l -> l.contains("arrearsGraceDays") && !l.contains(".00")));
    }

    @Test
    public void moneyIsYuanWithTwoDecimalsBesideFen() {
        assertEquals("200.00 yuan (20000 fen)", Format.money(20000));
        assertEquals("0.05 yuan (5 fen)", Format.money(5));
        assertEquals("-3.50", Format.yuan(-350));
    }

    /** docs/operations.md "Shell": a refused command fails (the SSH exec request exits 1) and says why. */
    @Test
    public void aRefusalFailsTheCommandWithCodeAndDetail_issue8() throws Exception {
        OrderCommand command = new OrderCommand();
        command.id = "no-such-order";
        command.orders = (OrderService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {OrderService.class}, (proxy, method, args) -> {
                    throw ProblemException.notFound("ORDER_NOT_FOUND", "no order no-such-order");
                });

        CommandException failed = assertThrows(CommandException.class, command::execute);

        assertEquals("ORDER_NOT_FOUND: no order no-such-order", failed.getMessage());
        assertEquals("what Karaf prints on the console", "ORDER_NOT_FOUND: no order no-such-order", failed.getNiceHelp());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void unknownStateIsRefusedBeforeTheEngineIsAsked() throws Exception {
        OrdersCommand command = new OrdersCommand();
        command.state = "DONE";
        command.orders = (OrderService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {OrderService.class}, (proxy, method, args) -> {
                    throw new AssertionError("the engine must not be asked");
                });

        CommandException failed = assertThrows(CommandException.class, command::execute);

        assertTrue(failed.getNiceHelp(), failed.getNiceHelp().startsWith("STATE_INVALID: "));
    }

    /** Rulebook §14: {@code hall:orders} and {@code hall:order} show the priority the engine gave the order. */
    @Test
    public void rules14_theOrderViewsShowThePriorityTheOrderWasSubmittedWith() {
        java.time.OffsetDateTime created = java.time.OffsetDateTime.parse("2026-11-10T10:00:00+08:00");
        org.bizhall.api.order.Order vip = new org.bizhall.api.order.Order("o-1", "bill-payment", "p/1.0.0", "SN",
                "SN-XA-001", "op-sn", "13891810001", null, List.of(), List.of(), Map.of(),
                org.bizhall.api.order.OrderState.COMPLETED, null, null, Map.of(), null, created, created, List.of(),
                org.bizhall.api.order.Order.VIP);
        org.bizhall.api.order.Order normal = new org.bizhall.api.order.Order("o-2", "suspend", "p/1.0.0", "SN",
                "SN-XA-001", "op-sn", "13891810002", null, List.of(), List.of(), Map.of(),
                org.bizhall.api.order.OrderState.COMPLETED, null, null, Map.of(), null, created, created, List.of());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        OrdersCommand.table(new org.bizhall.api.common.Page<>(List.of(vip, normal), 2))
                .print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table, table.contains("Priority"));
        String vipRow = table.lines().filter(l -> l.contains("o-1")).findFirst().orElseThrow();
        String normalRow = table.lines().filter(l -> l.contains("o-2")).findFirst().orElseThrow();
        assertTrue(vipRow, vipRow.contains("VIP"));
        assertTrue(normalRow, normalRow.contains("NORMAL"));

        ByteArrayOutputStream view = new ByteArrayOutputStream();
        OrderCommand.print(vip.masked(), List.of(), new PrintStream(view, true, StandardCharsets.UTF_8));
        assertTrue(view.toString(StandardCharsets.UTF_8),
                view.toString(StandardCharsets.UTF_8).contains("Priority   VIP"));
    }

    /** {@code hall:orders --state SCHEDULED} tells when each waiting order is due (a package change's month turn). */
    @Test
    public void waitingOrdersShowWhenTheyAreDue() {
        java.time.OffsetDateTime created = java.time.OffsetDateTime.parse("2026-11-10T10:00:00+08:00");
        org.bizhall.api.order.Order scheduled = new org.bizhall.api.order.Order("o-1", "package-change", "p/1.0.0", "SN",
                "SN-XA-001", "op-sn", "13891810001", null, List.of(), List.of(), Map.of(),
                org.bizhall.api.order.OrderState.SCHEDULED, org.bizhall.api.order.Awaiting.DATE, null,
                Map.of("dueAt", "2026-12-01T00:00+08:00"), null, created, created, List.of());
        org.bizhall.api.order.Order done = new org.bizhall.api.order.Order("o-2", "suspend", "p/1.0.0", "SN",
                "SN-XA-001", "op-sn", "13891810001", null, List.of(), List.of(), Map.of(),
                org.bizhall.api.order.OrderState.COMPLETED, null, null, Map.of(), null, created, created, List.of());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        OrdersCommand.table(new org.bizhall.api.common.Page<>(List.of(scheduled, done), 2))
                .print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table, table.contains("Due"));
        assertTrue(table, table.contains("2026-12-01 00:00:00"));
        assertEquals("2026-12-01 00:00:00", OrdersCommand.due(scheduled));
        assertEquals("", OrdersCommand.due(done));
    }

    @Test
    public void commandWhoseServiceIsDownSaysSo() throws Exception {
        DemoDataCommand command = new DemoDataCommand();

        CommandException failed = assertThrows(CommandException.class, command::execute);

        assertTrue(failed.getNiceHelp(), failed.getNiceHelp().startsWith("SERVICE_UNAVAILABLE: "));
    }

    private static Subject subject(String user, String... roles) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        return subject;
    }

    private static Caller callerAs(Subject subject, HallDirectory halls) throws Exception {
        DemoDataCommand command = new DemoDataCommand();
        command.halls = halls;
        return Subject.doAs(subject, (PrivilegedExceptionAction<Caller>) command::caller);
    }

    /** Issue 8: a shell user acts with its own role and hall, not as an admin. */
    @Test
    public void aShellUserActsWithItsOwnRoleAndHall_issue8() throws Exception {
        Caller staff = new Caller("op-sn", Role.OPERATOR, "SN-XA-001", "SN", java.util.Set.of());
        HallDirectory halls = (HallDirectory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HallDirectory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("caller")) {
                        return "op-sn".equals(args[0]) && args[1] == Role.OPERATOR ? Optional.of(staff) : Optional.empty();
                    }
                    throw new AssertionError(method.getName());
                });
        assertEquals(staff, callerAs(subject("op-sn", "operator", "ssh"), halls));
        // Karaf's admin group carries "manager" too: admin wins
        Caller admin = callerAs(subject("admin", "admin", "manager", "viewer", "ssh"), halls);
        assertTrue(admin.isAdmin());
        assertEquals("admin", admin.user());

        ProblemException noHall = assertThrows(ProblemException.class,
                () -> callerAs(subject("op-gone", "operator", "ssh"), halls));
        assertEquals("NO_HALL", noHall.code());
        ProblemException noRole = assertThrows(ProblemException.class,
                () -> callerAs(subject("guest", "viewer", "ssh"), halls));
        assertEquals("ROLE_NOT_ALLOWED", noRole.code());
    }

    @Test
    public void commandsActAsKarafWhenTheSessionCarriesNoUser() {
        assertEquals("karaf", new DemoDataCommand().caller().user());
        assertTrue(new DemoDataCommand().caller().isAdmin());
    }

    @Test
    public void devicesTableShowsAnUnboundDeviceAsSuch_hallDevices() {
        String table = print(DevicesCommand.table(List.of(
                new org.bizhall.api.device.Device("SN-XA-001-printer", "SN-XA-001",
                        org.bizhall.api.device.DeviceKind.RECEIPT_PRINTER, "simulator", true,
                        org.bizhall.api.device.DeviceStatus.ONLINE, null),
                new org.bizhall.api.device.Device("SN-XA-001-reader", "SN-XA-001",
                        org.bizhall.api.device.DeviceKind.ID_CARD_READER, "acme", false,
                        org.bizhall.api.device.DeviceStatus.OFFLINE, "no driver acme for ID_CARD_READER is installed"))));
        String[] lines = table.split("\\R");
        assertTrue(table, lines[0].startsWith("Id"));
        assertTrue(table, lines[2].contains("RECEIPT_PRINTER") && lines[2].contains("yes") && lines[2].contains("ONLINE"));
        assertTrue(table, lines[3].contains("unbound") && lines[3].contains("OFFLINE") && lines[3].contains("no driver acme"));
    }

    @Test
    public void deviceTestLineSaysStatusAndWhatTheDriverSaw() {
        String line = DeviceTestCommand.line(new org.bizhall.api.device.Device("SN-XA-001-printer", "SN-XA-001",
                org.bizhall.api.device.DeviceKind.RECEIPT_PRINTER, "simulator", true,
                org.bizhall.api.device.DeviceStatus.ONLINE, null),
                org.bizhall.api.device.DeviceTestResult.online("test page printed"));
        assertEquals("SN-XA-001-printer (RECEIPT_PRINTER, driver simulator): ONLINE - test page printed", line);
    }

    @Test
    public void ratingsPrintTheDayAndEachOperatorsCountAndAverage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RatingsCommand.print(new org.bizhall.api.counter.RatingSummary("SN-XA-001", java.time.LocalDate.of(2026, 11, 5),
                3, 4.33, List.of(new org.bizhall.api.counter.OperatorRating("mgr-sn", 1, 4.0),
                        new org.bizhall.api.counter.OperatorRating("op-sn", 2, 4.5))),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals("Hall SN-XA-001   date 2026-11-05   3 ratings, average 4.33", lines[0]);
        assertEquals("  op-sn           2  4.50", lines[2]);
    }

    @Test
    public void aDeskPhoneRegistrationLineSaysWhetherThePortAcceptedIt() {
        String line = DeskPhoneRegisterCommand.line(new org.bizhall.api.counter.TerminalRegistration(
                "SN-XA-001-desk-phone", "SN-XA-001", "ZTE", "TD-SCDMA", "F100", "13891800001", false, "admin", null));
        assertTrue(line, line.endsWith("13891800001: REFUSED by the terminal-management port"));
    }
}
